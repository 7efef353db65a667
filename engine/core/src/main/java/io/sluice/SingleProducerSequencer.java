package io.sluice;

import io.sluice.access.FieldHandles;
import io.sluice.wait.WaitStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sequencer for one producer thread. The claim path is a plain read of the producer's own claim
 * counter, a compare against a cached minimum of the gating sequences, and a release store: no
 * atomic read-modify-write. The gating sequences are read only when the cache runs out.
 */
sealed class SingleProducerSequencer extends SingleProducerCounters permits SlotMarkingSequencer {
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final VarHandle CLAIM =
            FieldHandles.field(MethodHandles.lookup(), SingleProducerCounters.class, "claim", long.class);

    /** Padding after the counters; see {@link SingleProducerLeftPadding}. */
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    /** Highest published sequence; consumers read it with acquire. */
    private final Sequence cursor = new Sequence();

    SingleProducerSequencer(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
    }

    @Override
    long tryNext(int n) {
        // Plain reads: only this producer thread writes the claim and the gating cache.
        long current = claim;
        long next = current + n;
        if (next - gatingCache > refreshThreshold) {
            // Gating sequences only grow, so the cache may lag but never overstates free space.
            long min = minimumGatingSequence(current);
            gatingCache = min;
            if (next - min > capacity) {
                return RingBuffer.INSUFFICIENT_CAPACITY;
            }
            if (watermarks != null && next - min >= watermarks.high) {
                return claimReportingHigh(current, next);
            }
        }
        return store(current, next);
    }

    /** As {@link #tryNext}, against the caller's head and limit (see {@link Sequencer#tryNextWithin}). */
    @Override
    long tryNextWithin(int n, long head, long limit) {
        // Plain read: only this producer thread writes the claim.
        long current = claim;
        long next = current + n;
        if (next - head > limit) {
            return RingBuffer.INSUFFICIENT_CAPACITY;
        }
        if (reachesHighWatermark(next, head, current)) {
            return claimReportingHigh(current, next);
        }
        return store(current, next);
    }

    private long store(long current, long next) {
        // Release: other threads reading the claim (remainingCapacity, addGatingSequence) with
        // acquire also see the gating values this claim was checked against.
        CLAIM.setRelease(this, next);
        // Volatile read after the store: the producer's half of the close handshake (see
        // Sequencer.close). A plain load on x86; the store-to-load order it needs is not given by
        // the JMM for a release store, so settleClaims() waits out the store's trip to memory.
        if (closure != null) {
            return afterClose(current, next);
        }
        return next;
    }

    /** Slow path, on rings with watermarks only: a claim that takes occupancy to the high mark. */
    private long claimReportingHigh(long current, long next) {
        long claimed = store(current, next);
        if (claimed >= 0) {
            // After the store: the watermark report must see this claim (see Watermarks).
            watermarks.producerReached(this);
        }
        return claimed;
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
        return (long) CLAIM.getVolatile(this);
    }

    @Override
    void withdrawClaim(long previous, long claimed) {
        // Only the producer thread writes the claim: it takes back its own, never published, claim.
        CLAIM.setRelease(this, previous);
    }

    /**
     * The latest claim is taken back: the claim counter returns to {@code lo - 1}, as if the
     * claim had never been made. That store and the close are ordered by the same handshake as a
     * claim's (see {@link Sequencer#close}): if the close is seen after it, the close may have
     * counted the claim before it was taken back, and then consumers drain up to it, so it is
     * restored and published marked aborted instead. A claim with later claims of the same thread
     * after it (two handles on one thread) is published marked aborted too, as on a
     * multi-producer ring.
     */
    @Override
    void abort(long lo, long hi) {
        if (claim == hi) {
            CLAIM.setRelease(this, lo - 1);
            // Volatile read after the store: the producer's half of the close handshake.
            if (closure == null || finalSequence() < lo) {
                return;
            }
            CLAIM.setRelease(this, hi);
        }
        markAborted(lo, hi);
        publishAborted(lo, hi);
    }

    /** Publishes {@code lo..hi}, just marked aborted, for consumers to pass over; on the abort path only. */
    void publishAborted(long lo, long hi) {
        // Plain read: only this producer thread writes the cursor. A later claim of this thread
        // may already have moved it past the aborted one; it never moves back.
        if (cursor.getPlain() < hi) {
            // Release: consumers that acquire the cursor see the marks and the slots.
            cursor.setRelease(hi);
            waitStrategy.signalPublished();
        }
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

    @Override
    void publishClaim(long lo, long hi) {
        // Release, as publish: the claim object made this claim, so there is nothing to check.
        cursor.setRelease(hi);
        waitStrategy.signalPublished();
    }

    final void checkClaimed(long sequence) {
        if (sequence > claim) {
            throw new IllegalArgumentException(
                    "sequence " + sequence + " was not claimed; highest claimed is " + claim);
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
        return (long) CLAIM.getVolatile(this);
    }

    @Override
    ProducerType producerType() {
        return ProducerType.SINGLE;
    }
}
