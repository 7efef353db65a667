package io.sluice.queue;

import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Consumers blocked in {@code take} or a timed {@code poll}, and the producers' wake-up. A
 * producer takes the lock only while some consumer waits: otherwise an insert costs one
 * store-load fence and one read. {@code java.util.concurrent.locks}, not a monitor, so a waiting
 * virtual thread parks without holding its carrier.
 */
final class TakerWaiters {
    private static final VarHandle WAITING = FieldHandles.field(MethodHandles.lookup(), TakerWaiters.class, "waiting", int.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    @SuppressWarnings("unused") // read and written through WAITING
    private volatile int waiting;

    /**
     * Called by a producer after it published. Full fence between the publish (a release store)
     * and the read of {@code waiting}: with the consumer's count-then-look below, either the
     * producer sees the waiter or the waiter sees the element.
     */
    void signalIfWaiting() {
        VarHandle.fullFence();
        if ((int) WAITING.getOpaque(this) != 0) {
            lock.lock();
            try {
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits until {@code side} yields an element, at most {@code nanos} if {@code timed}.
     *
     * @return the element, or null if the time ran out
     * @throws InterruptedException if interrupted while waiting (the interrupt status is cleared)
     */
    Object await(TakeSide side, boolean timed, long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            WAITING.getAndAdd(this, 1);
            VarHandle.fullFence(); // the count is visible before the look at the ring
            boolean handedOn = false;
            try {
                long remaining = nanos;
                while (true) {
                    Object element = side.poll();
                    if (element != null) {
                        handedOn = true;
                        return element;
                    }
                    if (!timed) {
                        notEmpty.await();
                    } else if (remaining <= 0) {
                        return null;
                    } else {
                        remaining = notEmpty.awaitNanos(remaining);
                    }
                }
            } finally {
                WAITING.getAndAdd(this, -1);
                // A waiter that leaves without an element (time out, interrupt) may have been the
                // one signalled for an element still there: pass the signal on.
                if (!handedOn && side.headPublished()) {
                    notEmpty.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
