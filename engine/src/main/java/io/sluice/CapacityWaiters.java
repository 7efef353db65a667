package io.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Producers blocked until consumers free capacity ({@link BackpressurePolicy#block()}). The same
 * protocol as the consumers' {@link MonitorWaiter}, mirrored: a producer increments
 * {@code waiters} (a full fence) before each claim attempt made under the monitor; a consumer,
 * after the release store of its sequence, fences and reads {@code waiters}, and takes the
 * monitor only if a producer waits. So a producer either sees the progress or is notified.
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

    /**
     * @param deadline a {@link System#nanoTime()} value, or 0 for none
     * @return the highest claimed sequence, {@link RingBuffer#TIMED_OUT}, or
     *     {@link Sequencer#CLOSED} once the ring is closed ({@link RingBuffer#close} wakes waiters)
     */
    long claim(Sequencer sequencer, int n, long deadline) throws InterruptedException {
        WAITERS.getAndAdd(this, 1);
        try {
            synchronized (monitor) {
                long sequence;
                while ((sequence = sequencer.tryNext(n)) < 0) {
                    if (sequence == Sequencer.CLOSED || sequencer.closure != null) {
                        return Sequencer.CLOSED;
                    }
                    if (deadline == 0) {
                        monitor.wait();
                    } else {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0) {
                            return RingBuffer.TIMED_OUT;
                        }
                        TimeUnit.NANOSECONDS.timedWait(monitor, remaining);
                    }
                }
                return sequence;
            }
        } finally {
            WAITERS.getAndAdd(this, -1);
        }
    }

    void signalAll() {
        // Store-load fence: the consumer's release of its sequence must be visible before we read
        // the waiter count, or a producer that has just failed a claim could sleep through it.
        VarHandle.fullFence();
        if ((int) WAITERS.getVolatile(this) != 0) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }
}
