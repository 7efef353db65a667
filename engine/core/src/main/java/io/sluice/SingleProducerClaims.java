package io.sluice;

import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The claim side of a single-producer sequencer, whichever way it publishes (a cursor, or slot
 * markers): the producer's claim counter and its cached gating minimum, padded on both sides so
 * that the fields consumers read never share their lines. A claim is a plain read of the counter,
 * a compare against the cached minimum and a release store: no atomic read-modify-write. The
 * gating sequences are read only when the cache runs out.
 *
 * <p>Thread-safety: one producer thread claims; any thread may read {@link #claimedVolatile}.
 */
final class SingleProducerClaims extends SingleProducerClaimsRightPadding {
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final VarHandle CLAIM =
            FieldHandles.field(MethodHandles.lookup(), SingleProducerClaimsFields.class, "claim", long.class);

    /**
     * Claims {@code n} sequences of {@code sequencer} without waiting.
     *
     * @return the highest claimed sequence, {@link RingBuffer#INSUFFICIENT_CAPACITY}, or
     *     {@link Sequencer#CLOSED}
     */
    long claimIfFree(Sequencer sequencer, int n) {
        // Plain reads: only this producer thread writes the claim and the gating cache.
        long current = claim;
        long next = current + n;
        if (next - gatingCache > sequencer.refreshThreshold) {
            // Gating sequences only grow, so the cache may lag but never overstates free space.
            long min = sequencer.minimumGatingSequence(current);
            gatingCache = min;
            if (next - min > sequencer.capacity) {
                return RingBuffer.INSUFFICIENT_CAPACITY;
            }
            if (sequencer.watermarks != null && next - min >= sequencer.watermarks.high) {
                return claimReportingHigh(sequencer, current, next);
            }
        }
        return store(sequencer, current, next);
    }

    /** As {@link #claimIfFree}, against the caller's head and limit (see {@link Sequencer#claimWithin}). */
    long claimWithin(Sequencer sequencer, int n, long head, long limit) {
        // Plain read: only this producer thread writes the claim.
        long current = claim;
        long next = current + n;
        if (next - head > limit) {
            return RingBuffer.INSUFFICIENT_CAPACITY;
        }
        if (sequencer.reachesHighWatermark(next, head, current)) {
            return claimReportingHigh(sequencer, current, next);
        }
        return store(sequencer, current, next);
    }

    private long store(Sequencer sequencer, long current, long next) {
        // Release: other threads reading the claim (remainingCapacity, addGatingSequence) with
        // acquire also see the gating values this claim was checked against.
        CLAIM.setRelease(this, next);
        // Volatile read after the store: the producer's half of the close handshake (see
        // Sequencer.close). A plain load on x86; the store-to-load order it needs is not given by
        // the JMM for a release store, so settle() waits out the store's trip to memory.
        if (sequencer.closure != null) {
            return sequencer.afterClose(current, next);
        }
        return next;
    }

    /** Slow path, on rings with watermarks only: a claim that takes occupancy to the high mark. */
    private long claimReportingHigh(Sequencer sequencer, long current, long next) {
        long claimed = store(sequencer, current, next);
        if (claimed >= 0) {
            // After the store: the watermark report must see this claim (see Watermarks).
            sequencer.watermarks.producerReached(sequencer);
        }
        return claimed;
    }

    /**
     * Takes back the latest claim {@code lo..hi}: the counter returns to {@code lo - 1}, as if
     * the claim had never been made. That store and the close are ordered by the same handshake
     * as a claim's (see {@link Sequencer#close}): if the close is seen after it, the close may
     * have counted the claim before it was taken back, and then consumers drain up to it, so the
     * counter is restored and the caller must publish the claim marked aborted instead.
     *
     * @return whether the claim was taken back; false if it is not the latest claim (two handles
     *     on one thread) or the close counted it
     */
    boolean takeBack(Sequencer sequencer, long lo, long hi) {
        // Plain read: only this producer thread writes the claim.
        if (claim != hi) {
            return false;
        }
        CLAIM.setRelease(this, lo - 1);
        // Volatile read after the store: the producer's half of the close handshake.
        if (sequencer.closure == null || sequencer.finalSequence() < lo) {
            return true;
        }
        CLAIM.setRelease(this, hi);
        return false;
    }

    /** Puts back the caller's own claim, refused by the close, never published. */
    void undo(long previous) {
        CLAIM.setRelease(this, previous);
    }

    /**
     * The claim counter once no claim that missed the closure can still change it. A release
     * store followed by a volatile load may be reordered (the store waits in a store buffer), so
     * a claim stored just before the close may still be in flight when the closure is set.
     * Hardware drains a store buffer in well under a microsecond, and a thread switched out
     * drains it first; waiting {@link #SETTLE_NANOS} (parked) before reading the counter leaves a
     * margin of three orders of magnitude without a fence on every claim. JCStress
     * ({@code DrainRaceTests}) checks the outcome.
     */
    long settle() {
        long start = System.nanoTime();
        long remaining;
        while ((remaining = SETTLE_NANOS - (System.nanoTime() - start)) > 0) {
            LockSupport.parkNanos(this, remaining);
        }
        return (long) CLAIM.getVolatile(this);
    }

    /** Refuses to publish {@code sequence} if it was never claimed. Plain read: the producer's own counter. */
    void checkClaimed(long sequence) {
        if (sequence > claim) {
            throw new IllegalArgumentException(
                    "sequence " + sequence + " was not claimed; highest claimed is " + claim);
        }
    }

    /**
     * Refuses a sequence a lap or more behind the highest claim: on a ring with slot markers its
     * slot's marker already belongs to a later sequence, and marking it would hide that one from
     * consumers for good.
     */
    void checkWithinLap(long sequence, int capacity) {
        // Plain read: only this producer thread writes the claim.
        if (sequence <= claim - capacity) {
            throw new IllegalArgumentException("sequence " + sequence + " is a lap or more behind the highest claim "
                    + claim + " (capacity " + capacity + "): its slot holds a later sequence");
        }
    }

    /** {@return the highest claimed sequence, read with volatile ordering} */
    long claimedVolatile() {
        return (long) CLAIM.getVolatile(this);
    }
}

// Padding by class hierarchy, as in Sequence.java: the counters, declared in the middle class,
// land after 120 bytes of padding and before 120 more. SequenceLayoutTest measures the result.

/** Padding before the single producer's counters. */
abstract class SingleProducerClaimsLeftPadding {
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** The single producer's counters, written on every claim by that producer alone. */
abstract class SingleProducerClaimsFields extends SingleProducerClaimsLeftPadding {
    /** Highest claimed sequence; written only by the producer, read by others through {@code CLAIM}. */
    long claim = Sequence.INITIAL_VALUE;
    /** The producer's own cache of the gating minimum; plain, never read by another thread. */
    long gatingCache = Sequence.INITIAL_VALUE;
}

/** Padding after the single producer's counters. */
abstract class SingleProducerClaimsRightPadding extends SingleProducerClaimsFields {
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}
