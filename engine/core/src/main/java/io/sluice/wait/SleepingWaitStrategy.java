package io.sluice.wait;

import io.sluice.SequenceBarrier;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Spins (if asked to), then yields, then parks for a fixed time between checks: little CPU while idle, and a
 * wake-up latency of about the park time (on Linux at least the timer slack, ~50 µs, however
 * short the park asked for). Producers never signal it, so publishing costs nothing extra.
 *
 * <p>Thread-safe and immutable; allocation-free. Notices an alert or an interrupt on every try,
 * so at most one park time after it happens.
 */
public final class SleepingWaitStrategy implements WaitStrategy {
    private final int spinTries;
    private final int yieldTries;
    private final long parkNanos;

    /**
     * No spins, 100 yields, then parks of 100 ns (in practice the OS timer slack). Without the
     * spin phase the LMAX Disruptor's sleeping strategy has (100 checks): with more runnable threads
     * than cores, a consumer spinning after it caught up keeps a core its siblings need, which on a
     * 2-vCPU host cost three sleeping consumers in a multicast two thirds of their throughput (see
     * {@link YieldingWaitStrategy}).
     */
    public SleepingWaitStrategy() {
        this(0, 100, 100, TimeUnit.NANOSECONDS);
    }

    /**
     * Creates a strategy that spins, then yields, then parks.
     *
     * @param spinTries checks that spin first; 0 or more
     * @param yieldTries checks that yield next; 0 or more
     * @param parkTime how long each later check parks; positive
     * @param unit the unit of {@code parkTime}
     * @throws IllegalArgumentException if a count is negative or the park time is not positive
     */
    public SleepingWaitStrategy(int spinTries, int yieldTries, long parkTime, TimeUnit unit) {
        if (spinTries < 0) {
            throw new IllegalArgumentException("spinTries must be >= 0: " + spinTries);
        }
        if (yieldTries < 0) {
            throw new IllegalArgumentException("yieldTries must be >= 0: " + yieldTries);
        }
        if (parkTime <= 0) {
            throw new IllegalArgumentException("parkTime must be > 0: " + parkTime);
        }
        this.spinTries = spinTries;
        this.yieldTries = yieldTries;
        Objects.requireNonNull(unit, "unit");
        this.parkNanos = unit.toNanos(parkTime);
    }

    @Override
    public long waitFor(long sequence, SequenceBarrier barrier) throws AlertException, InterruptedException {
        return SteppedWait.await(sequence, barrier, spinTries, yieldTries, parkNanos, this);
    }

    @Override
    public void signalAll() {
    }

    @Override
    public String toString() {
        return "SleepingWaitStrategy{spinTries=" + spinTries + ", yieldTries=" + yieldTries
                + ", parkNanos=" + parkNanos + '}';
    }
}
