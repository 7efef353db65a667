package io.sluice.bench.shootout;

import io.sluice.bench.channel.Channel;
import io.sluice.bench.channel.Contenders;
import io.sluice.bench.run.MachineLoad;
import io.sluice.bench.run.OptionValue;
import io.sluice.bench.run.ThreadPlacement;
import io.sluice.bench.channel.Topology;
import io.sluice.backpressure.BackpressurePolicy;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One round of the shootout, in a JVM of its own: every throughput cell with Sluice and the
 * Disruptor back to back (which goes first alternates from round to round), then every
 * stalled-producer policy, then the flow-control scenario ({@link FlowScenario}) for each
 * policy, then orders against bulk on one ring ({@link ClassesScenario}). Each figure is printed as a tab-separated line as soon as it is taken, with the share
 * of the cores other processes used meanwhile ({@link MachineLoad}):
 * <pre>
 * jvm        &lt;this JVM's flags&gt;
 * throughput &lt;scenario&gt; &lt;strategy&gt; &lt;sluice|disruptor&gt; &lt;events/s&gt; &lt;others' share&gt;
 * stall      &lt;policy&gt; &lt;CPU ms per s stalled&gt; &lt;resume p50 µs&gt; &lt;resume p99 µs&gt; &lt;recovered events/s&gt; &lt;others' share&gt;
 * flow       &lt;policy&gt; &lt;phase&gt; &lt;delivered/s&gt; &lt;drops&gt; &lt;p50 µs&gt; &lt;p99 µs&gt; &lt;p99.9 µs&gt; &lt;settled after ms&gt; &lt;swing&gt;
 *            &lt;share in band&gt; &lt;lowest share&gt; &lt;p99 after the step µs&gt; &lt;settled p99 µs&gt; &lt;others' share&gt;
 * flowseries &lt;policy&gt; &lt;ms&gt; &lt;admitted/s&gt; &lt;occupancy&gt;      (the first round only)
 * classes    &lt;cell&gt; &lt;orders offered&gt; &lt;orders refused&gt; &lt;p50 µs&gt; &lt;p99 µs&gt; &lt;p99.9 µs&gt; &lt;bulk delivered/s&gt;
 *            &lt;bulk drops&gt; &lt;bulk held back&gt; &lt;others' share&gt;
 * </pre>
 * {@link Shootout} launches the rounds and reads these lines; run by hand it takes
 * {@code --seconds S --only throughput|stall|flow|classes|all --round R}.
 */
public final class ShootoutRound {
    /**
     * The throughput cells' contenders, as {@code <engine>-<strategy>}: Sluice's object ring, its
     * record ring (8-byte records), the Disruptor; the order reverses every other round.
     */
    static final List<String> ENGINES = List.of("sluice", "records", "disruptor");
    static final List<String> ENGINES_REVERSED = List.of("disruptor", "records", "sluice");
    static final List<String> STALL_POLICIES = List.of("spin", "yielding", "park", "block", "disruptor next()");

    private ShootoutRound() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = 1;
        String only = "all";
        int round = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(OptionValue.at(args, ++i, "--seconds"));
                case "--only" -> only = OptionValue.at(args, ++i, "--only");
                case "--round" -> round = Integer.parseInt(OptionValue.at(args, ++i, "--round"));
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        run(seconds, only, round, System.out);
    }

    static void run(long seconds, String only, int round, PrintStream out) throws InterruptedException {
        out.println("jvm\t" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        boolean sluiceFirst = round % 2 == 0;
        if ("all".equals(only) || "throughput".equals(only)) {
            for (String scenario : List.of("1P1C", "3P1C")) {
                int producers = scenario.equals("1P1C") ? 1 : 3;
                for (String strategy : Shootout.STRATEGIES) {
                    for (String engine : sluiceFirst ? ENGINES : ENGINES_REVERSED) {
                        MachineLoad.Sample before = MachineLoad.sample();
                        double rate = eventsPerSecond(engine + "-" + strategy, producers, seconds);
                        double share = MachineLoad.othersShare(before, MachineLoad.sample());
                        out.printf(Locale.ROOT, "throughput\t%s\t%s\t%s\t%.0f\t%.4f%n", scenario, strategy, engine, rate, share);
                    }
                }
            }
        }
        if ("all".equals(only) || "stall".equals(only)) {
            List<String> policies = new ArrayList<>(STALL_POLICIES);
            if (!sluiceFirst) {
                java.util.Collections.reverse(policies);
            }
            for (String policy : policies) {
                StallMeasurement.Consumer consumer = new StallMeasurement.Consumer();
                StallMeasurement.Subject subject = switch (policy) {
                    case "spin" -> StallSubjects.sluice(BackpressurePolicy.spin(), consumer);
                    case "yielding" -> StallSubjects.sluice(BackpressurePolicy.yielding(), consumer);
                    case "park" -> StallSubjects.sluice(BackpressurePolicy.park(), consumer);
                    case "block" -> StallSubjects.sluice(BackpressurePolicy.block(), consumer);
                    default -> StallSubjects.disruptor(consumer);
                };
                MachineLoad.Sample before = MachineLoad.sample();
                StallMeasurement.Result r = StallMeasurement.measure(policy, consumer, subject, 2_000, 500);
                double share = MachineLoad.othersShare(before, MachineLoad.sample());
                out.printf(Locale.ROOT, "stall\t%s\t%.3f\t%.3f\t%.3f\t%.0f\t%.4f%n", policy, r.cpuMillisPerStallSecond(),
                        r.resumeP50Micros(), r.resumeP99Micros(), r.recoveredEventsPerSecond(), share);
            }
        }
        if ("all".equals(only) || "flow".equals(only)) {
            List<FlowScenario.Cell> cells = new ArrayList<>(FlowScenario.CELLS);
            if (!sluiceFirst) {
                java.util.Collections.reverse(cells);
            }
            for (FlowScenario.Cell cell : cells) {
                String contender = cell.name();
                MachineLoad.Sample before = MachineLoad.sample();
                FlowScenario.Result r = FlowScenario.run(cell);
                double share = MachineLoad.othersShare(before, MachineLoad.sample());
                for (FlowScenario.Phase p : r.phases()) {
                    out.printf(Locale.ROOT, "flow\t%s\t%d\t%.0f\t%d\t%.3f\t%.3f\t%.3f\t%.1f\t%.4f\t%.4f\t%.4f\t%.3f\t%.3f\t%.4f%n",
                            contender, p.phase(), p.deliveredPerSecond(), p.drops(), p.p50Micros(), p.p99Micros(), p.p999Micros(),
                            p.convergeMillis(), p.oscillation(), p.bandShare(), p.lowestShare(), p.stepP99Micros(),
                            p.settledP99Micros(), share);
                }
                if (round == 0) {
                    for (FlowScenario.Point point : r.series()) {
                        out.printf(Locale.ROOT, "flowseries\t%s\t%d\t%.0f\t%d%n", contender, point.atMillis(), point.admittedPerSecond(),
                                point.occupancy());
                    }
                }
            }
        }
        if ("all".equals(only) || "classes".equals(only)) {
            List<String> cells = new ArrayList<>(ClassesScenario.CELLS);
            if (!sluiceFirst) {
                java.util.Collections.reverse(cells);
            }
            for (String cell : cells) {
                MachineLoad.Sample before = MachineLoad.sample();
                ClassesScenario.Result r = ClassesScenario.run(cell);
                double share = MachineLoad.othersShare(before, MachineLoad.sample());
                out.printf(Locale.ROOT, "classes\t%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.0f\t%d\t%d\t%.4f%n", cell, r.ordersOffered(),
                        r.ordersRefused(), r.p50Micros(), r.p99Micros(), r.p999Micros(), r.bulkDeliveredPerSecond(), r.bulkDrops(),
                        r.bulkOverShare(), share);
            }
        }
        out.flush();
    }

    /** Sends from {@code producers} threads for half the time to warm up, then measures; events per second. */
    static double eventsPerSecond(String contender, int producers, long seconds) throws InterruptedException {
        Channel channel = Contenders.create(contender, producers, Topology.ONE);
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Thread thread = new Thread(ThreadPlacement.producer(p, () -> {
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
            }), "producer-" + p);
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
}
