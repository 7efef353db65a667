package io.sluice.bench;

import io.sluice.backpressure.BackpressurePolicy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The main job: Sluice against the LMAX Disruptor 4.0.0, side by side in one JVM. First
 * throughput, 1P1C and 3P1C, for every consumer wait strategy both have (each pair measured
 * alternately, Sluice then Disruptor, so both see the same machine state); then what each
 * Sluice producer policy does while its consumer lags, against the Disruptor's fixed
 * {@code next()} ({@link StallMeasurement}). Prints progress, then tables with ratios, then
 * writes JSON and a self-contained HTML report and prints its path last.
 */
public final class Shootout {
    static final String USAGE = """
            usage: shootout [--seconds S] [--only throughput|stall] [--out DIR] [--help]
              --seconds S   measured time per throughput cell, 1..60; warm-up is half of it     [1]
              --only PART   run one part: throughput (wait strategies) or stall (policies)
              --out DIR     where to write shootout.json and shootout.html         [bench/target/shootout]
            For the full JMH suite against Agrona, JCTools and ArrayBlockingQueue too:
              ./mvnw -B -q -pl bench -am package -DskipTests -Dstress.skip=true -Dbench.skip=true
              java -jar bench/target/benchmarks.jar -f 3 -prof gc -foe true
            """;
    static final List<String> STRATEGIES = List.of("busy-spin", "yielding", "sleeping", "blocking", "timeout-blocking", "phased-backoff");

    /** One throughput cell: both contenders, one scenario and strategy. */
    record Pair(String scenario, String strategy, double sluice, double disruptor) {
        double ratio() {
            return sluice / disruptor;
        }
    }

    private Shootout() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        long seconds = 1;
        String only = null;
        Path dir = Path.of("bench/target/shootout");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--seconds" -> seconds = Long.parseLong(OptionValue.at(args, ++i, "--seconds"));
                    case "--only" -> only = OptionValue.at(args, ++i, "--only");
                    case "--out" -> dir = Path.of(OptionValue.at(args, ++i, "--out"));
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            if (seconds < 1 || seconds > 60) {
                throw new IllegalArgumentException("--seconds must be from 1 to 60: " + seconds);
            }
            if (only != null && !Set.of("throughput", "stall").contains(only)) {
                throw new IllegalArgumentException("--only must be throughput or stall: " + only);
            }
        } catch (NumberFormatException e) {
            err.println("shootout: --seconds must be a whole number: " + e.getMessage().replace("For input string: ", ""));
            err.print(USAGE);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("shootout: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }

        String machine = Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version");
        out.println("shootout: Sluice vs LMAX Disruptor 4.0.0 on " + machine);
        List<Pair> pairs = new ArrayList<>();
        List<StallMeasurement.Result> stalls = new ArrayList<>();
        if (!"stall".equals(only)) {
            for (String scenario : List.of("1P1C", "3P1C")) {
                for (String strategy : STRATEGIES) {
                    int producers = scenario.equals("1P1C") ? 1 : 3;
                    double sluice = eventsPerSecond("sluice-" + strategy, producers, seconds);
                    double disruptor = eventsPerSecond("disruptor-" + strategy, producers, seconds);
                    Pair pair = new Pair(scenario, strategy, sluice, disruptor);
                    pairs.add(pair);
                    out.printf(Locale.ROOT, "  %s %-17s sluice %7.1f M/s  disruptor %7.1f M/s  ratio %.2f%n",
                            scenario, strategy, sluice / 1e6, disruptor / 1e6, pair.ratio());
                }
            }
        }
        if (!"throughput".equals(only)) {
            out.println("  stalled producers: consumer throttled to " + StallMeasurement.STALL_RATE + " events/s, ring of "
                    + StallMeasurement.CAPACITY);
            for (String policy : List.of("spin", "yielding", "park", "block", "disruptor next()")) {
                StallMeasurement.Consumer consumer = new StallMeasurement.Consumer();
                StallMeasurement.Subject subject = switch (policy) {
                    case "spin" -> StallSubjects.sluice(BackpressurePolicy.spin(), consumer);
                    case "yielding" -> StallSubjects.sluice(BackpressurePolicy.yielding(), consumer);
                    case "park" -> StallSubjects.sluice(BackpressurePolicy.park(), consumer);
                    case "block" -> StallSubjects.sluice(BackpressurePolicy.block(), consumer);
                    default -> StallSubjects.disruptor(consumer);
                };
                StallMeasurement.Result result = StallMeasurement.measure(policy, consumer, subject, 2_000, 500);
                stalls.add(result);
                out.printf(Locale.ROOT, "  %-17s CPU %6.1f ms per s stalled  resume p50 %7.1f us  p99 %8.1f us  recovered %6.1f M/s%n",
                        policy, result.cpuMillisPerStallSecond(), result.resumeP50Micros(), result.resumeP99Micros(),
                        result.recoveredEventsPerSecond() / 1e6);
            }
        }
        printTables(out, pairs, stalls);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("shootout.json"), ShootoutReport.json(machine, seconds, pairs, stalls), StandardCharsets.UTF_8);
        Path html = dir.resolve("shootout.html");
        Files.writeString(html, ShootoutReport.html(machine, seconds, pairs, stalls), StandardCharsets.UTF_8);
        out.println("report: " + html.toAbsolutePath());
        return 0;
    }

    /** Sends from {@code producers} threads for half the time to warm up, then measures; events per second. */
    static double eventsPerSecond(String contender, int producers, long seconds) throws InterruptedException {
        Channel channel = Contenders.create(contender, producers, Topology.ONE);
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Thread thread = new Thread(() -> {
                long value = 0;
                long counted = 0;
                try {
                    while (running.get()) {
                        channel.send(value++);
                        if (measuring.get()) {
                            counted++;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sent.addAndGet(counted);
            }, "producer-" + p);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) / 2);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        measuring.set(false);
        long elapsed = System.nanoTime() - start;
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        channel.close();
        return sent.get() * 1e9 / elapsed;
    }

    private static void printTables(PrintStream out, List<Pair> pairs, List<StallMeasurement.Result> stalls) {
        if (!pairs.isEmpty()) {
            out.println();
            out.println("throughput, events/s    Sluice      Disruptor   Sluice/Disruptor");
            for (Pair pair : pairs) {
                out.printf(Locale.ROOT, "%s %-17s %7.1f M   %7.1f M   %6.2f%n", pair.scenario(), pair.strategy(),
                        pair.sluice() / 1e6, pair.disruptor() / 1e6, pair.ratio());
            }
        }
        if (!stalls.isEmpty()) {
            out.println();
            out.println("stalled producer        CPU ms/s   resume p50   resume p99   recovered");
            for (StallMeasurement.Result r : stalls) {
                out.printf(Locale.ROOT, "%-21s %8.1f   %8.1f us  %8.1f us  %7.1f M/s%n", r.policy(),
                        r.cpuMillisPerStallSecond(), r.resumeP50Micros(), r.resumeP99Micros(), r.recoveredEventsPerSecond() / 1e6);
            }
        }
    }
}
