package io.sluice.examples.telemetry;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The telemetry example's {@code /metrics} endpoint, scraped over HTTP while the pipeline runs: the
 * Sluice meters are there in the Prometheus text format, with their values.
 */
class TelemetryMetricsTest {
    @Test
    void aScrapeWhileItRunsHasTheRingsSensorsAndStagesFigures() throws Exception {
        Telemetry.Options options = new Telemetry.Options(3, 3, Duration.ofSeconds(3), 20_000, Telemetry.Policy.SHED, 1,
                Duration.ofMillis(100), 0, 256, null, false);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Telemetry.Result> result = new AtomicReference<>();
            Thread run = new Thread(() -> {
                try {
                    result.set(Telemetry.run(options, new PrintStream(new ByteArrayOutputStream(), true,
                            StandardCharsets.UTF_8), endpoint));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "telemetry");
            run.start();

            Scrape scrape = Scrape.until(endpoint.port(),
                    s -> s.value("sluice_consumer_processed_total", Map.of("ring", "samples", "stage", "aggregate")) > 0,
                    "the aggregator's processed count on /metrics");
            assertEquals(256, scrape.value("sluice_ring_capacity", Map.of("ring", "samples")));
            assertEquals(3, scrape.value("sluice_ring_producers", Map.of("ring", "samples")));
            assertEquals(1, scrape.value("sluice_ring_gating", Map.of("ring", "samples")));
            assertEquals(1024, scrape.value("sluice_ring_capacity", Map.of("ring", "summaries")));
            for (int s = 0; s < 3; s++) {
                assertTrue(scrape.value("sluice_producer_claims_total", Map.of("ring", "samples", "producer", "sensor-" + s)) > 0,
                        "sensor-" + s + " claimed");
            }
            assertTrue(scrape.has("sluice_producer_stall_time_seconds_total"), scrape.text());
            assertTrue(scrape.has("sluice_producer_max_stall_seconds"), scrape.text());
            assertTrue(scrape.has("sluice_consumer_lag"), scrape.text());

            run.join(Duration.ofSeconds(60).toMillis());
            assertNull(failure.get());
            assertTrue(result.get().passed());
        }
    }
}
