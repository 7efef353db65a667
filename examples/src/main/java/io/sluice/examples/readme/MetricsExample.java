package io.sluice.examples.readme;

import io.sluice.RingBuffer;
import io.sluice.jmx.SluiceMBeans;
import io.sluice.micrometer.SluiceMeters;
import io.sluice.pipeline.Pipeline;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;

/**
 * Where operators look: a ring and its pipeline as Micrometer meters in any registry, the same
 * meters pushed over OTLP, and the ring as a JMX MBean. docs/GUIDE.md quotes the marked part;
 * {@code DocsSnippetsTest} runs {@link #observe} against a registry and the platform MBean server.
 */
public final class MetricsExample {
    private MetricsExample() {
    }

    // docs:start
    /** Binds a ring and its pipeline to a Micrometer registry, and shows the ring in jconsole. */
    static SluiceMBeans.Registration observe(RingBuffer<?> ring, Pipeline<?> pipeline, MeterRegistry registry) {
        SluiceMeters.ring(ring).bindTo(registry);          // sluice.ring.*, and sluice.class.* per producer class
        SluiceMeters.pipeline(pipeline).bindTo(registry);  // sluice.consumer.*, tagged by stage
        return SluiceMBeans.register(ring);                // io.sluice:type=Ring,name=<ring>; close() to remove
    }

    /** A registry that pushes every meter to an OpenTelemetry collector, every 10 seconds. */
    static MeterRegistry otlp(String collectorUrl) {       // e.g. http://collector:4318/v1/metrics
        OtlpConfig config = key -> switch (key) {
            case "otlp.url" -> collectorUrl;
            case "otlp.step" -> "10s";
            default -> null;                                // Micrometer's defaults for the rest
        };
        return new OtlpMeterRegistry(config, Clock.SYSTEM);
    }
    // docs:end
}
