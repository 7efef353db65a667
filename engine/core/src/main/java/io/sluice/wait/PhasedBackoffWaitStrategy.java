package io.sluice.wait;

import io.sluice.SequenceBarrier;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Spins for a while, then yields for a while, then hands the wait to a fallback strategy
 * (typically {@link BlockingWaitStrategy} or {@link SleepingWaitStrategy}): low latency for
 * events that arrive soon, little CPU for a ring that goes quiet.
 *
 * <p>Every wait first spins 256 times before it reads the clock (most waits of a consumer that
 * keeps up end there, and a clock read costs more than a spin); the spin and yield times count
 * from that first reading.
 *
 * <p>Thread-safe if the fallback is; allocation-free. Notices an alert on every spin and yield,
 * and through the fallback after that.
 */
public final class PhasedBackoffWaitStrategy implements WaitStrategy {
    private static final int SPINS_PER_CLOCK_READ = 256;

    private final long spinNanos;
    private final long spinAndYieldNanos;
    private final WaitStrategy fallback;

    /**
     * Creates a strategy that spins, then yields, then waits with the fallback.
     *
     * @param spinTime how long to spin; 0 or more
     * @param yieldTime how long to yield after spinning; 0 or more
     * @param unit the unit of both times
     * @param fallback the strategy that waits after that
     * @throws IllegalArgumentException if a time is negative
     */
    public PhasedBackoffWaitStrategy(long spinTime, long yieldTime, TimeUnit unit, WaitStrategy fallback) {
        if (spinTime < 0) {
            throw new IllegalArgumentException("spinTime must be >= 0: " + spinTime);
        }
        if (yieldTime < 0) {
            throw new IllegalArgumentException("yieldTime must be >= 0: " + yieldTime);
        }
        Objects.requireNonNull(unit, "unit");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.spinNanos = unit.toNanos(spinTime);
        this.spinAndYieldNanos = spinNanos + unit.toNanos(yieldTime);
    }

    /**
     * Spins for {@code spinTime}, yields for as long again, then blocks.
     *
     * @param spinTime how long to spin
     * @param unit the unit of {@code spinTime}
     * @return the strategy
     */
    public static PhasedBackoffWaitStrategy withBlocking(long spinTime, TimeUnit unit) {
        return new PhasedBackoffWaitStrategy(spinTime, spinTime, unit, new BlockingWaitStrategy());
    }

    /**
     * Spins for {@code spinTime}, yields for as long again, then sleeps with a
     * {@link SleepingWaitStrategy} that parks at once.
     *
     * @param spinTime how long to spin
     * @param unit the unit of {@code spinTime}
     * @return the strategy
     */
    public static PhasedBackoffWaitStrategy withSleeping(long spinTime, TimeUnit unit) {
        return new PhasedBackoffWaitStrategy(spinTime, spinTime, unit,
                new SleepingWaitStrategy(0, 0, 100, TimeUnit.NANOSECONDS));
    }

    @Override
    public long waitFor(long sequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException, WaitTimeoutException {
        long available;
        // The clock starts after the first SPINS_PER_CLOCK_READ spins: a consumer that keeps
        // catching up calls this for nearly every event, and most of those waits end sooner,
        // so reading the clock on entry would cost each of them more than its spins.
        long start = 0;
        boolean clockStarted = false;
        boolean yielding = false;
        int spins = 0;
        while ((available = barrier.highestAvailable(sequence)) < sequence) {
            barrier.checkAlert();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (yielding) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
                // Spinning: read the clock only now and then; a yield costs more than the clock.
                if (++spins < SPINS_PER_CLOCK_READ) {
                    continue;
                }
                spins = 0;
            }
            long now = System.nanoTime();
            if (!clockStarted) {
                start = now;
                clockStarted = true;
            }
            long waited = now - start;
            if (waited >= spinAndYieldNanos) {
                return fallback.waitFor(sequence, barrier);
            }
            yielding = waited >= spinNanos;
        }
        return available;
    }

    @Override
    public void signalAll() {
        fallback.signalAll();
    }

    @Override
    public void signalPublished() {
        fallback.signalPublished();
    }

    @Override
    public void signalConsumerProgress() {
        fallback.signalConsumerProgress();
    }

    @Override
    public String toString() {
        return "PhasedBackoffWaitStrategy{spinNanos=" + spinNanos + ", spinAndYieldNanos=" + spinAndYieldNanos
                + ", fallback=" + fallback + '}';
    }
}
