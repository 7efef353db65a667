package io.sluice.wait;

import io.sluice.SequenceBarrier;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Blocks as {@link BlockingWaitStrategy}, but gives up after a timeout with
 * {@link WaitTimeoutException}, so a consumer can act while the ring is quiet: a
 * {@code BatchEventProcessor} calls its handler's {@code onTimeout} and waits again. The timeout
 * has the resolution of a timed park (tens of microseconds on Linux). Like the blocking strategy,
 * it wakes on a consumer's progress only the consumers that wait for consumers, and a consumer on
 * a virtual thread frees its carrier while it waits.
 *
 * <p>Thread-safe; allocation-free after a consumer thread's first wait.
 */
public final class TimeoutBlockingWaitStrategy implements WaitStrategy {
    private final ParkingWaiter waiter = new ParkingWaiter();
    private final long timeoutNanos;

    /**
     * Creates a blocking strategy whose waits give up after a timeout.
     *
     * @param timeout how long one wait may block; positive
     * @param unit the unit of {@code timeout}
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public TimeoutBlockingWaitStrategy(long timeout, TimeUnit unit) {
        if (timeout <= 0) {
            throw new IllegalArgumentException("timeout must be > 0: " + timeout);
        }
        Objects.requireNonNull(unit, "unit");
        long nanos = unit.toNanos(timeout);
        this.timeoutNanos = nanos == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : nanos;
    }

    @Override
    public long waitFor(long sequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException, WaitTimeoutException {
        return waiter.await(sequence, barrier, timeoutNanos);
    }

    @Override
    public void signalAll() {
        waiter.signalAll();
    }

    @Override
    public void signalPublished() {
        waiter.signalPublished();
    }

    @Override
    public void signalConsumerProgress() {
        waiter.signalConsumerProgress();
    }

    @Override
    public String toString() {
        return "TimeoutBlockingWaitStrategy{timeoutNanos=" + timeoutNanos + '}';
    }
}
