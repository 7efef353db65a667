package io.sluice;

/**
 * What a consumer waits on: the ring's published sequences or, for a consumer that runs after
 * others, the lowest of those consumers' sequences. Created by {@link RingBuffer#newBarrier}.
 *
 * <p>Thread-safety: one consumer thread waits on a barrier; any thread may {@link #alert()} it.
 */
public final class SequenceBarrier {
    private final Sequencer sequencer;
    private final Sequence cursor;
    private final Sequence[] dependents;
    private final WaitStrategy waitStrategy;
    private volatile boolean alerted;

    SequenceBarrier(Sequencer sequencer, Sequence[] dependents) {
        this.sequencer = sequencer;
        this.cursor = sequencer.cursor();
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
            // Acquire: pairs with the producer's release of the cursor (single producer); for
            // multiple producers the cursor only bounds the scan of per-slot markers.
            long cursorValue = cursor.getAcquire();
            return cursorValue < sequence ? cursorValue : sequencer.highestPublished(sequence, cursorValue);
        }
        long min = Long.MAX_VALUE;
        for (Sequence dependent : dependents) {
            // Acquire: pairs with the upstream consumer's release after it finished with its slots.
            min = Math.min(min, dependent.getAcquire());
        }
        return min;
    }

    /**
     * @return whether this barrier waits on other consumers' sequences; if so only their progress
     *     (not a publish) can move what it makes available, since they never pass the producers
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

    /** @return whether the barrier is alerted */
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
