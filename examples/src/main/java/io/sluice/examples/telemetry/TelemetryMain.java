package io.sluice.examples.telemetry;

import io.sluice.examples.CommandLine;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs the telemetry pipeline: prints each window's figures as they are exported, then the
 * totals and the accounting check. {@code --help} lists the options; bad ones get a message and
 * exit code 2; a failed check exits 1.
 */
public final class TelemetryMain {
    static final String USAGE = """
            usage: telemetry [options]
              --sensors N        sensor threads, 1..64                                      [4]
              --metrics M        metrics the sensors report, 1..64                          [4]
              --seconds S        how long the sensors emit, 1..3600                         [5]
              --rate R           readings/s per sensor, on a fixed schedule; 0 = flat out   [100000]
              --policy P         shed: drop a reading the ring has no room for
                                 rate-limit: also drop readings beyond --limit per second
                                 adaptive: drop readings beyond a rate that follows the
                                 aggregator (readings wait ~1 ms), at most --limit
                                 delay: drop once readings have waited over 5 ms for 100 ms
                                 (CoDel), before the ring is full                           [shed]
              --limit L          readings/s let through by rate-limit (adaptive: at most),
                                 all sensors together                                       [100000]
              --window-ms W      aggregation window                                         [1000]
              --work-ns N        simulated aggregation cost per reading, in ns              [3000]
              --ring-size N      slots in the samples ring, a power of two                  [1024]
              --counters FILE    export live counters to FILE; read them from another
                                 process: ./mvnw -q -pl engine/agrona -am compile exec:java@sluice-stat -Dexec.args=FILE
              --metrics-port P   serve the Sluice meters at http://127.0.0.1:P/metrics in the
                                 Prometheus text format while it runs; 0 picks a free port
              --out FILE         write the windows as CSV to FILE instead of printing them
              --help             this text
            """;

    private TelemetryMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        Telemetry.Options options;
        String csvPath;
        int metricsPort;
        try {
            CommandLine line = CommandLine.parse(args, Set.of("--sensors", "--metrics", "--seconds", "--rate", "--policy",
                    "--limit", "--window-ms", "--work-ns", "--ring-size", "--counters", "--out", "--metrics-port"), Set.of("--help"));
            if (line.has("--help")) {
                out.print(USAGE);
                return 0;
            }
            csvPath = line.text("--out", null);
            options = options(line);
            metricsPort = (int) line.number("--metrics-port", -1, 0, 65_535);
        } catch (IllegalArgumentException e) {
            err.println("telemetry: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        PrintStream windows = out;
        if (csvPath != null) {
            try {
                windows = new PrintStream(csvPath, java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                err.println("telemetry: cannot write --out " + csvPath + ": " + e.getMessage());
                return 2;
            }
        }
        out.printf(Locale.ROOT, "telemetry: %d sensors x %s, %d metrics, policy %s, windows of %d ms, %d s%n",
                options.sensors(), options.samplesPerSecond() == 0 ? "flat out"
                        : String.format(Locale.ROOT, "%,d readings/s", options.samplesPerSecond()),
                options.metrics(), switch (options.policy()) {
                    case SHED -> "shed";
                    case RATE_LIMIT -> String.format(Locale.ROOT, "rate-limit %,d/s", options.limitPerSecond());
                    case ADAPTIVE -> String.format(Locale.ROOT, "adaptive up to %,d/s", options.limitPerSecond());
                    case DELAY -> "shed on delay over 5 ms";
                },
                options.window().toMillis(), options.duration().toSeconds());
        if (options.countersFile() != null) {
            out.println("live counters in " + options.countersFile() + "; read them with:");
            out.println("  ./mvnw -q -pl engine/agrona -am compile exec:java@sluice-stat -Dexec.args=" + options.countersFile());
        }
        MetricsEndpoint metrics = metricsPort < 0 ? null : MetricsEndpoint.start(metricsPort);
        if (metrics != null) {
            out.println("meters at http://127.0.0.1:" + metrics.port() + "/metrics (Prometheus text format) while it runs");
        }
        Telemetry.Result result;
        try {
            result = Telemetry.run(options, windows, metrics);
        } finally {
            if (metrics != null) {
                metrics.close();
            }
        }
        if (windows != out) {
            windows.close();
            out.println("windows written to " + csvPath);
        }
        print(result, out);
        return result.passed() ? 0 : 1;
    }

    static void print(Telemetry.Result r, PrintStream out) {
        out.printf(Locale.ROOT, "readings     emitted %,d, aggregated %,d, dropped %,d (%.1f%%)%n",
                r.emitted(), r.aggregated(), r.dropped(), 100.0 * r.dropped() / Math.max(1, r.emitted()));
        out.printf(Locale.ROOT, "exported     %,d summaries covering %,d readings%n", r.summaries(), r.exportedSamples());
        if (r.options().policy() == Telemetry.Policy.ADAPTIVE) {
            out.printf(Locale.ROOT, "rate limit   %,d/s at the end, following the aggregator%n", r.rateLimitAtEnd());
        }
        out.println("checks");
        out.printf(Locale.ROOT, "  [%s] emitted = aggregated + dropped: %,d = %,d + %,d%n",
                r.emitted() == r.aggregated() + r.dropped() ? "ok" : "FAILED", r.emitted(), r.aggregated(), r.dropped());
        out.printf(Locale.ROOT, "  [%s] the exporter saw every aggregated reading, and both pipelines drained%n",
                r.exportedSamples() == r.aggregated() && r.drained() ? "ok" : "FAILED");
    }

    static Telemetry.Options options(CommandLine line) {
        long ringSize = line.number("--ring-size", 1024, 2, 1 << 20);
        if (Long.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("--ring-size must be a power of two: " + ringSize);
        }
        String counters = line.text("--counters", null);
        return new Telemetry.Options(
                (int) line.number("--sensors", 4, 1, 64),
                (int) line.number("--metrics", 4, 1, 64),
                Duration.ofSeconds(line.number("--seconds", 5, 1, 3600)),
                line.number("--rate", 100_000, 0, 100_000_000),
                line.choice("--policy", Telemetry.Policy.SHED,
                        Map.of("shed", Telemetry.Policy.SHED, "rate-limit", Telemetry.Policy.RATE_LIMIT,
                                "adaptive", Telemetry.Policy.ADAPTIVE, "delay", Telemetry.Policy.DELAY)),
                line.number("--limit", 100_000, 1, 1_000_000_000),
                Duration.ofMillis(line.number("--window-ms", 1000, 10, 3_600_000)),
                line.number("--work-ns", 3000, 0, 1_000_000_000),
                (int) ringSize,
                counters == null ? null : Path.of(counters),
                line.text("--out", null) != null);
    }
}
