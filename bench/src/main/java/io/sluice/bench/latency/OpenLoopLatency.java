package io.sluice.bench.latency;

import io.sluice.bench.channel.Channel;
import io.sluice.bench.channel.Contenders;
import io.sluice.bench.run.MachineLoad;
import io.sluice.bench.channel.Topology;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency under load, open loop: producers paced to a fixed offered rate send, as each value,
 * the time it was due to be sent; the consumer records its completion time minus that intended
 * time in an HdrHistogram. A producer held up (by a full ring, by the scheduler) does not move its
 * schedule, so the wait shows in the figures instead of being left out (no coordinated omission,
 * and no correction applied on top). With several producers, each takes every n-th slot of one
 * schedule at the total rate, so together they offer that rate evenly.
 *
 * <p>A rate is <em>sustained</em> if, over the whole measured run, no producer ever fell more
 * than {@link #SUSTAINED_BOUND_NANOS} behind its schedule, and when the last value had been sent
 * the consumer was no more than that behind it (its backlog, in time at the offered rate). A
 * producer that keeps its schedule while the consumer falls ever further behind does not
 * sustain the rate.
 */
public final class OpenLoopLatency {
    /**
     * How far behind schedule a producer, or the consumer, may be at any time of a sustained run:
     * above the 10–35 ms a thread loses now and then to the scheduler on a 2-core machine with
     * more runnable threads than cores, well below the hundreds of milliseconds and more that a
     * backlog reaches once a rate is beyond a contender.
     */
    static final long SUSTAINED_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long PARK_AHEAD_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final long SPIN_LAST_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    /**
     * One contender at one offered rate.
     *
     * @param maxLatenessNanos the furthest any producer was behind its schedule while measured
     * @param backlogNanos how far behind the consumer was when the last value had been sent: the
     *     values sent and not yet taken, times the period of the offered rate
     * @param othersShare the share of the cores other processes used meanwhile ({@link MachineLoad})
     */
    record Run(String contender, int producers, long rate, Histogram histogram, long maxLatenessNanos, long backlogNanos,
               double othersShare) {
        boolean sustained() {
            return maxLatenessNanos <= SUSTAINED_BOUND_NANOS && backlogNanos <= SUSTAINED_BOUND_NANOS;
        }

        /** {@return "1P1C" or "3P1C"} */
        String scenario() {
            return scenario(producers);
        }

        static String scenario(int producers) {
            return producers + "P1C";
        }
    }

    /** Records on the consumer thread; read only after the channel is closed (its thread joined or halted and quiet). */
    static final class Recorder implements java.util.function.LongConsumer {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        /**
         * The first intended send time that is recorded: the end of the warm-up. Decided by the
         * value's own schedule, not by when it arrives, so a warm-up value still in the ring when
         * the warm-up ends is not recorded. Set before the first send; volatile, so the consumer
         * sees it (a plain load on x86).
         */
        volatile long recordFrom = Long.MAX_VALUE;
        /** Values taken; the consumer thread's own count, published to the producers below. */
        private long count;
        private final AtomicLong received = new AtomicLong();

        @Override
        public void accept(long intended) {
            long latency = System.nanoTime() - intended;
            if (intended >= recordFrom) {
                histogram.recordValue(Math.min(Math.max(latency, 0), histogram.getHighestTrackableValue()));
            }
            // Single writer: a release store (lazySet), not a volatile write, so the consumer pays no
            // store-load fence per event; the producers read it once each, at the end of a run.
            received.lazySet(++count);
        }

        long received() {
            return received.get();
        }
    }

    /** One producer's part of the schedule: every {@code stride}-th slot from {@code first}. */
    private static final class Pacer implements Runnable {
        private final Channel channel;
        private final long start;
        private final long period;
        private final long warmUpEnd;
        private final long end;
        private final int first;
        private final int stride;
        /**
         * Whether the producers and the consumer outnumber the cores: then a producer that spins
         * while early keeps a thread that has work (the consumer, another producer that is due)
         * off a core for a time slice, and the harness, not the contender, makes values late.
         */
        private final boolean yieldWhileEarly;
        long maxLateness;
        Throwable failure;

        Pacer(Channel channel, long start, long period, long warmUpEnd, long end, int first, int stride) {
            this.channel = channel;
            this.start = start;
            this.period = period;
            this.warmUpEnd = warmUpEnd;
            this.end = end;
            this.first = first;
            this.stride = stride;
            this.yieldWhileEarly = stride + 1 > Runtime.getRuntime().availableProcessors();
        }

        @Override
        public void run() {
            try {
                for (long i = first; ; i += stride) {
                    long due = start + i * period;
                    if (due >= end) {
                        break;
                    }
                    long now;
                    while ((now = System.nanoTime()) < due) {
                        // Park only when far ahead, and wake early: a park here can overshoot by ~50 µs,
                        // which would make the harness, not the contender, send late.
                        if (due - now > PARK_AHEAD_NANOS) {
                            LockSupport.parkNanos(due - now - SPIN_LAST_NANOS);
                        } else if (yieldWhileEarly) {
                            Thread.yield();
                        } else {
                            Thread.onSpinWait();
                        }
                    }
                    if (due >= warmUpEnd && now - due > maxLateness) {
                        maxLateness = now - due;
                    }
                    channel.send(due);
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    private OpenLoopLatency() {
    }

    /** One producer: see {@link #run(String, int, long, long, long)}. */
    static Run run(String contender, long rate, long warmUpMillis, long measureMillis) throws InterruptedException {
        return run(contender, 1, rate, warmUpMillis, measureMillis);
    }

    /**
     * @param producers producer threads sharing the schedule; more than one needs a multi-producer contender
     * @param rate the events per second all producers together offer
     * @param warmUpMillis sent but not recorded, so the JIT and the caches settle
     * @param measureMillis recorded
     */
    static Run run(String contender, int producers, long rate, long warmUpMillis, long measureMillis) throws InterruptedException {
        Recorder recorder = new Recorder();
        Channel channel = Contenders.create(contender, producers, Topology.ONE, recorder);
        long period = 1_000_000_000L / rate;
        MachineLoad.Sample before = MachineLoad.sample();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long warmUpEnd = start + TimeUnit.MILLISECONDS.toNanos(warmUpMillis);
        long end = warmUpEnd + TimeUnit.MILLISECONDS.toNanos(measureMillis);
        recorder.recordFrom = warmUpEnd;
        List<Pacer> pacers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Pacer pacer = new Pacer(channel, start, period, warmUpEnd, end, p, producers);
            pacers.add(pacer);
            Thread thread = new Thread(pacer, "paced-producer-" + p);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long sent = (end - start + period - 1) / period;
        // Read as soon as the last value is sent: how far behind the schedule's end the consumer is.
        long backlog = (sent - recorder.received()) * period;
        long maxLateness = 0;
        for (Pacer pacer : pacers) {
            if (pacer.failure != null) {
                channel.close();
                throw new IllegalStateException(contender + " failed to send at " + rate + "/s", pacer.failure);
            }
            maxLateness = Math.max(maxLateness, pacer.maxLateness);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (recorder.received() < sent && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        double share = MachineLoad.othersShare(before, MachineLoad.sample());
        channel.close();
        return new Run(contender, producers, rate, recorder.histogram, maxLateness, backlog, share);
    }
}
