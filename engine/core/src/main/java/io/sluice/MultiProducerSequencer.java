package io.sluice;

import io.sluice.access.FieldHandles;
import io.sluice.wait.WaitStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Sequencer for any number of producer threads.
 *
 * <p>A claim checks capacity against a cached gating minimum first and only then moves the claim
 * cursor with a compare-and-set; unlike a {@code getAndAdd}-first claim it can give up without
 * having taken sequences it would then have to publish. Each slot carries an availability marker,
 * the round number ({@code sequence / capacity}) of the last sequence published into it, so
 * consumers read up to the highest contiguous published sequence however publishes interleave.
 *
 * <p>Each claim also records its first sequence against the slot of its last, so that
 * {@code publish(hi)} after {@code next(n)} publishes the whole claim, as it does on a
 * single-producer ring, instead of leaving {@code hi - n + 1 .. hi - 1} unpublished: a gap no
 * consumer could ever pass.
 */
final class MultiProducerSequencer extends Sequencer {
    private static final VarHandle MARKER = MethodHandles.arrayElementVarHandle(int[].class);

    /** Highest claimed sequence. */
    private final Sequence cursor = new Sequence();
    /** A gating minimum shared by producers; may lag the truth, never overstate it. */
    private final Sequence gatingCache = new Sequence();
    private final int[] markers;
    private final int mask;
    private final int roundShift;

    MultiProducerSequencer(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
        this.mask = capacity - 1;
        this.roundShift = Integer.numberOfTrailingZeros(capacity);
        this.markers = new int[capacity];
        // -1 is no round a sequence of the first lap has (they are all round 0).
        Arrays.fill(markers, -1);
        VarHandle.releaseFence();
    }

    @Override
    long tryNext(int n) {
        long current;
        long next;
        boolean reachedHigh;
        do {
            // Acquire is enough: the compare-and-set below fails if another claim moved the cursor.
            current = cursor.getAcquire();
            // Volatile read: a closed ring refuses before the cursor moves, so a refused claim
            // leaves cursor, occupancy and lag as they were. A claim that misses a close racing it
            // is caught after the compare-and-set and rolled back (withdrawClaim).
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
                reachedHigh = watermarks != null && next - min >= watermarks.high;
            }
        } while (!cursor.compareAndSetVolatile(current, next));
        if (n > 1) {
            recordClaimStart(current + 1, next);
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
     * As {@link #tryNext}, against the caller's head and limit instead of the cached minimum and
     * the capacity (see {@link Sequencer#tryNextWithin}). The compare-and-set makes the check and
     * the claim one step: a claim that moved the cursor meanwhile fails it, and the loop checks
     * again with the new cursor, so no two claims both fit into the same last slots.
     */
    @Override
    long tryNextWithin(int n, long head, long limit) {
        long current;
        long next;
        do {
            // Acquire, and a volatile read of the closure, as in tryNext.
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
            recordClaimStart(current + 1, next);
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
    void withdrawClaim(long previous, long claimed) {
        while (!cursor.compareAndSetVolatile(claimed, previous)) {
            Thread.onSpinWait();
        }
    }

    /** Other producers may hold later claims: the claim is published, marked aborted. */
    @Override
    void abort(long lo, long hi) {
        markAborted(lo, hi);
        publish(lo, hi);
    }

    /**
     * Publishes {@code sequence}; when it is the last of a claim of several, the whole claim
     * ({@link #claimStart}). Sequences of the claim already published one by one are left alone
     * (see {@link #markIfUnpublished}).
     */
    @Override
    void publish(long sequence) {
        for (long s = claimStart(sequence); s < sequence; s++) {
            markIfUnpublished(s);
        }
        markPublished(sequence);
        waitStrategy.signalPublished();
    }

    @Override
    void publish(long lo, long hi) {
        for (long s = lo; s <= hi; s++) {
            markPublished(s);
        }
        waitStrategy.signalPublished();
    }

    @Override
    void publishClaim(long lo, long hi) {
        publish(lo, hi);
    }

    /**
     * Marks {@code sequence}, one of the caller's own claim, unless it is published already. Its
     * marker still holds the previous round exactly while it is unpublished: once published, its
     * slot can be claimed and published again by anyone, which writes the next round, and
     * marking it again would then hide that later sequence from consumers. Opaque read: only
     * this claim's owner writes the previous round's successor, so a read that sees the previous
     * round is not stale, and coherence keeps it from seeing an older value than the caller's own
     * earlier mark.
     */
    private void markIfUnpublished(long sequence) {
        int index = (int) (sequence & mask);
        int round = (int) (sequence >>> roundShift);
        if ((int) MARKER.getOpaque(markers, index) == round - 1) {
            MARKER.setRelease(markers, index, round);
        }
    }

    private void markPublished(long sequence) {
        // Release: a consumer that reads this marker with acquire sees the slot writes made before it.
        MARKER.setRelease(markers, (int) (sequence & mask), (int) (sequence >>> roundShift));
    }

    @Override
    Sequence cursor() {
        return cursor;
    }

    @Override
    long highestPublished(long lo, long cursorValue) {
        for (long s = lo; s <= cursorValue; s++) {
            if (!isPublished(s)) {
                return s - 1;
            }
        }
        return cursorValue;
    }

    @Override
    boolean isPublished(long sequence) {
        // Acquire: pairs with the release in markPublished.
        return (int) MARKER.getAcquire(markers, (int) (sequence & mask)) == (int) (sequence >>> roundShift);
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
