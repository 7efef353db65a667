package io.sluice.wait;

import io.sluice.SequenceBarrier;
import io.sluice.signal.CountedMonitor;

/**
 * Blocks consumers on a {@link CountedMonitor} until a sequence is available; signalling costs a
 * fence and one read while nobody waits, and a lock once per wake-up. {@code Object.wait} rather
 * than a {@code Condition}: a condition allocates a node per wait, the monitor allocates nothing on
 * the heap. Consumers that wait for producers and consumers that wait for other consumers block on
 * separate monitors, so each signal wakes only the waiters it can concern.
 */
final class MonitorWaiter {
    private final CountedMonitor awaitingPublish = new CountedMonitor();
    private final CountedMonitor awaitingConsumers = new CountedMonitor();

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
        CountedMonitor monitor = barrier.hasDependents() ? awaitingConsumers : awaitingPublish;
        synchronized (monitor) {
            long countedIn = CountedMonitor.NOT_COUNTED;
            while (true) {
                countedIn = monitor.count(countedIn);
                available = barrier.highestAvailable(sequence);
                if (available >= sequence) {
                    monitor.leave();
                    return available;
                }
                if (barrier.isAlerted()) {
                    monitor.leave();
                    throw AlertException.INSTANCE;
                }
                if (!monitor.await(countedIn, deadline)) {
                    throw WaitTimeoutException.INSTANCE;
                }
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
