package io.sluice.backpressure;


/**
 * A source of nanosecond time, so a {@link RateLimiter} can be tested with a clock the test moves.
 * Implementations must be thread-safe and monotonic.
 */
@FunctionalInterface
public interface NanoClock {
    /** {@link System#nanoTime()}. */
    NanoClock SYSTEM = System::nanoTime;

    /** {@return the current time in nanoseconds, from an arbitrary origin} */
    long nanoTime();
}
