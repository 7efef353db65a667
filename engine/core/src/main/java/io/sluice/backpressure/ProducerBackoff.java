package io.sluice.backpressure;


/**
 * What a waiting producer does between attempts to claim capacity: spin, yield, park, or
 * anything else (an Agrona {@code IdleStrategy} through {@code io.sluice.agrona.IdleStrategyBackoff}).
 * Used by the waiting {@link BackpressurePolicy policies}; the claim loop around it checks the
 * deadline and the interrupt status between calls.
 *
 * <p>Implementations are called concurrently by every producer that uses the policy, so they
 * keep per-wait state in {@code attempt} (or per thread), and must not allocate.
 */
@FunctionalInterface
public interface ProducerBackoff {
    /**
     * Waits a little before the next attempt.
     *
     * @param attempt how many attempts of this claim have failed before, from 0
     */
    void idle(int attempt);
}
