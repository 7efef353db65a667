package io.sluice.bench.shootout;

import io.sluice.bench.report.DurationText;
import io.sluice.bench.run.OptionValue;
import io.sluice.bench.channel.SluiceChannel;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.pipeline.Pipeline;
import io.sluice.wait.BlockingWaitStrategy;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Shedding on delay with producers that outnumber or match the cores: {@code N} producers offer
 * events flat out to one consumer that works a fixed time per event, on a ring of 65,536 under
 * {@code shedOnDelay(target, interval)}; even-numbered producers claim four at a time through the
 * claim object, odd-numbered ones publish one at a time through a translator. Prints how long
 * the delivered events waited from claim to consumption (those consumed after the first second),
 * what was delivered, and what each kind of claim dropped.
 *
 * <p>A diagnostic for one policy's promise in real time, not a comparison with a peer: run it on
 * a quiet machine, and repeat it, since the scheduler decides much of what a consumer on a shared
 * core is given.
 */
public final class DelaySheddingUnderContention {
    static final String USAGE = """
            usage: delay-shedding-under-contention [--producers N] [--ring single|multi] [--seconds S]
                                                   [--work-nanos W] [--target-millis T] [--interval-millis I]
              --producers N      producer threads, 1..64; more than one needs --ring multi  [2]
              --ring R           single or multi                                          [multi]
              --seconds S        how long the producers offer events, 2..600                [30]
              --work-nanos W     the consumer's time per event, 1..1000000                  [2000]
              --target-millis T  the policy's target, 1..10000                              [5]
              --interval-millis I the policy's interval, from the target to 100000        [100]
            """;
    private static final int CAPACITY = 65_536;

    private DelaySheddingUnderContention() {
    }

    /** An event: when its producer claimed it. */
    static final class Event {
        long claimedAt;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        int producers = 2;
        ProducerType type = ProducerType.MULTI;
        long seconds = 30;
        long workNanos = 2_000;
        long targetMillis = 5;
        long intervalMillis = 100;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--producers" -> producers = (int) OptionValue.wholeNumber(args, ++i, "--producers", 1, 64);
                    case "--ring" -> type = switch (OptionValue.at(args, ++i, "--ring")) {
                        case "single" -> ProducerType.SINGLE;
                        case "multi" -> ProducerType.MULTI;
                        default -> throw new IllegalArgumentException("--ring must be single or multi: " + args[i]);
                    };
                    case "--seconds" -> seconds = OptionValue.wholeNumber(args, ++i, "--seconds", 2, 600);
                    case "--work-nanos" -> workNanos = OptionValue.wholeNumber(args, ++i, "--work-nanos", 1, 1_000_000);
                    case "--target-millis" -> targetMillis = OptionValue.wholeNumber(args, ++i, "--target-millis", 1, 10_000);
                    case "--interval-millis" -> intervalMillis = OptionValue.wholeNumber(args, ++i, "--interval-millis", 1, 100_000);
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            if (producers > 1 && type == ProducerType.SINGLE) {
                throw new IllegalArgumentException("--producers " + producers + " needs --ring multi");
            }
            if (intervalMillis < targetMillis) {
                throw new IllegalArgumentException("--interval-millis must be at least the target " + targetMillis + ": " + intervalMillis);
            }
        } catch (IllegalArgumentException e) {
            err.println("delay-shedding-under-contention: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Result r = measure(producers, type, seconds, workNanos, Duration.ofMillis(targetMillis), Duration.ofMillis(intervalMillis));
        out.printf(Locale.ROOT, "%d producer(s), %s ring, consumer %d ns/event, shedOnDelay(%d ms, %d ms), %d s: "
                        + "wait p50 %s p99 %s max %s; delivered %,d (%,.0f/s); claims %,d; drops %,d%n",
                producers, type, workNanos, targetMillis, intervalMillis, seconds, DurationText.ofMicros(r.p50Nanos / 1e3),
                DurationText.ofMicros(r.p99Nanos / 1e3), DurationText.ofMicros(r.maxNanos / 1e3), r.delivered,
                r.delivered / (seconds - 1.0), r.claims, r.drops);
        return 0;
    }

    /** What one run delivered, and how long the events consumed after its first second waited. */
    record Result(long p50Nanos, long p99Nanos, long maxNanos, long delivered, long claims, long drops) {
    }

    static Result measure(int producers, ProducerType type, long seconds, long workNanos, Duration target, Duration interval)
            throws InterruptedException {
        RingBuffer<Event> ring = RingBuffer.builder(Event::new).name("delay").capacity(CAPACITY).producerType(type)
                .waitStrategy(new BlockingWaitStrategy()).build();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(1);
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        Histogram waits = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long[] delivered = new long[1];
        Pipeline.Builder<Event> b = Pipeline.builder(ring).threadFactory(SluiceChannel::daemon);
        b.handler("consumer", (event, sequence, endOfBatch) -> {
            long now = System.nanoTime();
            if (now >= measureFrom) {
                waits.recordValue(Math.min(Math.max(0, now - event.claimedAt), waits.getHighestTrackableValue()));
                delivered[0]++;
            }
            long until = now + workNanos;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        Pipeline<Event> pipeline = b.build();
        pipeline.start();
        List<Producer<Event>> handles = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Producer<Event> handle = ring.newProducer("producer-" + p, BackpressurePolicy.shedOnDelay(target, interval));
            handles.add(handle);
            boolean batches = p % 2 == 0;
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        if (batches) {
                            Claim<Event> claim = handle.claim(4);
                            if (claim.isClaimed()) {
                                long now = System.nanoTime();
                                for (int i = 0; i < 4; i++) {
                                    claim.get(i).claimedAt = now;
                                }
                                claim.commit();
                            }
                        } else {
                            handle.publishEvent((event, sequence) -> event.claimedAt = System.nanoTime());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "producer-" + p);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // Drain-and-stop: the histogram is the consumer's alone until its thread has ended.
        pipeline.drainAndStop(Duration.ofSeconds(60));
        long claims = 0;
        long drops = 0;
        ProducerSnapshot snapshot = new ProducerSnapshot();
        for (Producer<Event> handle : handles) {
            handle.snapshot(snapshot);
            claims += snapshot.claims();
            drops += snapshot.drops();
        }
        return new Result(waits.getValueAtPercentile(50), waits.getValueAtPercentile(99), waits.getMaxValue(), delivered[0], claims,
                drops);
    }
}
