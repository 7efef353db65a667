package io.sluice;

import io.sluice.backpressure.RateLimiter;

/**
 * Where a rate-limited handle takes its permits: its policy's limiter, or, for a handle of a
 * producer class, that class's {@linkplain RateLimiter#share share} of the limiter. Chosen when
 * the handle is built.
 */
sealed interface Permits {
    boolean tryAcquire(int permits);

    void refund(int permits);

    long nanosUntilAvailable(int permits);

    /** {@return the most permits one acquire can take} */
    long largestAcquire();

    /** {@return the limiter the permits come from} */
    RateLimiter limiter();

    /** Runs an adaptive limiter's control step if a window has ended ({@link RateLimiter#stepIfDue()}). */
    default void stepIfDue() {
        limiter().stepIfDue();
    }

    /** The limiter's own permits, outside every share. */
    record FromLimiter(RateLimiter limiter) implements Permits {
        @Override
        public boolean tryAcquire(int permits) {
            return limiter.tryAcquire(permits);
        }

        @Override
        public void refund(int permits) {
            limiter.refund(permits);
        }

        @Override
        public long nanosUntilAvailable(int permits) {
            return limiter.nanosUntilAvailable(permits);
        }

        @Override
        public long largestAcquire() {
            return limiter.unreservedBurst();
        }
    }

    /** A producer class's share of the limiter. */
    record FromShare(RateLimiter.Share share) implements Permits {
        @Override
        public boolean tryAcquire(int permits) {
            return share.tryAcquire(permits);
        }

        @Override
        public void refund(int permits) {
            share.refund(permits);
        }

        @Override
        public long nanosUntilAvailable(int permits) {
            return share.nanosUntilAvailable(permits);
        }

        @Override
        public long largestAcquire() {
            return share.largestAcquire();
        }

        @Override
        public RateLimiter limiter() {
            return share.limiter();
        }
    }
}
