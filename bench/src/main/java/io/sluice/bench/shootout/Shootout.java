package io.sluice.bench.shootout;

import io.sluice.bench.run.ChildJvm;
import io.sluice.bench.report.DurationText;
import io.sluice.bench.run.MachineLoad;
import io.sluice.bench.run.OptionValue;
import io.sluice.bench.run.RunEnvironment;
import io.sluice.bench.report.Spread;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The main job: Sluice against the LMAX Disruptor 4.0.0. Runs {@code --rounds} rounds, each in a
 * fresh JVM ({@link ShootoutRound}): this machine changes performance regime from one JVM launch
 * to the next, so one launch is one sample. In each round, throughput, 1P1C and 3P1C, for every
 * consumer wait strategy both have, Sluice's object ring, its record ring and the Disruptor back
 * to back so all see the same machine state (the order reverses by round); then what each Sluice producer policy
 * does while its consumer lags, against the Disruptor's fixed {@code next()}
 * ({@link StallMeasurement}); then the flow-control scenario, a consumer that slows fourfold and
 * recovers, under each policy ({@link FlowScenario}); then orders against a flooding bulk producer
 * on one ring, with and without producer classes ({@link ClassesScenario}). Prints each figure as it comes, then tables of medians and spreads,
 * then writes JSON, the tables in Markdown (for the benchmarks doc to quote) and a self-contained
 * HTML report with the environment, and prints its path last.
 */
public final class Shootout {
    static final String USAGE = """
            usage: shootout [--rounds N] [--seconds S] [--only throughput|stall|flow|classes] [--competing-load] [--jvm-args "FLAGS"]
                            [--out DIR] [--help]
              --rounds N    rounds, each in a fresh JVM; figures are medians over them, 1..50        [3]
              --seconds S   measured time per throughput cell, 1..60; warm-up is half of it           [1]
              --only PART   run one part: throughput (wait strategies), stall (policies),
                            flow (a consumer that slows 4x and recovers, under each policy) or
                            classes (orders against a flooding bulk producer, with and without classes)
              --competing-load  run a CPU-bound process beside the rounds, as on a shared machine (every
                            figure is then marked as taken with other processes on the cores)
              --jvm-args F  flags for the rounds' JVMs, space-separated, e.g. "-XX:+UseParallelGC"   [none]
              --out DIR     where to write shootout.json, .md and .html             [bench/target/shootout]
            The defaults take about 8 minutes on 2 cores; every 3 more rounds, about 8 more.
            For the full JMH suite against Agrona, JCTools and ArrayBlockingQueue too:
              ./mvnw -B -q -pl bench -am package -DskipTests -Dstress.skip=true -Dbench.skip=true
              java -jar bench/target/benchmarks.jar -f 3 -prof gc -foe true
            """;
    static final List<String> STRATEGIES = List.of("busy-spin", "yielding", "sleeping", "blocking", "timeout-blocking", "phased-backoff");

    private Shootout() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        long seconds = 1;
        int rounds = 3;
        String only = "all";
        List<String> jvmArgs = List.of();
        boolean competingLoad = false;
        Path dir = Path.of("bench/target/shootout");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--seconds" -> seconds = OptionValue.wholeNumber(args, ++i, "--seconds", 1, 60);
                    case "--rounds" -> rounds = (int) OptionValue.wholeNumber(args, ++i, "--rounds", 1, 50);
                    case "--only" -> {
                        only = OptionValue.at(args, ++i, "--only");
                        if (!Set.of("throughput", "stall", "flow", "classes").contains(only)) {
                            throw new IllegalArgumentException("--only must be throughput, stall, flow or classes: " + only);
                        }
                    }
                    case "--jvm-args" -> jvmArgs = Arrays.stream(OptionValue.at(args, ++i, "--jvm-args").trim().split("\\s+"))
                            .filter(a -> !a.isEmpty()).toList();
                    case "--out" -> dir = Path.of(OptionValue.at(args, ++i, "--out"));
                    case "--competing-load" -> competingLoad = true;
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("shootout: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }

        RunEnvironment.Probe probe = RunEnvironment.start();
        out.printf(Locale.ROOT, "shootout: Sluice vs LMAX Disruptor 4.0.0, %d round(s) in fresh JVMs, %d CPUs, %s %s%n", rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        ShootoutResults results = new ShootoutResults();
        Process load = null;
        if (competingLoad) {
            out.println("with a competing CPU-bound process beside every round");
            load = CompetingLoad.start();
        }
        try {
            return runRounds(rounds, seconds, only, jvmArgs, competingLoad, dir, probe, results, out, err);
        } finally {
            if (load != null) {
                load.destroyForcibly();
            }
        }
    }

    private static int runRounds(int rounds, long seconds, String only, List<String> jvmArgs, boolean competingLoad, Path dir,
            RunEnvironment.Probe probe, ShootoutResults results, PrintStream out, PrintStream err) throws Exception {
        double busyAtStart = Double.NaN;
        for (int round = 0; round < rounds; round++) {
            // Under a competing load the machine is never quiet: the rounds do not wait for it.
            double busy = MachineLoad.awaitQuiet(competingLoad ? 0 : MachineLoad.QUIET_WAIT_MILLIS);
            busyAtStart = round == 0 ? busy : busyAtStart;
            if (MachineLoad.noisy(busy) && !competingLoad) {
                out.printf(Locale.ROOT, "  round %d/%d: the machine is still %.0f%% busy after %d s of waiting; going on%n", round + 1,
                        rounds, busy * 100, MachineLoad.QUIET_WAIT_MILLIS / 1000);
            }
            List<String> command = ChildJvm.command(jvmArgs, ShootoutRound.class,
                    List.of("--seconds", Long.toString(seconds), "--only", only, "--round", Integer.toString(round)),
                    io.sluice.RingBuffer.class, com.lmax.disruptor.RingBuffer.class, org.HdrHistogram.Histogram.class,
                    org.agrona.BitUtil.class, org.jctools.queues.SpscArrayQueue.class);
            String failure = runRound(command, round, rounds, results, out);
            if (failure != null) {
                err.println("shootout: round " + (round + 1) + " failed: " + failure);
                return 1;
            }
        }
        RunEnvironment env = probe.finish(results.jvmFlags(), busyAtStart);
        printTables(out, results);
        if (results.noisyCells() > 0) {
            out.printf(Locale.ROOT, "WARNING: other processes used up to %.0f%% of the cores while %d figure(s) were taken (marked !): "
                    + "rerun on a quiet machine%n", results.othersShareMax() * 100, results.noisyCells());
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("shootout.json"), ShootoutReport.json(env, seconds, rounds, results), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("shootout.md"), ShootoutReport.markdown(env, seconds, rounds, results), StandardCharsets.UTF_8);
        Path html = dir.resolve("shootout.html");
        Files.writeString(html, ShootoutReport.html(env, seconds, rounds, results), StandardCharsets.UTF_8);
        out.println("report: " + html.toAbsolutePath());
        return 0;
    }

    /** {@return null once the round's JVM has printed its figures and exited cleanly, else what went wrong} */
    private static String runRound(List<String> command, int round, int rounds, ShootoutResults results, PrintStream out)
            throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                results.accept(round, line);
                String progress = progress(line);
                if (progress != null) {
                    out.printf(Locale.ROOT, "  round %d/%d  %s%n", round + 1, rounds, progress);
                }
            }
        } catch (IllegalArgumentException e) {
            process.destroyForcibly();
            return e.getMessage();
        }
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return "its JVM did not exit";
        }
        return process.exitValue() == 0 ? null : "its JVM exited with " + process.exitValue() + ": " + String.join(" ", command);
    }

    /** {@return a round's line as a reader reads it, or null for one that is not a figure} */
    static String progress(String line) {
        String[] f = line.split("\t");
        if (!Set.of("throughput", "stall", "flow", "classes").contains(f[0])) {
            return null;
        }
        String noisy = MachineLoad.noisy(Double.parseDouble(f[f.length - 1])) ? "  ! others used the cores" : "";
        return switch (f[0]) {
            case "throughput" -> String.format(Locale.ROOT, "%s %-17s %-9s %7.1f M/s%s", f[1], f[2], f[3], Double.parseDouble(f[4]) / 1e6, noisy);
            case "stall" -> String.format(Locale.ROOT, "stalled %-17s CPU %s per s  resume p50 %s  p99 %s  recovered %.1f M/s%s", f[1],
                    DurationText.ofMillis(Double.parseDouble(f[2])), DurationText.ofMicros(Double.parseDouble(f[3])),
                    DurationText.ofMicros(Double.parseDouble(f[4])), Double.parseDouble(f[5]) / 1e6, noisy);
            case "flow" -> String.format(Locale.ROOT, "flow %-17s %-10s delivered %6.0f k/s  drops %,12d  p99 %8s  settled %s%s", f[1],
                    ShootoutReport.PHASE_NAMES[Integer.parseInt(f[2])], Double.parseDouble(f[3]) / 1e3, (long) Double.parseDouble(f[4]),
                    DurationText.ofMicros(Double.parseDouble(f[6])), Double.isNaN(Double.parseDouble(f[8])) ? "never"
                            : DurationText.ofMillis(Double.parseDouble(f[8])), noisy);
            case "classes" -> String.format(Locale.ROOT, "classes %-38s orders refused %,d of %,d  p99 %8s  bulk %6.0f k/s%s", f[1],
                    Long.parseLong(f[3]), Long.parseLong(f[2]), DurationText.ofMicros(Double.parseDouble(f[5])),
                    Double.parseDouble(f[7]) / 1e3, noisy);
            default -> null;
        };
    }

    private static void printTables(PrintStream out, ShootoutResults results) {
        if (!results.throughput().isEmpty()) {
            out.println();
            out.println("throughput, M events/s, median (min-max)   Sluice              Disruptor           Sluice/Disruptor"
                    + "   record ring         record ring/Disruptor");
            for (ShootoutResults.ThroughputCell c : results.throughput()) {
                Spread s = c.sluice();
                Spread d = c.disruptor();
                Spread r = c.ratio();
                Spread rec = c.records();
                Spread rr = c.recordRatio();
                out.printf(Locale.ROOT, "%-22s%s %7.1f (%5.1f-%5.1f)  %7.1f (%5.1f-%5.1f)  %5.2f (%.2f-%.2f)"
                                + "   %7.1f (%5.1f-%5.1f)  %5.2f (%.2f-%.2f)%n", c.name(),
                        c.noisyRounds() > 0 ? "!" : " ", s.median() / 1e6, s.min() / 1e6, s.max() / 1e6, d.median() / 1e6,
                        d.min() / 1e6, d.max() / 1e6, r.median(), r.min(), r.max(), rec.median() / 1e6, rec.min() / 1e6,
                        rec.max() / 1e6, rr.median(), rr.min(), rr.max());
            }
        }
        if (!results.stalls().isEmpty()) {
            out.println();
            out.println("stalled producer, median   CPU per s stalled   resume p50   resume p99   recovered");
            for (ShootoutResults.StallCell c : results.stalls()) {
                out.printf(Locale.ROOT, "%-20s%s %15s %12s %12s %8.1f M/s%n", c.policy, c.noisyRounds() > 0 ? "!" : " ",
                        DurationText.ofMillis(Spread.of(c.cpuMillisPerStallSecond).median()),
                        DurationText.ofMicros(Spread.of(c.resumeP50Micros).median()),
                        DurationText.ofMicros(Spread.of(c.resumeP99Micros).median()),
                        Spread.of(c.recoveredEventsPerSecond).median() / 1e6);
            }
        }
        if (!results.classes().isEmpty()) {
            out.println();
            out.println("orders against bulk, median                 orders refused   p50       p99       p99.9     bulk/s      bulk held back");
            for (ShootoutResults.ClassesCell c : results.classes()) {
                out.printf(Locale.ROOT, "%-40s%s %8.0f of %6.0f %9s %9s %9s %10.0f %12.0f%n", c.cell, c.noisyRounds() > 0 ? "!" : " ",
                        Spread.of(c.ordersRefused).median(), Spread.of(c.ordersOffered).median(),
                        DurationText.ofMicros(Spread.of(c.p50Micros).median()), DurationText.ofMicros(Spread.of(c.p99Micros).median()),
                        DurationText.ofMicros(Spread.of(c.p999Micros).median()), Spread.of(c.bulkDelivered).median(),
                        Spread.of(c.bulkHeldBack).median());
            }
        }
        if (!results.flow().isEmpty()) {
            out.println();
            out.println("flow control, median      phase       delivered/s        drops   p50       p99       p99.9     settled after");
            for (ShootoutResults.FlowCell c : results.flow()) {
                Spread settled = Spread.of(c.convergeMillis);
                out.printf(Locale.ROOT, "%-20s%s %-10s %12.0f %12.0f %9s %9s %9s %s%n", c.policy, c.noisyRounds() > 0 ? "!" : " ",
                        ShootoutReport.PHASE_NAMES[c.phase], Spread.of(c.delivered).median(), Spread.of(c.drops).median(),
                        DurationText.ofMicros(Spread.of(c.p50Micros).median()), DurationText.ofMicros(Spread.of(c.p99Micros).median()),
                        DurationText.ofMicros(Spread.of(c.p999Micros).median()),
                        Double.isNaN(settled.median()) ? "never" : DurationText.ofMillis(settled.median()));
            }
        }
    }
}
