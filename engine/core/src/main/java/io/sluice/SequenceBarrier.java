package io.sluice;

import io.sluice.wait.AlertException;
import io.sluice.wait.WaitStrategy;
import io.sluice.wait.WaitTimeoutException;

/**
 * What a consumer waits on: the ring's published sequences or, for a consumer that runs after
 * others, the lowest of those consumers' sequences. Created by {@link RingBuffer#newBarrier}.
 *
 * <p>Thread-safety: one consumer thread waits on a barrier; any thread may {@link #alert()} it.
 */
public final class SequenceBarrier {
    /** The ring's sequencer, which answers for a barrier without dependents. */
    private final Sequencer sequencer;
    private final Sequence[] dependents;
    private final WaitStrategy waitStrategy;
    private volatile boolean alerted;

    SequenceBarrier(Sequencer sequencer, Sequence[] dependents) {
        this.sequencer = sequencer;
        this.dependents = dependents;
        this.waitStrategy = sequencer.waitStrategy;
    }

    /**
     * Waits, with the ring's wait strategy, until {@code sequence} is available.
     *
     * @param sequence the next sequence the consumer wants
     * @return the highest available sequence, at least {@code sequence}: the consumer may read
     *     every sequence up to it
     * @throws AlertException if the barrier is or becomes alerted
     * @throws InterruptedException if the thread is interrupted while the strategy parks or blocks
     * @throws WaitTimeoutException if the wait strategy has a timeout and it expired
     */
    public long waitFor(long sequence) throws AlertException, InterruptedException, WaitTimeoutException {
        checkAlert();
        long available = highestAvailable(sequence);
        if (available >= sequence) {
            return available;
        }
        return waitStrategy.waitFor(sequence, this);
    }

    /**
     * Returns at once with what is available now; never waits.
     *
     * @param sequence the next sequence the consumer wants
     * @return the highest sequence such that every sequence from {@code sequence} up to it is
     *     available; less than {@code sequence} if {@code sequence} itself is not
     */
    public long highestAvailable(long sequence) {
        if (dependents.length == 0) {
            // The sequencer's kind knows how its producers publish: a cursor read with acquire,
            // a scan of slot markers each read with acquire, or both.
            return sequencer.highestAvailable(sequence);
        }
        long min = Long.MAX_VALUE;
        for (Sequence dependent : dependents) {
            // Acquire: pairs with the upstream consumer's release after it finished with its slots.
            min = Math.min(min, dependent.getAcquire());
        }
        return min;
    }

    /**
     * Whether a producer has claimed {@code sequence} but not yet published it: the case of a
     * multi-producer ring whose consumer has caught up with the claims in flight. A wait for it
     * ends when that producer publishes, within nanoseconds unless the producer is descheduled;
     * polling meanwhile reads the cache lines the producers are writing.
     *
     * @param sequence a sequence {@link #highestAvailable} said is not available
     * @return whether it is claimed and unpublished; false for a barrier with dependents, and
     *     for a single-producer ring (its cursor moves only on publish; with slot markers, the
     *     wait for the producer's next publish is the ordinary one)
     */
    public boolean isClaimInFlight(long sequence) {
        return dependents.length == 0 && sequencer.isClaimInFlight(sequence);
    }

    /**
     * {@return whether this barrier waits on other consumers' sequences; if so only their progress
     *     (not a publish) can move what it makes available, since they never pass the producers}
     */
    public boolean hasDependents() {
        return dependents.length != 0;
    }

    /**
     * Tells the consumer waiting on this barrier to stop: its current and later waits throw
     * {@link AlertException} until {@link #clearAlert()}. Wakes it if it is blocked.
     */
    public void alert() {
        alerted = true;
        waitStrategy.signalAll();
    }

    /** Clears an {@link #alert()}, so waits proceed again. */
    public void clearAlert() {
        alerted = false;
    }

    /** {@return whether the barrier is alerted} */
    public boolean isAlerted() {
        return alerted;
    }

    /**
     * Throws if the barrier is alerted; wait strategies call it in every phase of a wait.
     *
     * @throws AlertException if the barrier is alerted
     */
    public void checkAlert() throws AlertException {
        if (alerted) {
            throw AlertException.INSTANCE;
        }
    }
}
