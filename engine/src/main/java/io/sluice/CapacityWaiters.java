package io.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Producers blocked until consumers free capacity ({@link BackpressurePolicy#block()}). The same
 * protocol as the consumers' {@link MonitorWaiter}, mirrored: a producer counts itself in
 * {@code waiters} (a full fence) before each claim attempt made under the monitor; a consumer,
 * after the release store of its sequence, fences and reads {@code waiters}, and takes the
 * monitor only if a producer waits. So a producer either sees the progress or is notified. As
 * there, a notifying consumer clears the count (every counted producer is in {@code wait} and
 * wakes) and starts a new epoch, and each woken producer counts itself again before it retries:
 * one lock per wake-up, not one per consumer batch until the woken producers are back in.
 */
final class CapacityWaiters {
    private static final VarHandle WAITERS;

    static {
        try {
            WAITERS = MethodHandles.lookup().findVarHandle(CapacityWaiters.class, "waiters", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object monitor = new Object();
    @SuppressWarnings("unused")
    private volatile int waiters;
    /** How many times a consumer cleared {@code waiters}; read and written under the monitor. */
    private long epoch;

    /**
     * @param deadline a {@link System#nanoTime()} value, or 0 for none
     * @return the highest claimed sequence, {@link RingBuffer#TIMED_OUT}, or
     *     {@link Sequencer#CLOSED} once the ring is closed ({@link RingBuffer#close} wakes waiters)
     */
    long claim(Sequencer sequencer, int n, long deadline) throws InterruptedException {
        synchronized (monitor) {
            long countedIn = -1; // the epoch in which this producer last counted itself
            while (true) {
                if (countedIn != epoch) {
                    // Volatile read-modify-write: a full fence, so the claim attempt below cannot
                    // miss progress made before a consumer could see this producer.
                    WAITERS.getAndAdd(this, 1);
                    countedIn = epoch;
                }
                long sequence = sequencer.tryNext(n);
                if (sequence >= 0) {
                    // Counted in this epoch, and no consumer signals while we hold the monitor:
                    // take the count back. Likewise on every exit below.
                    WAITERS.getAndAdd(this, -1);
                    return sequence;
                }
                if (sequence == Sequencer.CLOSED || sequencer.closure != null) {
                    WAITERS.getAndAdd(this, -1);
                    return Sequencer.CLOSED;
                }
                try {
                    if (deadline == 0) {
                        monitor.wait();
                    } else {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0) {
                            WAITERS.getAndAdd(this, -1);
                            return RingBuffer.TIMED_OUT;
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

    /** @return how many producers are counted as waiting now; for tests */
    int counted() {
        return (int) WAITERS.getVolatile(this);
    }

    void signalAll() {
        // Store-load fence: the consumer's release of its sequence must be visible before we read
        // the waiter count, or a producer that has just failed a claim could sleep through it.
        VarHandle.fullFence();
        if ((int) WAITERS.getVolatile(this) != 0) {
            synchronized (monitor) {
                // Every counted producer is in wait() now and this wakes it; each sees the new
                // epoch and counts itself again before it retries.
                WAITERS.setVolatile(this, 0);
                epoch++;
                monitor.notifyAll();
            }
        }
    }
}
