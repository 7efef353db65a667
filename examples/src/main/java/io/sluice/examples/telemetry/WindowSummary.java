package io.sluice.examples.telemetry;

/** A slot of the summaries ring: one metric over one window. */
final class WindowSummary {
    long window;
    int metric;
    long count;
    long min;
    long max;
    double mean;
    long p50;
    long p99;
    long p999;
}
