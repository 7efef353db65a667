package io.sluice.wait;

import io.sluice.SequenceBarrier;
import io.sluice.signal.ParkedWaiters;

/**
 * Parks consumers on {@link ParkedWaiters} until a sequence is available; signalling costs a fence
 * and one read while nobody waits, and an unpark once per wait. Parked, not in a monitor, so a
 * consumer on a virtual thread frees its carrier; and allocation-free after a thread's first wait.
 * Consumers that wait for producers and consumers that wait for other consumers park on separate
 * stacks, so each signal wakes only the waiters it can concern.
 */
final class ParkingWaiter {
    private final ParkedWaiters awaitingPublish = new ParkedWaiters();
    private final ParkedWaiters awaitingConsumers = new ParkedWaiters();

    /**
     * @param timeoutNanos how long to wait at most; {@code Long.MAX_VALUE} for no limit
     */
    long await(long sequence, SequenceBarrier barrier, long timeoutNanos)
            throws AlertException, InterruptedException, WaitTimeoutException {
        long available = barrier.highestAvailable(sequence);
        if (available >= sequence) {
            return available;
        }
        long deadline = timeoutNanos == Long.MAX_VALUE ? 0 : System.nanoTime() + timeoutNanos;
        // Only consumers move a barrier with dependents, only producers one without.
        ParkedWaiters waiters = barrier.hasDependents() ? awaitingConsumers : awaitingPublish;
        while (true) {
            ParkedWaiters.Waiter self = waiters.count();
            available = barrier.highestAvailable(sequence);
            if (available >= sequence) {
                waiters.leave(self);
                return available;
            }
            if (barrier.isAlerted()) {
                waiters.leave(self);
                throw AlertException.INSTANCE;
            }
            if (!waiters.await(self, deadline)) {
                throw WaitTimeoutException.INSTANCE;
            }
        }
    }

    /** {@return how many consumers are counted as waiting now; for tests} */
    int counted() {
        return awaitingPublish.counted() + awaitingConsumers.counted();
    }

    /** Wakes every waiter (an alert). */
    void signalAll() {
        awaitingPublish.signalAll();
        awaitingConsumers.signalAll();
    }

    /** Wakes consumers that wait for producers. */
    void signalPublished() {
        awaitingPublish.signalAll();
    }

    /** Wakes consumers that wait for other consumers. */
    void signalConsumerProgress() {
        awaitingConsumers.signalAll();
    }
}
