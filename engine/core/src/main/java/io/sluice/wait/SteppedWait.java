package io.sluice.wait;

import io.sluice.SequenceBarrier;

import java.util.concurrent.locks.LockSupport;

/**
 * The one wait loop of the strategies that step from spinning to yielding to parking
 * ({@link YieldingWaitStrategy}, {@link SleepingWaitStrategy}): each strategy is this loop with
 * its own counts. Checks an alert and an interrupt on every try; allocation-free.
 */
final class SteppedWait {
    /** A yield count that never runs out: the loop yields for good and never parks. */
    static final int YIELD_FOREVER = Integer.MAX_VALUE;

    private SteppedWait() {
    }

    /**
     * Waits until {@code sequence} is available: {@code spinTries} checks with a spin pause,
     * then {@code yieldTries} checks with a yield, then checks that park {@code parkNanos} each.
     *
     * @param blocker what a parked thread is parked on, as thread dumps show it
     * @return the highest available sequence, at least {@code sequence}
     */
    static long await(long sequence, SequenceBarrier barrier, int spinTries, int yieldTries, long parkNanos,
            Object blocker) throws AlertException, InterruptedException {
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
            } else if (yieldTries == YIELD_FOREVER || tries - spinTries < yieldTries) {
                if (yieldTries != YIELD_FOREVER) {
                    tries++;
                }
                Thread.yield();
            } else {
                LockSupport.parkNanos(blocker, parkNanos);
            }
        }
        return available;
    }
}
