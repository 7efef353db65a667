package io.sluice.bench.latency;

import io.sluice.bench.channel.Contenders;
import io.sluice.bench.run.MachineLoad;
import io.sluice.bench.run.OptionValue;
import io.sluice.bench.run.RunEnvironment;
import io.sluice.bench.channel.Topology;
import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Open-loop latency for each contender at each offered rate ({@link OpenLoopLatency}), with one
 * producer (1P1C) and with three (3P1C) by default: p50 to max, whether each rate was sustained,
 * and the highest one that was. Writes JSON, HdrHistogram percentile files ({@code .hgrm},
 * microseconds) and a self-contained HTML page with the environment, plots of p50, p99 and p99.9
 * against the offered rate, and a percentile-distribution plot per rate (SVG), and prints the
 * page's path last.
 */
public final class LatencySweep {
    static final String USAGE = """
            usage: latency [--contenders A,B,...] [--producers P1,P2,...] [--rates R1,R2,...] [--seconds S] [--out DIR] [--help]
              --contenders   sluice-<strategy>, disruptor-<strategy>, agrona, jctools, abq, speed-of-light (1 producer only)
                             [sluice-busy-spin,disruptor-busy-spin,agrona,jctools,abq]
              --producers    producer counts, each a scenario (1: 1P1C, 3: 3P1C), 1..16            [1,3]
              --rates        offered rates, events/s, all producers together
                             [10000,100000,1000000,5000000,10000000,20000000]
              --seconds S    measured per contender and rate, 1..60; half as long again to warm up  [2]
              --out DIR      where to write latency.json, .md, .html and *.hgrm       [bench/target/latency]
            """;

    /** Events each contender sends before the sweep, so every cell finds its code compiled. */
    static final long PRIME_RATE = 200_000;
    static final long PRIME_MILLIS = 1_000;

    private LatencySweep() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        List<String> contenders = List.of("sluice-busy-spin", "disruptor-busy-spin", "agrona", "jctools", "abq");
        List<Integer> producerCounts = List.of(1, 3);
        List<Long> rates = List.of(10_000L, 100_000L, 1_000_000L, 5_000_000L, 10_000_000L, 20_000_000L);
        long seconds = 2;
        Path dir = Path.of("bench/target/latency");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--contenders" -> contenders = List.of(OptionValue.at(args, ++i, "--contenders").split(","));
                    case "--rates" -> {
                        List<Long> parsed = new ArrayList<>();
                        for (String rate : OptionValue.at(args, ++i, "--rates").split(",")) {
                            long r = Long.parseLong(rate.trim());
                            if (r < 1 || r > 100_000_000) {
                                throw new IllegalArgumentException("--rates must be from 1 to 100000000 events/s: " + r);
                            }
                            parsed.add(r);
                        }
                        rates = parsed;
                    }
                    case "--producers" -> {
                        List<Integer> parsed = new ArrayList<>();
                        for (String count : OptionValue.at(args, ++i, "--producers").split(",")) {
                            int n = Integer.parseInt(count.trim());
                            if (n < 1 || n > 16) {
                                throw new IllegalArgumentException("--producers must be from 1 to 16: " + n);
                            }
                            parsed.add(n);
                        }
                        producerCounts = parsed;
                    }
                    case "--seconds" -> {
                        seconds = Long.parseLong(OptionValue.at(args, ++i, "--seconds"));
                        if (seconds < 1 || seconds > 60) {
                            throw new IllegalArgumentException("--seconds must be from 1 to 60: " + seconds);
                        }
                    }
                    case "--out" -> dir = Path.of(OptionValue.at(args, ++i, "--out"));
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            for (String contender : contenders) {
                for (int producers : producerCounts) {
                    // An unknown name, or one with no multi-producer form, fails here, not mid-run.
                    Contenders.create(contender, producers, Topology.ONE).close();
                }
            }
        } catch (NumberFormatException e) {
            err.println("latency: not a whole number: " + e.getMessage().replace("For input string: ", ""));
            err.print(USAGE);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("latency: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }

        RunEnvironment.Probe probe = RunEnvironment.start();
        double busyAtStart = MachineLoad.awaitQuiet(MachineLoad.QUIET_WAIT_MILLIS);
        out.println("latency: open loop, " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("java.runtime.version") + "; microseconds from the intended send time");
        Files.createDirectories(dir);
        List<OpenLoopLatency.Run> runs = new ArrayList<>();
        for (int producers : producerCounts) {
            String scenario = OpenLoopLatency.Run.scenario(producers);
            // Every cell should find its code compiled, the recording path included; without this,
            // the first cell's warm-up ran at the first (slowest) rate: few events for the JIT.
            out.printf(Locale.ROOT, "  %s priming: %d ms per contender at %,d/s, discarded%n", scenario, PRIME_MILLIS, PRIME_RATE);
            for (String contender : contenders) {
                OpenLoopLatency.run(contender, producers, PRIME_RATE, PRIME_MILLIS / 2, PRIME_MILLIS / 2);
            }
            for (long rate : rates) {
                for (String contender : contenders) {
                    OpenLoopLatency.Run run = OpenLoopLatency.run(contender, producers, rate, seconds * 500, seconds * 1000);
                    runs.add(run);
                    Histogram h = run.histogram();
                    out.printf(Locale.ROOT, "  %s %,10d/s %-20s p50 %8.1f  p90 %8.1f  p99 %8.1f  p99.9 %9.1f  p99.99 %9.1f  max %9.1f  %s%s%n",
                            scenario, rate, contender, us(h, 50), us(h, 90), us(h, 99), us(h, 99.9), us(h, 99.99), h.getMaxValue() / 1e3,
                            run.sustained() ? "sustained" : "NOT sustained (" + LatencyReport.why(run) + ")",
                            MachineLoad.noisy(run.othersShare()) ? "  ! others used the cores" : "");
                    ByteArrayOutputStream hgrm = new ByteArrayOutputStream();
                    h.outputPercentileDistribution(new PrintStream(hgrm, true, StandardCharsets.UTF_8), 1000.0);
                    Files.write(dir.resolve(contender + "-" + scenario + "-" + rate + ".hgrm"), hgrm.toByteArray());
                }
            }
        }
        out.println("highest rate sustained:");
        for (int producers : producerCounts) {
            for (String contender : contenders) {
                long best = 0;
                for (OpenLoopLatency.Run run : runs) {
                    if (run.contender().equals(contender) && run.producers() == producers && run.sustained()) {
                        best = Math.max(best, run.rate());
                    }
                }
                out.printf(Locale.ROOT, "  %s %-20s %s%n", OpenLoopLatency.Run.scenario(producers), contender,
                        best == 0 ? "none of the rates" : String.format(Locale.ROOT, "%,d/s", best));
            }
        }
        RunEnvironment env = probe.finish(String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()),
                busyAtStart);
        Files.writeString(dir.resolve("latency.json"), LatencyReport.json(env, runs), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("latency.md"), LatencyReport.markdown(env, runs, contenders, producerCounts, rates),
                StandardCharsets.UTF_8);
        Path html = dir.resolve("latency.html");
        Files.writeString(html, LatencyReport.html(env, runs, contenders, producerCounts, rates), StandardCharsets.UTF_8);
        out.println("report: " + html.toAbsolutePath());
        return 0;
    }

    static double us(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }
}
