package io.sluice.examples.telemetry;

/** A slot of the samples ring: one reading from one sensor. */
final class Sample {
    int sensor;
    int metric;
    long value;
}
