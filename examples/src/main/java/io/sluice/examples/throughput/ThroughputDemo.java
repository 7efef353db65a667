package io.sluice.examples.throughput;

import io.sluice.ProducerType;
import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.RingBuffer;
import io.sluice.agrona.CountersExport;
import io.sluice.agrona.CountersFile;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.EventHandler;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.BusySpinWaitStrategy;
import io.sluice.wait.PhasedBackoffWaitStrategy;
import io.sluice.wait.SleepingWaitStrategy;
import io.sluice.wait.TimeoutBlockingWaitStrategy;
import io.sluice.wait.WaitStrategy;
import io.sluice.wait.YieldingWaitStrategy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Pushes events through a 1P1C and a 3P1C ring with each wait strategy and prints events/s:
 * one short run each on this machine, a demonstration that the engine moves events, not a
 * benchmark. Run it with {@code ./mvnw -B -q -pl examples -am compile exec:java@throughput}.
 */
public final class ThroughputDemo {
    private static final int CAPACITY = 64 * 1024;

    private ThroughputDemo() {
    }

    /** One consumer that touches every event. */
    static final class Counter implements EventHandler<long[]> {
        long sum;

        @Override
        public void onEvent(long[] event, long sequence, boolean endOfBatch) {
            sum += event[0];
        }
    }

    record Strategy(String name, Supplier<WaitStrategy> factory) {
    }

    static List<Strategy> strategies() {
        return List.of(
                new Strategy("busy-spin", BusySpinWaitStrategy::new),
                new Strategy("yielding", YieldingWaitStrategy::new),
                new Strategy("sleeping", SleepingWaitStrategy::new),
                new Strategy("blocking", BlockingWaitStrategy::new),
                new Strategy("timeout-blocking", () -> new TimeoutBlockingWaitStrategy(1, TimeUnit.MILLISECONDS)),
                new Strategy("phased-backoff", () -> PhasedBackoffWaitStrategy.withBlocking(10, TimeUnit.MICROSECONDS)));
    }

    /** Runs one scenario: warm-up, then counts what the consumer handles during the measured time. */
    static double eventsPerSecond(int producers, WaitStrategy strategy, long warmUpMillis, long measureMillis)
            throws InterruptedException {
        return eventsPerSecond(producers, strategy, warmUpMillis, measureMillis, "demo", null);
    }

    /** As above; with {@code counters}, the ring's figures are exported there while it runs. */
    static double eventsPerSecond(int producers, WaitStrategy strategy, long warmUpMillis, long measureMillis,
                                  String name, CountersFile counters) throws InterruptedException {
        RingBuffer<long[]> ring = RingBuffer.builder(() -> new long[1]).name(name).capacity(CAPACITY)
                .producerType(producers == 1 ? ProducerType.SINGLE : ProducerType.MULTI)
                .waitStrategy(strategy).build();
        BatchEventProcessor<long[]> consumer = new BatchEventProcessor<>(ring, ring.newBarrier(), new Counter());
        ring.addGatingSequence(consumer.sequence());
        CountersExport export = null;
        if (counters != null) {
            export = new CountersExport(counters.manager()).addRing(ring).addConsumer(ring, "consumer", consumer)
                    .startUpdating(100, TimeUnit.MILLISECONDS);
        }
        Thread consumerThread = new Thread(consumer, "consumer");
        consumerThread.start();

        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> producerThreads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Thread thread = new Thread(() -> {
                try (Producer<long[]> producer = ring.newProducer(Thread.currentThread().getName())) {
                    long value = 0;
                    while (running.get()) {
                        Claim<long[]> claim = producer.claim(); // the ring's policy never gives up: always claimed
                        claim.get()[0] = value++;
                        claim.commit();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "producer-" + p);
            producerThreads.add(thread);
            thread.start();
        }

        Thread.sleep(warmUpMillis);
        long startSequence = consumer.sequence().getVolatile();
        long startNanos = System.nanoTime();
        Thread.sleep(measureMillis);
        long endSequence = consumer.sequence().getVolatile();
        long endNanos = System.nanoTime();

        running.set(false);
        for (Thread thread : producerThreads) {
            thread.join();
        }
        consumer.halt();
        consumerThread.join();
        if (export != null) {
            export.close();
        }
        return (endSequence - startSequence) * 1e9 / (endNanos - startNanos);
    }

    /** Command-line options; {@link #parse} rejects bad ones with a message naming the value. */
    record Options(boolean help, long measureMillis, Path counters) {
        static final String USAGE = "usage: ThroughputDemo [--seconds N] [--counters FILE]\n"
                + "  --seconds N      measured time per run, 1 to 60 (default 1); warm-up is half of it\n"
                + "  --counters FILE  export each run's ring counters to FILE, for SluiceStat to read live";

        static Options parse(String... args) {
            long measureMillis = 1000;
            Path counters = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        return new Options(true, measureMillis, counters);
                    }
                    case "--counters" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--counters needs a file");
                        }
                        counters = Path.of(args[++i]);
                    }
                    case "--seconds" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--seconds needs a value");
                        }
                        measureMillis = parseSeconds(args[++i]) * 1000L;
                    }
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            return new Options(false, measureMillis, counters);
        }

        private static int parseSeconds(String text) {
            try {
                int seconds = Integer.parseInt(text);
                if (seconds >= 1 && seconds <= 60) {
                    return seconds;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--seconds must be a whole number from 1 to 60: " + text);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ThroughputDemo: " + e.getMessage() + " (try --help)");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        long measureMillis = options.measureMillis();
        System.out.printf(Locale.ROOT, "Sluice throughput demo: %d CPUs, Java %s (%s), %.1f s per run after %.1f s warm-up%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), measureMillis / 1000.0, measureMillis / 2000.0);
        System.out.println("Events/s through one consumer, one run each: a demonstration, not a benchmark.");
        System.out.println("Busy-spin and yielding threads beyond the CPU count compete with the threads they wait for.");
        System.out.println();
        CountersFile counters = options.counters() == null ? null : CountersFile.create(options.counters(), 64);
        if (counters != null) {
            System.out.println("Exporting counters to " + options.counters() + "; read them live with:");
            System.out.println("  ./mvnw -q -pl engine/agrona -am compile exec:java@sluice-stat -Dexec.args=" + options.counters());
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "%-9s %-18s %14s%n", "scenario", "wait strategy", "events/s");
        for (int producers : new int[] {1, 3}) {
            for (Strategy strategy : strategies()) {
                String scenario = producers + "P1C";
                double rate = eventsPerSecond(producers, strategy.factory().get(), measureMillis / 2, measureMillis,
                        scenario + "-" + strategy.name(), counters);
                System.out.printf(Locale.ROOT, "%-9s %-18s %14s%n", scenario, strategy.name(), format(rate));
            }
        }
        if (counters != null) {
            counters.close();
        }
    }

    static String format(double rate) {
        if (rate >= 1e6) {
            return String.format(Locale.ROOT, "%.1f M", rate / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f k", rate / 1e3);
    }
}
