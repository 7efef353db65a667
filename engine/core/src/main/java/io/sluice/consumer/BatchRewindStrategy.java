package io.sluice.consumer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Decides, each time a handler throws {@link RewindableException}, whether its batch is handed
 * over again from its first event or the failure goes on to the stage's {@link ExceptionPolicy}
 * (and its {@link ExceptionHandler}, if any) as any other would. Called on the processor's thread;
 * while it runs and while the batch is redone, producers and later stages wait for the batch.
 * A halt ends a rewinding processor as it ends any other.
 *
 * <p>Do not combine with early release ({@link EventHandler#setSequenceCallback}): events released
 * before the rewind may already be overwritten.
 */
@FunctionalInterface
public interface BatchRewindStrategy {
    /** What to do with a batch whose handler threw {@link RewindableException}. */
    enum RewindAction {
        /** Hand the batch over again, from its first event. */
        REWIND,
        /** Give up rewinding: the failure goes to the exception policy at the event that threw. */
        THROW
    }

    /**
     * Decides what happens to a batch whose handler asked for it again.
     *
     * @param failure what the handler threw
     * @param attempts how many times this batch has failed so far, from 1; back to 0 once a batch completes
     * @return whether to rewind
     */
    RewindAction handleRewindException(RewindableException failure, int attempts);

    /** {@return a strategy that always rewinds: the batch is redone until it succeeds or the processor is halted} */
    static BatchRewindStrategy alwaysRewind() {
        return (failure, attempts) -> RewindAction.REWIND;
    }

    /**
     * Rewinds until a batch has failed {@code maxAttempts} times, then gives up.
     *
     * @param maxAttempts the failures of one batch after which the failure goes on, at least 1
     * @return the strategy
     * @throws IllegalArgumentException if {@code maxAttempts} is below 1
     */
    static BatchRewindStrategy giveUpAfter(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        return (failure, attempts) -> attempts >= maxAttempts ? RewindAction.THROW : RewindAction.REWIND;
    }

    /**
     * Parks the processor's thread for {@code pause} before each rewind, and always rewinds.
     *
     * @param pause how long to wait before redoing the batch, positive
     * @return the strategy
     * @throws IllegalArgumentException if {@code pause} is zero or negative
     */
    static BatchRewindStrategy pauseThenRewind(Duration pause) {
        long nanos = Objects.requireNonNull(pause, "pause").toNanos();
        if (nanos <= 0) {
            throw new IllegalArgumentException("pause must be positive: " + pause);
        }
        return (failure, attempts) -> {
            LockSupport.parkNanos(nanos);
            return RewindAction.REWIND;
        };
    }
}
