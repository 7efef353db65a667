package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.signal.ParkedWaiters;

/**
 * Producers blocked until consumers free capacity ({@link BackpressurePolicy#block()}), parked on
 * {@link ParkedWaiters}: a producer counts itself before each claim attempt; a consumer, after the
 * release store of its sequence, signals, which unparks only producers that wait, once per wait.
 * So a producer either sees the progress or is unparked. A producer on a virtual thread frees its
 * carrier while it waits, and none allocates after its first wait.
 */
final class CapacityWaiters {
    private final ParkedWaiters waiters = new ParkedWaiters();

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
        while (true) {
            ParkedWaiters.Waiter self = waiters.count();
            long sequence = room.claim(n);
            if (sequence >= 0) {
                waiters.leave(self);
                return sequence;
            }
            if (sequence == Sequencer.CLOSED || sequencer.closure != null) {
                waiters.leave(self);
                return Sequencer.CLOSED;
            }
            if (permits != null) {
                permits.stepIfDue();
            }
            if (!waiters.await(self, deadline)) {
                return RingBuffer.TIMED_OUT;
            }
        }
    }

    /**
     * Waits up to {@code nanos}, or until the ring is closed, for a producer whose policy blocks
     * and that waits for rate-limit permits: {@link RingBuffer#close} signals these waiters, so
     * the wait ends at once. A consumer's progress wakes it too; the caller looks again.
     */
    void awaitUnlessClosed(Sequencer sequencer, long nanos) throws InterruptedException {
        ParkedWaiters.Waiter self = waiters.count();
        // Read after count()'s fence: a close either is seen here or unparks this waiter.
        if (sequencer.closure == null) {
            long until = System.nanoTime() + Math.max(1, nanos);
            waiters.await(self, until == 0 ? 1 : until);
        }
        waiters.leave(self);
    }

    /** {@return how many producers are counted as waiting now; for tests} */
    int counted() {
        return waiters.counted();
    }

    void signalAll() {
        waiters.signalAll();
    }
}
