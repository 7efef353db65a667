package io.sluice;

/**
 * Sequencer for one producer thread. The claim path is a plain read of the producer's own claim
 * counter, a compare against a cached minimum of the gating sequences, and a release store: no
 * atomic read-modify-write. The gating sequences are read only when the cache runs out.
 */
final class SingleProducerSequencer extends Sequencer {
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
        return next;
    }

    @Override
    void publish(long sequence) {
        checkClaimed(sequence);
        // Release: a consumer that reads this cursor with acquire sees the slot writes made before it.
        cursor.setRelease(sequence);
        waitStrategy.signalAll();
    }

    @Override
    void publish(long lo, long hi) {
        checkClaimed(hi);
        cursor.setRelease(hi);
        waitStrategy.signalAll();
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
