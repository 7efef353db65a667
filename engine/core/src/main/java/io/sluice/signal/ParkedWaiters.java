package io.sluice.signal;

import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads parked until signalled, counted so that a signal costs a fence and one read while
 * nobody waits, and a wake-up once per wait. The blocking wait strategies' {@code ParkingWaiter}
 * (consumers) and the ring's {@code CapacityWaiters} ({@code block()} producers) both use it; each
 * keeps its own waiting loop around {@link #count}, {@link #await} and {@link #leave}. Not part of
 * the API: the module does not export this package.
 *
 * <p>Why parking, not a monitor or a lock's condition. A virtual thread that waits in
 * {@code Object.wait()} pins its carrier on JDK 21 to 23; one parked by {@link LockSupport} frees
 * it. A {@code Condition} parks too, but allocates a node per wait, and a blocking consumer waits
 * once per catch-up: the stage threads' no-allocation invariant would not hold. Here each thread
 * has one {@link Waiter} per instance, made at its first wait ({@link ThreadLocal}) and reused.
 *
 * <p>The protocol. Registered waiters form a stack (a compare-and-set on {@code head}). A waiter
 * marks itself waiting, pushes its node unless the node is still on the stack, fences, and only
 * then checks whether it still has to wait. A signaller makes its progress visible, fences, and
 * reads {@code head}. Of two threads that each store then load, at least one sees the other's
 * store: either the waiter sees the progress and does not park, or the signaller sees the waiter
 * and unparks it (an unpark before the park makes the park return at once). A signaller takes the
 * whole stack in one exchange, so the signals that follow, while the woken waiters get back to
 * their checks, find it empty and cost a fence and a read. A woken waiter pushes itself again
 * before it re-checks.
 *
 * <p>A waiter that leaves (its wait satisfied, timed out or interrupted) only marks itself not
 * waiting; its node may stay on the stack until the next signal takes it, which then leaves that
 * thread alone. That "leave it alone" is a second store-then-load pair: the signaller clears the
 * node's {@code queued} and reads its {@code waiting}; a waiter sets {@code waiting} and reads
 * {@code queued} (volatile accesses, so in one total order): a waiter that still sees its node
 * queued is unparked, and one that sees it taken pushes it again.
 *
 * <p>Thread-safe: that is its purpose.
 */
public final class ParkedWaiters {
    private static final VarHandle HEAD =
            FieldHandles.field(MethodHandles.lookup(), ParkedWaiters.class, "head", Waiter.class);
    /** A bound on the walk of {@link #counted}, which reads a stack that may change under it. */
    private static final int MAX_WALK = 1 << 20;

    private final ThreadLocal<Waiter> waiters = ThreadLocal.withInitial(Waiter::new);
    @SuppressWarnings("unused")
    private volatile Waiter head;

    /** Creates a signal with no waiters. */
    public ParkedWaiters() {
    }

    /**
     * Counts the calling thread as waiting: call before every check of what it waits for. The
     * first call on a thread makes its node; later ones allocate nothing.
     *
     * @return the calling thread's node, to pass to {@link #await} and {@link #leave}
     */
    public Waiter count() {
        Waiter waiter = waiters.get();
        waiter.waiting = true;
        if (!waiter.queued) {
            waiter.queued = true;
            Waiter top;
            do {
                top = (Waiter) HEAD.getVolatile(this);
                waiter.next = top; // published by the compare-and-set below
            } while (!HEAD.compareAndSet(this, top, waiter));
        }
        // Store-load fence: the check that follows cannot be satisfied before a signaller can see
        // this waiter (its node on the stack, its waiting mark).
        VarHandle.fullFence();
        return waiter;
    }

    /**
     * The waiter leaves: its wait is over, whatever ended it.
     *
     * @param waiter what {@link #count} returned
     */
    public void leave(Waiter waiter) {
        waiter.waiting = false;
    }

    /**
     * Parks once, until signalled, interrupted or {@code deadline}: the step of a waiting loop
     * between a failed check and the next {@link #count}. Leaves the waiter counted after a
     * wake-up, and counts it out when the deadline has passed or the wait is interrupted.
     *
     * @param waiter what {@link #count} returned
     * @param deadline a {@link System#nanoTime()} value, or 0 to wait without one
     * @return false, counted out and without parking, if the deadline has passed; true after a
     *     wake-up of any kind (signal, timeout, spurious): the caller counts and checks again
     * @throws InterruptedException if interrupted; counted out
     */
    public boolean await(Waiter waiter, long deadline) throws InterruptedException {
        if (deadline == 0) {
            LockSupport.park(this);
        } else {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                leave(waiter);
                return false;
            }
            LockSupport.parkNanos(this, remaining);
        }
        if (Thread.interrupted()) {
            leave(waiter);
            throw new InterruptedException();
        }
        return true;
    }

    /** {@return how many threads are counted as waiting and not yet signalled; for tests and diagnostics} */
    public int counted() {
        int counted = 0;
        Waiter waiter = (Waiter) HEAD.getVolatile(this);
        for (int walked = 0; waiter != null && walked < MAX_WALK; walked++) {
            if (waiter.waiting && waiter.queued) {
                counted++;
            }
            waiter = waiter.next;
        }
        return counted;
    }

    /** Wakes every counted waiter; touches none while nobody waits. Call after making progress visible. */
    public void signalAll() {
        // Store-load fence: the caller's progress (a release store) must be visible before we read
        // the stack, or a waiter that has just checked could park through this signal.
        VarHandle.fullFence();
        if (HEAD.getVolatile(this) == null) {
            return;
        }
        Waiter waiter = (Waiter) HEAD.getAndSet(this, null);
        while (waiter != null) {
            Waiter next = waiter.next;
            waiter.queued = false;
            // Read after the volatile store above: a waiter that has marked itself waiting since
            // either is seen here, or sees its node taken and pushes it again.
            if (waiter.waiting) {
                LockSupport.unpark(waiter.thread);
            }
            waiter = next;
        }
    }

    /** One thread's place on one {@link ParkedWaiters}; made once per thread and reused. */
    public static final class Waiter {
        final Thread thread = Thread.currentThread();
        /** On the stack: set by its thread as it pushes, cleared by the signaller that takes it. */
        volatile boolean queued;
        /** Between its thread's {@link #count} and its {@link #leave}. */
        volatile boolean waiting;
        /** The node below on the stack; written before the push that publishes it. */
        Waiter next;

        private Waiter() {
        }
    }
}
