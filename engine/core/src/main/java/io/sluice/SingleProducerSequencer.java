package io.sluice;

import io.sluice.backpressure.Watermarks;
import io.sluice.wait.WaitStrategy;

/**
 * Sequencer for one producer thread whose consumers read one cursor: the highest published
 * sequence, stored with release on every publish. The claim side is {@link SingleClaimSequencer}'s.
 */
final class SingleProducerSequencer extends SingleClaimSequencer {
    /** Highest published sequence; consumers read it with acquire. */
    private final Sequence cursor = new Sequence();

    SingleProducerSequencer(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
    }

    @Override
    long claimIfFree(int n) {
        return claimAlone(n);
    }

    @Override
    long claimWithin(int n, long head, long limit) {
        return claimAloneWithin(n, head, limit);
    }

    @Override
    void makeAvailable(long last) {
        checkClaimed(last);
        // Release: a consumer that reads this cursor with acquire sees the slot writes made before it.
        cursor.setRelease(last);
        waitStrategy.signalPublished();
    }

    @Override
    void makeAvailable(long lo, long hi) {
        checkClaimed(hi);
        // Release, as above; the cursor covers the whole range.
        cursor.setRelease(hi);
        waitStrategy.signalPublished();
    }

    @Override
    void makeClaimAvailable(long lo, long hi) {
        // Release, as makeAvailable: the claim object made this claim, so there is nothing to check.
        cursor.setRelease(hi);
        waitStrategy.signalPublished();
    }

    /**
     * Takes the latest claim back ({@link #takeBack}); a claim with later claims of the same
     * thread after it (two handles on one thread), or one the close counted, is made available
     * marked aborted, as on a multi-producer ring.
     */
    @Override
    void withdraw(long lo, long hi) {
        if (takeBack(lo, hi)) {
            return;
        }
        markAborted(lo, hi);
        // Plain read: only this producer thread writes the cursor. A later claim of this thread
        // may already have moved it past the aborted one; it never moves back.
        if (cursor.getPlain() < hi) {
            // Release: consumers that acquire the cursor see the marks and the slots.
            cursor.setRelease(hi);
            waitStrategy.signalPublished();
        }
    }

    @Override
    long highestAvailable(long lo) {
        // Acquire: pairs with the producer's release of the cursor.
        return cursor.getAcquire();
    }

    /** Never: the cursor moves on publish, so a value at or past a sequence means "published since". */
    @Override
    boolean isClaimInFlight(long sequence) {
        return false;
    }

    @Override
    boolean isAvailable(long sequence) {
        long published = cursor.getAcquire();
        return sequence <= published && sequence > published - capacity;
    }
}
