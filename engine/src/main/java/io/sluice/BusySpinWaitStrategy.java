package io.sluice;

/**
 * Spins with {@link Thread#onSpinWait()} until the sequence is available: the lowest latency,
 * and a whole core burnt per waiting consumer. Use it only with a core to spare for each
 * spinning thread; with more spinning threads than cores, they steal time from the threads they
 * wait for.
 *
 * <p>Thread-safe and stateless; allocation-free. Notices an alert or an interrupt on every spin.
 */
public final class BusySpinWaitStrategy implements WaitStrategy {
    /** Creates the strategy; it holds no state, so one instance can serve any number of rings. */
    public BusySpinWaitStrategy() {
    }

    @Override
    public long waitFor(long sequence, SequenceBarrier barrier) throws AlertException, InterruptedException {
        long available;
        while ((available = barrier.highestAvailable(sequence)) < sequence) {
            barrier.checkAlert();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
        }
        return available;
    }

    @Override
    public void signalAll() {
    }

    @Override
    public String toString() {
        return "BusySpinWaitStrategy";
    }
}
