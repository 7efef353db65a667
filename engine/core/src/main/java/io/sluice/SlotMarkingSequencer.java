package io.sluice;

import io.sluice.wait.WaitStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A single-producer sequencer whose consumers learn what is published from a marker per slot
 * instead of the shared cursor: the ring built with {@link RingBuffer.Builder#slotMarkers()}.
 *
 * <p>Why: on the cursor ring a consumer polls the cursor's cache line, which the producer writes
 * on every publish, so that line moves between the two cores about once per consumer batch, on
 * top of the lines of the slots themselves. Here each publish writes the slot's marker (the round
 * of the sequence, {@code sequence >>> roundShift}) with release, and a consumer without
 * dependents scans the markers from the sequence it wants ({@link #highestMarked}); sixteen
 * markers share a line, so the producer and a consumer that keeps up meet on the marker line in
 * use, as JCTools' SPSC queue meets on its element line, and the cursor is never read by them.
 * docs/DESIGN.md section 4 gives the costs and the measurements.
 *
 * <p>The cursor is not written at all: on this ring only the barrier read it, and the barrier
 * asks the markers. The claim path is the inherited one; a claim of several also records its
 * start, so that {@code publish(hi)} publishes all of it.
 *
 * <p>Each marker is written only by the producer thread and only for a sequence it has claimed,
 * so the producer reads markers plain; consumers read them with acquire. A slot's marker holds
 * the round of the last sequence published into it: the round of {@code s} once {@code s} is
 * published, the round before until then, and never a later one while a consumer still waits for
 * {@code s}, since the producer cannot claim {@code s + capacity} before the consumers let {@code s} go.
 */
final class SlotMarkingSequencer extends SingleProducerSequencer {
    private static final VarHandle MARKER = MethodHandles.arrayElementVarHandle(int[].class);
    /**
     * Unused ints before and after the markers, so that no other object's fields share their
     * first or last line (two lines each side: the adjacent-line prefetcher pairs lines).
     */
    private static final int PAD = 32;

    /** Per slot, at {@code PAD + slot}, the round of the last sequence published into it. */
    private final int[] markers;

    SlotMarkingSequencer(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
        this.markers = new int[capacity + 2 * PAD];
        // -1 is no round a sequence of the first lap has (they are all round 0).
        Arrays.fill(markers, -1);
        // The filled array is published with the ring, through its final field; the fence makes
        // that explicit for a ring handed to consumer threads without another edge.
        VarHandle.releaseFence();
    }

    /** As the inherited claim; a claim of several also records its start (see {@link #publish(long)}). */
    @Override
    long tryNext(int n) {
        long hi = super.tryNext(n);
        // n is a constant 1 for next() and tryNext(): the compiler drops this test there.
        if (n > 1 && hi >= 0) {
            recordClaimStart(hi - n + 1, hi);
        }
        return hi;
    }

    /**
     * The claim ending at {@code sequence} is published whole, as on every ring: its start comes
     * from {@link #claimStart}, as on a multi-producer ring, rather than from reading the
     * previous marker, whose store the last publish has only just made (a read on the critical
     * path of every publish: measured at about 1.3 ns a publish).
     */
    @Override
    void publish(long sequence) {
        checkClaimed(sequence);
        checkWithinLap(sequence);
        for (long s = claimStart(sequence); s < sequence; s++) {
            markIfUnpublished(s);
        }
        mark(sequence);
        waitStrategy.signalPublished();
    }

    /** As the inherited claim within a limit; a claim of several also records its start. */
    @Override
    long tryNextWithin(int n, long head, long limit) {
        long hi = super.tryNextWithin(n, head, limit);
        if (n > 1 && hi >= 0) {
            recordClaimStart(hi - n + 1, hi);
        }
        return hi;
    }

    /** Takes the latest claim back as the cursor ring does, and forgets its start if it was a claim of several. */
    @Override
    void abort(long lo, long hi) {
        super.abort(lo, hi);
        // Plain read: only this thread writes the claim. Below lo means the claim was taken back.
        if (claim < lo && hi > lo) {
            forgetClaimStart(hi);
        }
    }

    @Override
    void publish(long lo, long hi) {
        checkClaimed(hi);
        checkWithinLap(lo);
        markRange(lo, hi);
        waitStrategy.signalPublished();
    }

    @Override
    void publishClaim(long lo, long hi) {
        // Exactly the claim: another handle of this thread may hold an open claim below it, and
        // the markers, unlike the cursor, can leave that one unpublished.
        markRange(lo, hi);
        waitStrategy.signalPublished();
    }

    @Override
    void publishAborted(long lo, long hi) {
        // The aborted marks were written before; the markers' release publishes them.
        markRange(lo, hi);
        waitStrategy.signalPublished();
    }

    /**
     * Refuses a sequence a lap or more behind the highest claim: its slot's marker already
     * belongs to a later sequence, and marking it would hide that one from consumers for good.
     */
    private void checkWithinLap(long sequence) {
        // Plain read: only this producer thread writes the claim.
        if (sequence <= claim - capacity) {
            throw new IllegalArgumentException("sequence " + sequence + " is a lap or more behind the highest claim "
                    + claim + " (capacity " + capacity + "): its slot holds a later sequence");
        }
    }

    private void markRange(long lo, long hi) {
        for (long s = lo; s <= hi; s++) {
            mark(s);
        }
    }

    private void mark(long sequence) {
        // Release: a consumer that reads this marker with acquire sees the slot's writes, and
        // any aborted mark, made before it.
        MARKER.setRelease(markers, PAD + (int) (sequence & slotMask), (int) (sequence >>> roundShift));
    }

    /**
     * Marks {@code sequence} unless it is published already: published one by one before the
     * claim's last, its slot may since hold a later lap's sequence, which marking it again would
     * hide. Plain read: only this thread writes markers.
     */
    private void markIfUnpublished(long sequence) {
        if (markers[PAD + (int) (sequence & slotMask)] == (int) (sequence >>> roundShift) - 1) {
            mark(sequence);
        }
    }

    /**
     * The consumer's scan: from {@code lo}, while each sequence's marker holds its round.
     *
     * @param lo the first sequence the consumer wants
     * @return the highest sequence such that all of {@code lo..result} are published; {@code lo - 1} if none
     */
    long highestMarked(long lo) {
        // At most a lap: a reader that gates nothing could otherwise chase the producer for good.
        long limit = lo + capacity;
        long s = lo;
        // Acquire: pairs with the release in mark(), so the slot writes before it are visible.
        while (s < limit && (int) MARKER.getAcquire(markers, PAD + (int) (s & slotMask)) == (int) (s >>> roundShift)) {
            s++;
        }
        return s - 1;
    }

    @Override
    boolean isPublished(long sequence) {
        // Acquire, as the scan. A marker holding the sequence's round means published and not yet
        // overwritten by the next lap.
        return sequence >= 0
                && (int) MARKER.getAcquire(markers, PAD + (int) (sequence & slotMask)) == (int) (sequence >>> roundShift);
    }

    @Override
    long highestPublished(long lo, long cursorValue) {
        return highestMarked(lo);
    }
}
