package io.sluice;

import io.sluice.backpressure.Watermarks;
import io.sluice.access.FieldHandles;
import io.sluice.access.FieldHandles;
import io.sluice.wait.WaitStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Sequencer for any number of producer threads.
 *
 * <p>A claim checks capacity against a cached gating minimum first and only then moves the claim
 * cursor with a compare-and-set; unlike a {@code getAndAdd}-first claim it can give up without
 * having taken sequences it would then have to publish. Each slot carries an availability marker
 * ({@link SlotMarkers}), so consumers read up to the highest contiguous published sequence however
 * publishes interleave; the cursor, which counts claims, bounds their scan.
 *
 * <p>Each claim of several also records its first sequence, so that {@code makeAvailable(hi)}
 * after a claim of {@code n} publishes the whole claim, as it does on a single-producer ring.
 */
final class MultiProducerSequencer extends Sequencer {
    private static final VarHandle STARTS =
            FieldHandles.field(MethodHandles.lookup(), MultiProducerSequencer.class, "claimStarts", long[].class);

    /** Highest claimed sequence. */
    private final Sequence cursor = new Sequence();
    /** A gating minimum shared by producers; may lag the truth, never overstate it. */
    private final Sequence gatingCache = new Sequence();
    /** The markers' padding, a constant the compiler folds ({@link SlotMarkers#UNPADDED}). */
    private static final int PAD = SlotMarkers.UNPADDED;
    /** Per slot, the round of the last sequence published into it ({@link SlotMarkers}). */
    private final int[] markers;
    /** The claim starts ({@link SlotMarkers}); null until the first claim of several. */
    @SuppressWarnings("unused")
    private volatile long[] claimStarts;

    MultiProducerSequencer(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
        this.markers = SlotMarkers.newMarkers(capacity, PAD);
        // The filled array is published with the ring, through its final field; the fence makes
        // that explicit for a ring handed to consumer threads without another edge.
        VarHandle.releaseFence();
    }

    @Override
    long claimIfFree(int n) {
        long current;
        long next;
        boolean reachedHigh;
        do {
            // Acquire is enough: the compare-and-set below fails if another claim moved the cursor.
            current = cursor.getAcquire();
            // Volatile read: a closed ring refuses before the cursor moves, so a refused claim
            // leaves cursor, occupancy and lag as they were. A claim that misses a close racing it
            // is caught after the compare-and-set and rolled back (undoRefusedClaim).
            if (closure != null) {
                return CLOSED;
            }
            next = current + n;
            reachedHigh = false;
            // Acquire pairs with the release below: a producer that trusts a cached minimum
            // inherits the happens-before edge from the consumers' releases that the caching
            // producer acquired.
            long cached = gatingCache.getAcquire();
            if (next - cached > refreshThreshold) {
                long min = minimumGatingSequence(current);
                // Racing producers may store an older, lower minimum over a newer one: harmless,
                // the cache only ever understates free space. Stored only when it moved: producers
                // waiting on a full ring retry here, and a store per retry would take the line
                // from every other producer that reads it.
                if (min != cached) {
                    gatingCache.setRelease(min);
                }
                if (next - min > capacity) {
                    return RingBuffer.INSUFFICIENT_CAPACITY;
                }
                reachedHigh = watermarks != null && next - min >= watermarks.high();
            }
        } while (!cursor.compareAndSetVolatile(current, next));
        if (n > 1) {
            SlotMarkers.recordClaimStart(SlotMarkers.claimStartsOf(this, STARTS), current + 1, next, this);
        }
        // Volatile read after the volatile compare-and-set: the producer's half of the close
        // handshake (see Sequencer.close); the JMM orders the two, so no settling time is needed.
        if (closure != null) {
            return afterClose(current, next);
        }
        if (reachedHigh) {
            // After the compare-and-set: the watermark report must see this claim (see Watermarks).
            watermarks.producerReached(this);
        }
        return next;
    }

    /**
     * As {@link #claimIfFree}, against the caller's head and limit instead of the cached minimum
     * and the capacity (see {@link Sequencer#claimWithin}). The compare-and-set makes the check and
     * the claim one step: a claim that moved the cursor meanwhile fails it, and the loop checks
     * again with the new cursor, so no two claims both fit into the same last slots.
     */
    @Override
    long claimWithin(int n, long head, long limit) {
        long current;
        long next;
        do {
            // Acquire, and a volatile read of the closure, as in claimIfFree.
            current = cursor.getAcquire();
            if (closure != null) {
                return CLOSED;
            }
            next = current + n;
            if (next - head > limit) {
                return RingBuffer.INSUFFICIENT_CAPACITY;
            }
        } while (!cursor.compareAndSetVolatile(current, next));
        if (n > 1) {
            SlotMarkers.recordClaimStart(SlotMarkers.claimStartsOf(this, STARTS), current + 1, next, this);
        }
        if (closure != null) {
            return afterClose(current, next);
        }
        if (reachesHighWatermark(next, head, current)) {
            watermarks.producerReached(this);
        }
        return next;
    }

    @Override
    long settleClaims() {
        return cursor.getVolatile();
    }

    /**
     * Rolls back a claim the close refused. Every claim after it is refused too (it moved the
     * cursor after the close read it), and each rolls back the same way, so the claims unwind in
     * the reverse order of their compare-and-sets: this one waits until the cursor is back at its
     * own claim, then puts it back where it found it. The cursor ends at the final sequence, and
     * occupancy, remaining capacity and lag are as if no refused claim had been tried. The wait
     * is on other refused claimers, which are past their own compare-and-set and only need to
     * run: a claim that reads the closure from now on refuses before it moves the cursor, and one
     * that read it as null before the close and moves the cursor after this one is refused in turn
     * and unwinds first. The compare-and-sets are volatile, so each claimer that finds the cursor
     * back at its own claim sees the later claimers' rollbacks.
     */
    @Override
    void undoRefusedClaim(long previous, long claimed) {
        while (!cursor.compareAndSetVolatile(claimed, previous)) {
            Thread.onSpinWait();
        }
    }

    /** Other producers may hold later claims: the claim is made available, marked aborted. */
    @Override
    void withdraw(long lo, long hi) {
        markAborted(lo, hi);
        makeAvailable(lo, hi);
    }

    /**
     * Marks the claim that ends at {@code last} available: the whole claim when it was a claim
     * of several, leaving its sequences already published one by one alone.
     */
    @Override
    void makeAvailable(long last) {
        // Acquire: a filled array or null, never one being filled (see SlotMarkers).
        SlotMarkers.markClaimEndingAt(markers, PAD, (long[]) STARTS.getAcquire(this), last, this);
        waitStrategy.signalPublished();
    }

    @Override
    void makeAvailable(long lo, long hi) {
        SlotMarkers.markRange(markers, PAD, lo, hi, this);
        waitStrategy.signalPublished();
    }

    @Override
    void makeClaimAvailable(long lo, long hi) {
        makeAvailable(lo, hi);
    }

    @Override
    long highestAvailable(long lo) {
        // Acquire: the cursor counts claims and only bounds the scan of the markers, each read
        // with acquire (SlotMarkers.isMarked).
        long claimed = cursor.getAcquire();
        return claimed < lo ? claimed : SlotMarkers.highestMarked(markers, PAD, lo, claimed, this);
    }

    /** Whether {@code sequence} is claimed: a consumer that asks has found it unpublished. */
    @Override
    boolean isClaimInFlight(long sequence) {
        // Acquire, as every read of the cursor; a stale value only says "not yet claimed".
        return cursor.getAcquire() >= sequence;
    }

    @Override
    boolean isAvailable(long sequence) {
        return sequence >= 0 && SlotMarkers.isMarked(markers, PAD, sequence, this);
    }

    @Override
    long claimedVolatile() {
        return cursor.getVolatile();
    }

    @Override
    ProducerType producerType() {
        return ProducerType.MULTI;
    }
}
