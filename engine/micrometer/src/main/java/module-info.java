/**
 * Sluice's counter catalogue as Micrometer meters: {@link io.sluice.micrometer.SluiceMeters}
 * makes a binder for a ring (with its producer classes), a producer handle, a pipeline, a stage
 * or a consumer, and every figure of the catalogue becomes a meter in any Micrometer registry
 * (Prometheus, OTLP, Datadog, JMX...). Depends on {@code micrometer-core} only.
 */
module io.sluice.micrometer {
    requires transitive io.sluice;
    requires transitive micrometer.core;

    exports io.sluice.micrometer;
}
