package io.sluice;

/**
 * Spins a number of times, then calls {@link Thread#yield()} between checks. Low latency, and
 * it gives the core away when other runnable threads need it, at the cost of 100% CPU while idle.
 *
 * <p>Thread-safe and immutable; allocation-free. Notices an alert or an interrupt on every try.
 */
public final class YieldingWaitStrategy implements WaitStrategy {
    private final int spinTries;

    /** Spins 100 times before yielding. */
    public YieldingWaitStrategy() {
        this(100);
    }

    /**
     * @param spinTries how many checks spin before the strategy starts yielding; 0 or more
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
        long available;
        int tries = 0;
        while ((available = barrier.highestAvailable(sequence)) < sequence) {
            barrier.checkAlert();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (tries < spinTries) {
                tries++;
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return available;
    }

    @Override
    public void signalAll() {
    }

    @Override
    public String toString() {
        return "YieldingWaitStrategy{spinTries=" + spinTries + '}';
    }
}
