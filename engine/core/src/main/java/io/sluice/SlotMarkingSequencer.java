package io.sluice;

import io.sluice.access.FieldHandles;
import io.sluice.backpressure.Watermarks;
import io.sluice.wait.WaitStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Sequencer for one producer thread whose consumers learn what is published from a marker per
 * slot ({@link SlotMarkers}) instead of a cursor: the ring built with
 * {@link RingBufferBuilder#slotMarkers()}. The claim side is {@link SingleClaimSequencer}'s, as on
 * the cursor ring.
 *
 * <p>Why: on the cursor ring a consumer polls the cursor's cache line, which the producer writes
 * on every publish, so that line moves between the two cores about once per consumer batch, on
 * top of the lines of the slots themselves. Here each publish writes the slot's marker with
 * release, and a consumer without dependents scans the markers from the sequence it wants;
 * sixteen markers share a line, so the producer and a consumer that keeps up meet on the marker
 * line in use, as JCTools' SPSC queue meets on its element line, and no cursor is read at all.
 * docs/DESIGN.md section 4 gives the costs and the measurements.
 *
 * <p>Each marker is written only by the producer thread and only for a sequence it has claimed.
 */
final class SlotMarkingSequencer extends SingleClaimSequencer {
    private static final VarHandle STARTS =
            FieldHandles.field(MethodHandles.lookup(), SlotMarkingSequencer.class, "claimStarts", long[].class);

    /** The markers' padding, a constant the compiler folds ({@link SlotMarkers#PADDED}). */
    private static final int PAD = SlotMarkers.PADDED;
    /** Per slot, the round of the last sequence published into it ({@link SlotMarkers}). */
    private final int[] markers;
    /** The claim starts ({@link SlotMarkers}); null until the first claim of several. */
    @SuppressWarnings("unused")
    private volatile long[] claimStarts;

    SlotMarkingSequencer(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
        this.markers = SlotMarkers.newMarkers(capacity, PAD);
        // The filled array is published with the ring, through its final field; the fence makes
        // that explicit for a ring handed to consumer threads without another edge.
        VarHandle.releaseFence();
    }

    @Override
    long claimIfFree(int n) {
        long hi = claimAlone(n);
        // n is a constant 1 for next() and tryNext(): the compiler drops this test there.
        if (n > 1 && hi >= 0) {
            SlotMarkers.recordClaimStart(SlotMarkers.claimStartsOf(this, STARTS), hi - n + 1, hi, this);
        }
        return hi;
    }

    @Override
    long claimWithin(int n, long head, long limit) {
        long hi = claimAloneWithin(n, head, limit);
        if (n > 1 && hi >= 0) {
            SlotMarkers.recordClaimStart(SlotMarkers.claimStartsOf(this, STARTS), hi - n + 1, hi, this);
        }
        return hi;
    }

    /**
     * The claim ending at {@code last} is published whole, as on every ring: its start comes from
     * the recorded claim start rather than from reading the previous marker, whose store the last
     * publish has only just made (a read on the critical path of every publish: measured at about
     * 1.3 ns a publish).
     */
    @Override
    void makeAvailable(long last) {
        checkClaimed(last);
        checkWithinLap(last);
        // Acquire: a filled array or null, never one being filled (see SlotMarkers).
        SlotMarkers.markClaimEndingAt(markers, PAD, (long[]) STARTS.getAcquire(this), last, this);
        waitStrategy.signalPublished();
    }

    @Override
    void makeAvailable(long lo, long hi) {
        checkClaimed(hi);
        checkWithinLap(lo);
        SlotMarkers.markRange(markers, PAD, lo, hi, this);
        waitStrategy.signalPublished();
    }

    @Override
    void makeClaimAvailable(long lo, long hi) {
        // Exactly the claim: another handle of this thread may hold an open claim below it, and
        // the markers, unlike a cursor, can leave that one unpublished.
        SlotMarkers.markRange(markers, PAD, lo, hi, this);
        waitStrategy.signalPublished();
    }

    /** Takes the latest claim back, forgetting its start; otherwise marks it aborted and makes it available. */
    @Override
    void withdraw(long lo, long hi) {
        if (takeBack(lo, hi)) {
            if (hi > lo) {
                // Acquire, as in makeAvailable; the plain store is the claiming thread's own.
                SlotMarkers.forgetClaimStart((long[]) STARTS.getAcquire(this), hi, this);
            }
            return;
        }
        markAborted(lo, hi);
        // The aborted marks were written before; the markers' release publishes them.
        SlotMarkers.markRange(markers, PAD, lo, hi, this);
        waitStrategy.signalPublished();
    }

    @Override
    long highestAvailable(long lo) {
        // At most a lap: a reader that gates nothing could otherwise chase the producer for good.
        return SlotMarkers.highestMarked(markers, PAD, lo, lo + capacity - 1, this);
    }

    /** Never: with slot markers, the wait for the producer's next publish is the ordinary one. */
    @Override
    boolean isClaimInFlight(long sequence) {
        return false;
    }

    @Override
    boolean isAvailable(long sequence) {
        return sequence >= 0 && SlotMarkers.isMarked(markers, PAD, sequence, this);
    }
}
