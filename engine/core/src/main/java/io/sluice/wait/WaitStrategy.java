package io.sluice.wait;

import io.sluice.SequenceBarrier;

/**
 * How a consumer waits for a sequence to become available on a {@link SequenceBarrier}: spin,
 * yield, park, block, or a mix. One strategy serves a whole ring; its consumers share it.
 *
 * <p>Implementations are thread-safe: many consumers wait and many threads signal at once.
 *
 * <h2>Contract for implementations</h2>
 * <ul>
 *   <li>{@link #waitFor} returns {@link SequenceBarrier#highestAvailable(long)} once that is at
 *       least {@code sequence}. Every phase of the wait calls {@link SequenceBarrier#checkAlert()}
 *       (or returns within a bounded time to a phase that does), so an alert always ends the wait.</li>
 *   <li>Producers call {@link #signalPublished()} after every publish; consumers call
 *       {@link #signalConsumerProgress()} after every batch that advances their sequence;
 *       {@link SequenceBarrier#alert()} calls {@link #signalAll()}. None of them may take a lock
 *       or allocate while no thread is blocked in the strategy: they are on every hot path.</li>
 *   <li>A barrier without dependents ({@link SequenceBarrier#hasDependents()} false) moves only
 *       when producers publish; one with dependents only when those consumers progress. A
 *       strategy may therefore wake only the waiters a signal can concern (the blocking
 *       strategies do: a consumer's progress does not wake its sibling consumers waiting for
 *       producers); {@link #signalAll()} must wake every waiter.</li>
 *   <li>No method allocates on the steady-state path.</li>
 * </ul>
 */
public interface WaitStrategy {
    /**
     * Waits until {@code sequence} is available on {@code barrier}.
     *
     * @param sequence the sequence the caller wants to read next
     * @param barrier the barrier that says what is available and whether the wait was alerted
     * @return the highest available sequence, at least {@code sequence}
     * @throws AlertException when the barrier is alerted
     * @throws InterruptedException when a parking or blocking phase is interrupted
     * @throws WaitTimeoutException when a strategy with a timeout ran out of time
     */
    long waitFor(long sequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException, WaitTimeoutException;

    /** Wakes every consumer blocked in this strategy, if any; costs no lock while none is blocked. */
    void signalAll();

    /**
     * Called by a producer after each publish: wakes consumers that wait for producers (their
     * barrier has no dependents). The default wakes everyone with {@link #signalAll()}.
     */
    default void signalPublished() {
        signalAll();
    }

    /**
     * Called by a consumer after each batch that advanced its sequence: wakes consumers that wait
     * for other consumers (their barrier has dependents). The default wakes everyone with
     * {@link #signalAll()}.
     */
    default void signalConsumerProgress() {
        signalAll();
    }
}
