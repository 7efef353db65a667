package io.sluice;

import io.sluice.wait.WaitStrategy;

/**
 * Sequencer for one producer thread whose consumers learn what is published from a marker per
 * slot ({@link SlotMarkers}) instead of a cursor: the ring built with
 * {@link RingBufferBuilder#slotMarkers()}. The claim side is {@link SingleProducerClaims}, as on
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
 * A claim of several records its start, so that {@code makeAvailable(hi)} publishes all of it.
 */
final class SlotMarkingSequencer extends Sequencer {
    private final SingleProducerClaims claims = new SingleProducerClaims();
    private final SlotMarkers markers;

    SlotMarkingSequencer(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
        this.markers = new SlotMarkers(capacity);
    }

    @Override
    long claimIfFree(int n) {
        long hi = claims.claimIfFree(this, n);
        // n is a constant 1 for next() and tryNext(): the compiler drops this test there.
        if (n > 1 && hi >= 0) {
            markers.recordClaimStart(hi - n + 1, hi);
        }
        return hi;
    }

    @Override
    long claimWithin(int n, long head, long limit) {
        long hi = claims.claimWithin(this, n, head, limit);
        if (n > 1 && hi >= 0) {
            markers.recordClaimStart(hi - n + 1, hi);
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
        claims.checkClaimed(last);
        claims.checkWithinLap(last, capacity);
        markers.markClaimEndingAt(last);
        waitStrategy.signalPublished();
    }

    @Override
    void makeAvailable(long lo, long hi) {
        claims.checkClaimed(hi);
        claims.checkWithinLap(lo, capacity);
        markers.markRange(lo, hi);
        waitStrategy.signalPublished();
    }

    @Override
    void makeClaimAvailable(long lo, long hi) {
        // Exactly the claim: another handle of this thread may hold an open claim below it, and
        // the markers, unlike a cursor, can leave that one unpublished.
        markers.markRange(lo, hi);
        waitStrategy.signalPublished();
    }

    /** Takes the latest claim back, forgetting its start; otherwise marks it aborted and makes it available. */
    @Override
    void withdraw(long lo, long hi) {
        if (claims.takeBack(this, lo, hi)) {
            if (hi > lo) {
                markers.forgetClaimStart(hi);
            }
            return;
        }
        markAborted(lo, hi);
        // The aborted marks were written before; the markers' release publishes them.
        markers.markRange(lo, hi);
        waitStrategy.signalPublished();
    }

    @Override
    long highestAvailable(long lo) {
        // At most a lap: a reader that gates nothing could otherwise chase the producer for good.
        return markers.highestMarked(lo, lo + capacity - 1);
    }

    /** Never: with slot markers, the wait for the producer's next publish is the ordinary one. */
    @Override
    boolean isClaimInFlight(long sequence) {
        return false;
    }

    @Override
    boolean isAvailable(long sequence) {
        return sequence >= 0 && markers.isMarked(sequence);
    }

    @Override
    long settleClaims() {
        return claims.settle();
    }

    @Override
    void undoRefusedClaim(long previous, long claimed) {
        claims.undo(previous);
    }

    @Override
    long claimedVolatile() {
        return claims.claimedVolatile();
    }

    @Override
    ProducerType producerType() {
        return ProducerType.SINGLE;
    }
}
