package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.signal.CountedMonitor;

/**
 * Producers blocked until consumers free capacity ({@link BackpressurePolicy#block()}), on a
 * {@link CountedMonitor}: a producer counts itself before each claim attempt made under the
 * monitor; a consumer, after the release store of its sequence, signals, which takes the lock only
 * if a producer waits, once per wake-up. So a producer either sees the progress or is notified.
 */
final class CapacityWaiters {
    private final CountedMonitor monitor = new CountedMonitor();

    /**
     * @param room the claiming handle's room, which claims
     * @param sequencer the ring's sequencer, whose closure ends the wait
     * @param deadline a {@link System#nanoTime()} value, or 0 for none
     * @param permits where the producer's rate-limit permits come from, or null: an adaptive limiter runs its control step
     *     at each wake-up, so its rate follows the consumers while the ring is full
     * @return the highest claimed sequence, {@link RingBuffer#TIMED_OUT}, or
     *     {@link Sequencer#CLOSED} once the ring is closed ({@link RingBuffer#close} wakes waiters)
     */
    long claim(ClaimRoom room, Sequencer sequencer, int n, long deadline, Permits permits) throws InterruptedException {
        synchronized (monitor) {
            long countedIn = CountedMonitor.NOT_COUNTED;
            while (true) {
                countedIn = monitor.count(countedIn);
                long sequence = room.claim(n);
                if (sequence >= 0) {
                    monitor.leave();
                    return sequence;
                }
                if (sequence == Sequencer.CLOSED || sequencer.closure != null) {
                    monitor.leave();
                    return Sequencer.CLOSED;
                }
                if (permits != null) {
                    permits.stepIfDue();
                }
                if (!monitor.await(countedIn, deadline)) {
                    return RingBuffer.TIMED_OUT;
                }
            }
        }
    }

    /**
     * Waits up to {@code nanos}, or until the ring is closed, for a producer whose policy blocks
     * and that waits for rate-limit permits: {@link RingBuffer#close} signals this monitor, so
     * the wait ends at once. A consumer's progress wakes it too; the caller looks again.
     */
    void awaitUnlessClosed(Sequencer sequencer, long nanos) throws InterruptedException {
        synchronized (monitor) {
            long countedIn = monitor.count(CountedMonitor.NOT_COUNTED);
            // Read after count()'s fence: a close either is seen here or signals this waiter.
            if (sequencer.closure != null) {
                monitor.leave();
                return;
            }
            long until = System.nanoTime() + Math.max(1, nanos);
            if (monitor.await(countedIn, until == 0 ? 1 : until)) {
                monitor.leaveAfterWait(countedIn);
            }
        }
    }

    /** {@return how many producers are counted as waiting now; for tests} */
    int counted() {
        return monitor.counted();
    }

    void signalAll() {
        monitor.signalAll();
    }
}
