package io.sluice.wait;

import io.sluice.SequenceBarrier;

/**
 * Calls {@link Thread#yield()} between checks, optionally after spinning a number of checks first.
 * Low latency, and it gives the core away when other runnable threads need it, at the cost of 100%
 * CPU while idle.
 *
 * <p>By default it yields at once. With more runnable threads than cores, a consumer that spins
 * before yielding keeps a shared core whenever it has just caught up with the producer, while the
 * consumers it shares the core with fall behind and the ring fills up behind them: on a 2-vCPU
 * host that cut the multicast throughput of three yielding consumers to a third (JMH runs on that
 * host). A spin phase ({@link #YieldingWaitStrategy(int)},
 * each spin with a {@link Thread#onSpinWait()} pause) can pay only where each waiting thread has a
 * core of its own, by saving a {@code yield} system call on a wake-up; on that host open-loop
 * latency was the same either way.
 *
 * <p>Thread-safe and immutable; allocation-free. Notices an alert or an interrupt on every try.
 */
public final class YieldingWaitStrategy implements WaitStrategy {
    private final int spinTries;

    /** Yields at once whenever what it waits for is not there yet. */
    public YieldingWaitStrategy() {
        this(0);
    }

    /**
     * Creates a strategy that spins, then yields.
     *
     * @param spinTries how many checks spin before the strategy starts yielding; 0 or more (the
     *     LMAX Disruptor's yielding strategy spins 100, without a pause)
     * @throws IllegalArgumentException if negative
     */
    public YieldingWaitStrategy(int spinTries) {
        if (spinTries < 0) {
            throw new IllegalArgumentException("spinTries must be >= 0: " + spinTries);
        }
        this.spinTries = spinTries;
    }

    @Override
    public long waitFor(long sequence, SequenceBarrier barrier) throws AlertException, InterruptedException {
        return SteppedWait.await(sequence, barrier, spinTries, SteppedWait.YIELD_FOREVER, 0, this);
    }

    @Override
    public void signalAll() {
    }

    @Override
    public String toString() {
        return "YieldingWaitStrategy{spinTries=" + spinTries + '}';
    }
}
