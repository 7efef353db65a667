package io.sluice.signal;

import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * A monitor that counts the threads waiting on it, so that a signal takes the lock only when one
 * waits, and only once per wake-up. The blocking wait strategies' {@code MonitorWaiter} (consumers)
 * and the ring's {@code CapacityWaiters} ({@code block()} producers) both use it; each keeps its own
 * waiting loop around {@link #count} and {@link #await}. Not part of the API: the module does not
 * export this package.
 *
 * <p>The protocol. A waiter holds this monitor from its count to its {@code wait()}: it calls
 * {@link #count} (a volatile read-modify-write, so a full fence) and only then checks whether it
 * still has to wait. A signaller makes its progress visible, fences, and reads the count. Of two
 * threads that each store then load, at least one sees the other's store: either the waiter sees
 * the progress and does not wait, or the signaller sees the waiter and notifies under the monitor.
 *
 * <p>One lock per wake-up: the count changes only under the monitor, so a signaller that
 * notifies can clear it (every counted waiter is then in {@code wait()} and wakes) and start a new
 * epoch. A woken waiter, seeing the new epoch, counts itself again before it re-checks; the signals
 * that come before that cost a fence and a read, not a lock contending with the waiter getting back
 * in. A waiter that leaves {@code wait()} unsignalled (timeout, spurious wake-up, interrupt) finds
 * its epoch current and is still counted, so the count stays exact.
 *
 * <p>Thread-safe: that is its purpose.
 */
public final class CountedMonitor {
    /** What a waiter passes to {@link #count} the first time: counted in no epoch. */
    public static final long NOT_COUNTED = -1;

    private static final VarHandle WAITERS =
            FieldHandles.field(MethodHandles.lookup(), CountedMonitor.class, "waiters", int.class);

    @SuppressWarnings("unused")
    private volatile int waiters;
    /** How many times a signaller cleared {@code waiters}; read and written under this monitor. */
    private long epoch;

    /** Creates a monitor with no waiters. */
    public CountedMonitor() {
    }

    /**
     * Counts the calling waiter unless it is still counted. Call under this monitor before every
     * check of what the waiter waits for.
     *
     * @param countedIn what the previous call returned, or {@link #NOT_COUNTED}
     * @return the epoch the waiter is counted in, to pass to the next call
     */
    public long count(long countedIn) {
        if (countedIn == epoch) {
            return countedIn; // not cleared since: still counted, and its fence still orders the check
        }
        // Volatile read-modify-write: a full fence, so the check that follows cannot be satisfied
        // before a signaller can see this waiter.
        WAITERS.getAndAdd(this, 1);
        return epoch;
    }

    /** The waiter leaves without waiting: call under this monitor, in the same hold as its {@link #count}. */
    public void leave() {
        WAITERS.getAndAdd(this, -1);
    }

    /**
     * The waiter leaves after {@code wait()} threw (it has the monitor back by then): takes its
     * count back unless a signal cleared it.
     *
     * @param countedIn what {@link #count} last returned
     */
    public void leaveAfterWait(long countedIn) {
        if (countedIn == epoch) {
            leave();
        }
    }

    /**
     * Waits once, until signalled or {@code deadline}: the step of a waiting loop between a
     * failed check and the next {@link #count}. Call under this monitor, after {@link #count}.
     * Leaves the count as the protocol needs: taken back when the deadline has passed or the
     * wait is interrupted, kept across a wake-up.
     *
     * @param countedIn what {@link #count} last returned
     * @param deadline a {@link System#nanoTime()} value, or 0 to wait without one
     * @return false, counted out and without waiting, if the deadline has passed; true after a
     *     wake-up of any kind (signal, timeout, spurious): the caller counts and checks again
     * @throws InterruptedException if interrupted while waiting; counted out
     */
    public boolean await(long countedIn, long deadline) throws InterruptedException {
        try {
            if (deadline == 0) {
                wait();
            } else {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    leave();
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
            return true;
        } catch (InterruptedException e) {
            leaveAfterWait(countedIn);
            throw e;
        }
    }

    /** {@return how many waiters are counted now; for tests and diagnostics} */
    public int counted() {
        return (int) WAITERS.getVolatile(this);
    }

    /** Wakes every waiter; takes the lock only if one is counted. Call after making progress visible. */
    public void signalAll() {
        // Store-load fence: the caller's progress (a release store) must be visible before we read
        // the count, or a waiter that has just checked could sleep through this signal.
        VarHandle.fullFence();
        if ((int) WAITERS.getVolatile(this) != 0) {
            synchronized (this) {
                // Every counted waiter is in wait() now (counting, checking and waiting happen
                // under this monitor) and this wakes it; each sees the new epoch and counts itself
                // again before it re-checks, so later signals need no lock until one waits again.
                WAITERS.setVolatile(this, 0);
                epoch++;
                notifyAll();
            }
        }
    }
}
