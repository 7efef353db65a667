package io.sluice.examples.telemetry;

import io.sluice.agrona.CountersFile;

import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The telemetry example, run briefly: drops are counted exactly, windows reach the exporter, counters are visible outside. */
class TelemetryTest {
    @TempDir
    Path directory;

    private static Telemetry.Options options(Telemetry.Policy policy, long rate, long limit, long workNanos, Path counters) {
        return new Telemetry.Options(3, 3, Duration.ofMillis(600), rate, policy, limit, Duration.ofMillis(100),
                workNanos, 256, counters, false);
    }

    private static PrintStream discard() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void sheddingCountsEveryDropExactly() throws InterruptedException {
        Telemetry.Result result = Telemetry.run(options(Telemetry.Policy.SHED, 0, 1, 5_000, null), discard());
        assertTrue(result.dropped() > 0, "a slow aggregator made the sensors shed");
        assertEquals(result.emitted(), result.aggregated() + result.dropped());
        assertTrue(result.passed());
    }

    @Test
    void rateLimitingDropsWhatExceedsTheLimitAndCountsIt() throws InterruptedException {
        Telemetry.Result result = Telemetry.run(options(Telemetry.Policy.RATE_LIMIT, 20_000, 10_000, 0, null), discard());
        assertTrue(result.dropped() > 0, "3 sensors at 20k/s each, a 10k/s limit");
        assertTrue(result.aggregated() < 0.6 * 3 * 20_000, "about 10k/s got through: " + result.aggregated());
        assertEquals(result.emitted(), result.aggregated() + result.dropped());
        assertTrue(result.passed());
    }

    @Test
    void anAdaptiveLimitDropsAtTheSensorsAndCountsEveryDropExactly() throws InterruptedException {
        // Flat-out sensors and a slow aggregator: the limit follows the aggregator, within its bounds.
        Telemetry.Result result = Telemetry.run(options(Telemetry.Policy.ADAPTIVE, 0, 1_000_000, 5_000, null), discard());
        assertTrue(result.dropped() > 0, "flat-out sensors outran a 5 us/reading aggregator");
        assertEquals(result.emitted(), result.aggregated() + result.dropped());
        assertTrue(result.rateLimitAtEnd() >= 1_000 && result.rateLimitAtEnd() <= 1_000_000, "rate " + result.rateLimitAtEnd());
        assertTrue(result.passed());
    }

    @Test
    void delaySheddingCountsEveryDropExactly() throws InterruptedException {
        Telemetry.Result result = Telemetry.run(options(Telemetry.Policy.DELAY, 0, 1, 5_000, null), discard());
        assertEquals(result.emitted(), result.aggregated() + result.dropped());
        assertTrue(result.passed());
    }

    @Test
    void everyWindowReachesTheExporterWithOneSummaryPerMetric() throws InterruptedException {
        Telemetry.Result result = Telemetry.run(options(Telemetry.Policy.SHED, 5_000, 1, 0, null), discard());
        assertEquals(result.aggregated(), result.exportedSamples());
        assertEquals(0, result.summaries() % 3, "3 metrics per window");
        assertTrue(result.summaries() >= 3 * 5, "600 ms of 100 ms windows: " + result.summaries());
    }

    @Test
    void liveCountersAreReadableFromAnotherMapping() throws Exception {
        Path counters = directory.resolve("telemetry.counters");
        Telemetry.Options options = options(Telemetry.Policy.SHED, 0, 1, 5_000, counters);
        long[] drops = {-1};
        Thread run = new Thread(() -> {
            try {
                Telemetry.run(options, discard());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        run.start();
        // Opened as another process would (SluiceStat does the same): the file may not exist yet,
        // or be half made, so wait for its writer to finish creating it; then read the figure,
        // exported every 100 ms, while the pipeline runs.
        try (CountersFile file = CountersFile.open(counters, Duration.ofSeconds(30))) {
            CountersReader values = file.reader();
            while (drops[0] <= 0 && run.isAlive()) {
                values.forEach((value, id, label) -> {
                    if (label.equals("samples: drops")) {
                        drops[0] = value;
                    }
                });
                Thread.sleep(10);
            }
        }
        run.join();
        assertTrue(drops[0] > 0, "the drops counter moved while the pipeline ran: " + drops[0]);
    }

    @Test
    void theCommandWritesCsvAndPrintsItsChecks() throws Exception {
        Path csv = directory.resolve("windows.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TelemetryMain.run(new String[] {"--seconds", "1", "--window-ms", "200", "--out", csv.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertEquals(2, text.lines().filter(line -> line.startsWith("  [ok]")).count(), text);
        List<String> rows = Files.readAllLines(csv);
        assertEquals("window,metric,count,min,mean,max,p50,p99,p999", rows.get(0));
        assertTrue(rows.size() > 4 * 4, "a row per metric per window: " + rows.size());
    }

    @Test
    void helpListsTheOptionsAndBadOptionsAreNamedWithExitCode2() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, TelemetryMain.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--policy"));
        assertBad("--policy must be one of", "--policy", "drop-some");
        assertBad("--sensors must be from 1 to 64: 65", "--sensors", "65");
        assertBad("--window-ms must be from 10 to 3600000: 5", "--window-ms", "5");
        assertBad("unknown option: -v", "-v");
    }

    private static void assertBad(String message, String... args) throws InterruptedException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TelemetryMain.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.startsWith("telemetry: " + message), text);
    }
}
