package io.sluice.bench;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency under load, open loop: a producer paced to a fixed offered rate sends, as each value,
 * the time it was due to be sent; the consumer records its completion time minus that intended
 * time in an HdrHistogram. A producer held up (by a full ring, by the scheduler) does not move its
 * schedule, so the wait shows in the figures instead of being left out (no coordinated omission,
 * and no correction applied on top). A rate is sustained if, at the end of the run, the producer
 * is less than {@link #SUSTAINED_LATENESS_NANOS} behind its schedule: the backlog did not grow.
 */
final class OpenLoopLatency {
    static final long SUSTAINED_LATENESS_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long PARK_AHEAD_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final long SPIN_LAST_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    /** One contender at one offered rate. */
    record Run(String contender, long rate, Histogram histogram, long latenessNanos) {
        boolean sustained() {
            return latenessNanos < SUSTAINED_LATENESS_NANOS;
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
        /** Values taken; the consumer thread's own count, published to the producer below. */
        private long count;
        private final AtomicLong received = new AtomicLong();

        @Override
        public void accept(long intended) {
            long latency = System.nanoTime() - intended;
            if (intended >= recordFrom) {
                histogram.recordValue(Math.min(Math.max(latency, 0), histogram.getHighestTrackableValue()));
            }
            // Single writer: a release store (lazySet), not a volatile write, so the consumer pays no
            // store-load fence per event; the producer only polls it at the end of a run.
            received.lazySet(++count);
        }

        long received() {
            return received.get();
        }
    }

    private OpenLoopLatency() {
    }

    /**
     * @param warmUpMillis sent but not recorded, so the JIT and the caches settle
     * @param measureMillis recorded
     */
    static Run run(String contender, long rate, long warmUpMillis, long measureMillis) throws InterruptedException {
        Recorder recorder = new Recorder();
        Channel channel = Contenders.create(contender, 1, Topology.ONE, recorder);
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long warmUpEnd = start + TimeUnit.MILLISECONDS.toNanos(warmUpMillis);
        long end = warmUpEnd + TimeUnit.MILLISECONDS.toNanos(measureMillis);
        long lateness = 0;
        recorder.recordFrom = warmUpEnd;
        for (long i = 0; ; i++) {
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
                } else {
                    Thread.onSpinWait();
                }
            }
            lateness = now - due;
            channel.send(due);
        }
        long sent = (end - start + period - 1) / period;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (recorder.received() < sent && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        channel.close();
        return new Run(contender, rate, recorder.histogram, lateness);
    }
}
