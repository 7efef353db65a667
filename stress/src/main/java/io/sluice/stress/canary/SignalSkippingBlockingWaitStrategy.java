package io.sluice.stress.canary;

import io.sluice.SequenceBarrier;
import io.sluice.wait.AlertException;
import io.sluice.wait.WaitStrategy;

/** BROKEN ON PURPOSE: the blocking strategy's protocol without its signal. Waiters sleep forever. */
public final class SignalSkippingBlockingWaitStrategy implements WaitStrategy {
    private final Object monitor = new Object();

    @Override
    public long waitFor(long sequence, SequenceBarrier barrier) throws AlertException, InterruptedException {
        long available;
        synchronized (monitor) {
            while ((available = barrier.highestAvailable(sequence)) < sequence) {
                barrier.checkAlert();
                monitor.wait();
            }
        }
        return available;
    }

    @Override
    public void signalAll() {
        // the bug: publishers never wake anyone
    }
}
