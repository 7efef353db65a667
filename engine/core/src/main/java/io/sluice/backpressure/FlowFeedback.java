package io.sluice.backpressure;

/**
 * What an {@link AdaptiveRateLimiter} reads of the ring it paces, once per control window: how
 * far producers have claimed and how far the slowest consumer has got. A ring built with a
 * policy that carries an adaptive limiter hands the limiter its own feedback; implement it only
 * to drive a limiter from another source (a simulation, a test).
 *
 * <p>Implementations must be thread-safe and must not block or allocate: they are read on a
 * producer's claim path, by whichever producer runs the control step.
 */
public interface FlowFeedback {
    /** {@return how many events the ring holds at most} */
    long capacity();

    /** {@return the highest sequence claimed by producers; -1 before the first} */
    long claimed();

    /** {@return the sequence the slowest gating consumer has finished; -1 before the first} */
    long consumed();
}
