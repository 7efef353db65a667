package io.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Blocks consumers on a monitor until a sequence is available; signalling costs a fence and one
 * read while nobody waits. {@code Object.wait} rather than a {@code Condition}: a condition
 * allocates a node per wait, the monitor allocates nothing on the heap.
 *
 * <p>No lost wake-up: a waiter counts itself in {@code waiters} (a full fence) before it checks
 * the barrier; a signaller fences between its publish and its read of {@code waiters}. Of two
 * threads that each store then load, at least one sees the other's store: either the waiter sees
 * the publish and does not wait, or the signaller sees the waiter and notifies under the monitor,
 * which the waiter holds from its count and check until {@code wait} releases it.
 *
 * <p>One lock per wake-up, not per signal: the count changes only under the monitor, and a
 * signaller that notifies also clears it, because every counted waiter is then in {@code wait}
 * and wakes. A woken waiter counts itself again before it checks again, so the signals that
 * follow, until it is back in {@code wait}, cost no lock; without the clearing every publish in
 * that window would take the lock and contend with the waiter trying to get back in. Each
 * clearing starts a new {@code epoch}: a waiter that leaves {@code wait} unsignalled (a timeout, a
 * spurious wake-up, an interrupt) finds its epoch current, so it is still counted and does not
 * count itself twice; the count stays exact.
 */
final class MonitorWaiter {
    private static final VarHandle WAITERS;

    static {
        try {
            WAITERS = MethodHandles.lookup().findVarHandle(MonitorWaiter.class, "waiters", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object monitor = new Object();
    @SuppressWarnings("unused")
    private volatile int waiters;
    /** How many times a signaller cleared {@code waiters}; read and written under the monitor. */
    private long epoch;

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
        synchronized (monitor) {
            long countedIn = -1; // the epoch in which this waiter last counted itself
            while (true) {
                if (countedIn != epoch) {
                    // Volatile read-modify-write: a full fence, so the check below cannot be
                    // satisfied before a signaller can see this waiter.
                    WAITERS.getAndAdd(this, 1);
                    countedIn = epoch;
                }
                available = barrier.highestAvailable(sequence);
                if (available >= sequence) {
                    // Counted in this epoch, and no signaller runs while we hold the monitor:
                    // take the count back. Likewise on every exit below.
                    WAITERS.getAndAdd(this, -1);
                    return available;
                }
                if (barrier.isAlerted()) {
                    WAITERS.getAndAdd(this, -1);
                    throw AlertException.INSTANCE;
                }
                try {
                    if (timeoutNanos == Long.MAX_VALUE) {
                        monitor.wait();
                    } else {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0) {
                            WAITERS.getAndAdd(this, -1);
                            throw WaitTimeoutException.INSTANCE;
                        }
                        TimeUnit.NANOSECONDS.timedWait(monitor, remaining);
                    }
                } catch (InterruptedException e) {
                    // wait() has the monitor back before it throws.
                    if (countedIn == epoch) {
                        WAITERS.getAndAdd(this, -1);
                    }
                    throw e;
                }
            }
        }
    }

    /** @return how many waiters are counted now; for tests */
    int counted() {
        return (int) WAITERS.getVolatile(this);
    }

    void signalAll() {
        // Store-load fence: the caller's publish (a release store) must be visible before we read
        // the waiter count, or a waiter that has just checked could sleep through this signal.
        VarHandle.fullFence();
        if ((int) WAITERS.getVolatile(this) != 0) {
            synchronized (monitor) {
                // Every counted waiter is in wait() now (counting, checking and waiting happen
                // under this monitor) and this wakes it; each sees the new epoch and counts itself
                // again before it re-checks, so later signals need no lock until one waits again.
                WAITERS.setVolatile(this, 0);
                epoch++;
                monitor.notifyAll();
            }
        }
    }
}
