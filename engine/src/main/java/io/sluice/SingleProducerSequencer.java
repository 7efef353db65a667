package io.sluice;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sequencer for one producer thread. The claim path is a plain read of the producer's own claim
 * counter, a compare against a cached minimum of the gating sequences, and a release store: no
 * atomic read-modify-write. The gating sequences are read only when the cache runs out.
 */
final class SingleProducerSequencer extends Sequencer {
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Highest published sequence; consumers read it with acquire. */
    private final Sequence cursor = new Sequence();
    /** Highest claimed sequence; written only by the producer. */
    private final Sequence claim = new Sequence();
    /** The producer's own cache of the gating minimum; plain, never shared. */
    private final Sequence gatingCache = new Sequence();

    SingleProducerSequencer(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
    }

    @Override
    long tryNext(int n) {
        long current = claim.getPlain();
        long next = current + n;
        if (next - gatingCache.getPlain() > refreshThreshold) {
            // Gating sequences only grow, so the cache may lag but never overstates free space.
            long min = minimumGatingSequence(current);
            gatingCache.setPlain(min);
            if (next - min > capacity) {
                return RingBuffer.INSUFFICIENT_CAPACITY;
            }
            if (watermarks != null) {
                watermarks.producerSaw(next - min);
            }
        }
        // Release: other threads reading the claim (remainingCapacity, addGatingSequence) with
        // acquire also see the gating values this claim was checked against.
        claim.setRelease(next);
        // Volatile read after the store: the producer's half of the close handshake (see
        // Sequencer.close). A plain load on x86; the store-to-load order it needs is not given by
        // the JMM for a release store, so settleClaims() waits out the store's trip to memory.
        if (closure != null) {
            return afterClose(current, next);
        }
        return next;
    }

    /**
     * A release store followed by a volatile load may be reordered (the store waits in a store
     * buffer), so a claim stored just before the close may still be in flight when the closure
     * is set. Hardware drains a store buffer in well under a microsecond, and a thread switched
     * out drains it first; waiting {@link #SETTLE_NANOS} (parked) before reading the counter
     * leaves a margin of three orders of magnitude without a fence on every claim. JCStress
     * ({@code DrainRaceTests}) checks the outcome.
     */
    @Override
    long settleClaims() {
        long start = System.nanoTime();
        long remaining;
        while ((remaining = SETTLE_NANOS - (System.nanoTime() - start)) > 0) {
            LockSupport.parkNanos(this, remaining);
        }
        return claim.getVolatile();
    }

    @Override
    void withdrawClaim(long previous) {
        // Only the producer thread writes the claim: it takes back its own, never published, claim.
        claim.setRelease(previous);
    }

    @Override
    void publish(long sequence) {
        checkClaimed(sequence);
        // Release: a consumer that reads this cursor with acquire sees the slot writes made before it.
        cursor.setRelease(sequence);
        waitStrategy.signalPublished();
    }

    @Override
    void publish(long lo, long hi) {
        checkClaimed(hi);
        cursor.setRelease(hi);
        waitStrategy.signalPublished();
    }

    private void checkClaimed(long sequence) {
        if (sequence > claim.getPlain()) {
            throw new IllegalArgumentException(
                    "sequence " + sequence + " was not claimed; highest claimed is " + claim.getPlain());
        }
    }

    @Override
    Sequence cursor() {
        return cursor;
    }

    @Override
    long highestPublished(long lo, long cursorValue) {
        return cursorValue;
    }

    @Override
    boolean isPublished(long sequence) {
        long published = cursor.getAcquire();
        return sequence <= published && sequence > published - capacity;
    }

    @Override
    long claimedVolatile() {
        return claim.getVolatile();
    }

    @Override
    ProducerType producerType() {
        return ProducerType.SINGLE;
    }
}
