package io.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Blocks consumers on a monitor until a sequence is available; signalling costs a fence and one
 * read while nobody waits. {@code Object.wait} rather than a {@code Condition}: a condition
 * allocates a node per wait, the monitor allocates nothing on the heap.
 *
 * <p>No lost wake-up: a waiter increments {@code waiters} (a full fence) before it checks the
 * barrier; a signaller fences between its publish and its read of {@code waiters}. Of two threads
 * that each store then load, at least one sees the other's store: either the waiter sees the
 * publish and does not wait, or the signaller sees the waiter and notifies under the monitor,
 * which the waiter holds from its last check until {@code wait} releases it.
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
        // Volatile read-modify-write: a full fence, so the checks below cannot be satisfied
        // before a signaller can see this waiter.
        WAITERS.getAndAdd(this, 1);
        try {
            synchronized (monitor) {
                while ((available = barrier.highestAvailable(sequence)) < sequence) {
                    barrier.checkAlert();
                    if (timeoutNanos == Long.MAX_VALUE) {
                        monitor.wait();
                    } else {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0) {
                            throw WaitTimeoutException.INSTANCE;
                        }
                        TimeUnit.NANOSECONDS.timedWait(monitor, remaining);
                    }
                }
            }
        } finally {
            WAITERS.getAndAdd(this, -1);
        }
        return available;
    }

    void signalAll() {
        // Store-load fence: the caller's publish (a release store) must be visible before we read
        // the waiter count, or a waiter that has just checked could sleep through this signal.
        VarHandle.fullFence();
        if ((int) WAITERS.getVolatile(this) != 0) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }
}
