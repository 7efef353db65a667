package io.sluice;

import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Availability by a marker per slot: the round ({@code sequence >>> roundShift}) of the last
 * sequence published into the slot. Used by every sequencer whose consumers learn what is
 * published from the slots rather than from one cursor: the multi-producer ring, where publishes
 * interleave, and the single-producer ring built with {@link RingBufferBuilder#slotMarkers()}.
 *
 * <p>A slot's marker holds the round of {@code s} once {@code s} is published, the round before
 * until then, and never a later one while a consumer still waits for {@code s}: no producer can
 * claim {@code s + capacity} before the consumers let {@code s} go. Markers are written with
 * release by the producer that holds the sequence, and read with acquire by consumers.
 *
 * <p>It also keeps, for the slot of the last sequence of each claim of several, the claim's first
 * sequence, so that publishing the claim's last sequence publishes all of it (as on a cursor
 * ring) instead of leaving {@code hi - n + 1 .. hi - 1} unpublished: a gap no consumer could ever pass.
 *
 * <p>Thread-safety: {@link #mark} and the claim-start methods are called by the thread that holds
 * the claim; {@link #isMarked} and {@link #highestMarked} by any thread.
 */
final class SlotMarkers {
    private static final VarHandle MARKER = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle STARTS =
            FieldHandles.field(MethodHandles.lookup(), SlotMarkers.class, "claimStarts", long[].class);
    /**
     * Unused ints before and after the markers, so that no other object's fields share their
     * first or last line (two lines each side: the adjacent-line prefetcher pairs lines).
     */
    private static final int PAD = 32;

    private final int capacity;
    private final int slotMask;
    private final int roundShift;
    /** Per slot, at {@code PAD + slot}, the round of the last sequence published into it. */
    private final int[] markers;
    /**
     * Per slot of a claim's last sequence, that claim's first; null until the ring's first claim
     * of several, so rings claimed one sequence at a time neither store nor stream through it.
     * Created once and published by compare-and-set, filled before. Its elements are written
     * (plain) by the claiming thread after its claim and read by the publishing thread: the same
     * thread, or one the claim was handed to with a happens-before edge of its own.
     */
    @SuppressWarnings("unused")
    private volatile long[] claimStarts;

    SlotMarkers(int capacity) {
        this.capacity = capacity;
        this.slotMask = capacity - 1;
        this.roundShift = Integer.numberOfTrailingZeros(capacity);
        this.markers = new int[capacity + 2 * PAD];
        // -1 is no round a sequence of the first lap has (they are all round 0).
        Arrays.fill(markers, -1);
        // The filled array is published with the ring, through final fields; the fence makes
        // that explicit for a ring handed to consumer threads without another edge.
        VarHandle.releaseFence();
    }

    /** Marks {@code sequence} published. */
    void mark(long sequence) {
        // Release: a consumer that reads this marker with acquire sees the slot's writes, and
        // any aborted mark, made before it.
        MARKER.setRelease(markers, PAD + (int) (sequence & slotMask), (int) (sequence >>> roundShift));
    }

    /** Marks {@code lo..hi} published, each with release (see {@link #mark}). */
    void markRange(long lo, long hi) {
        for (long s = lo; s <= hi; s++) {
            mark(s);
        }
    }

    /**
     * Marks the claim that ends at {@code last} published: all of it when it was a claim of
     * several ({@link #claimStart}), leaving alone its sequences already published one by one.
     */
    void markClaimEndingAt(long last) {
        for (long s = claimStart(last); s < last; s++) {
            markIfUnpublished(s);
        }
        mark(last);
    }

    /**
     * Marks {@code sequence}, one of the caller's own claim, unless it is published already. Its
     * marker still holds the previous round exactly while it is unpublished: once published, its
     * slot can be claimed and published again by anyone, which writes the next round, and
     * marking it again would then hide that later sequence from consumers. Opaque read (a plain
     * load on x86): only this claim's owner writes the previous round's successor, so a read that
     * sees the previous round is not stale, and coherence keeps it from seeing an older value
     * than the caller's own earlier mark.
     */
    private void markIfUnpublished(long sequence) {
        int index = PAD + (int) (sequence & slotMask);
        int round = (int) (sequence >>> roundShift);
        if ((int) MARKER.getOpaque(markers, index) == round - 1) {
            MARKER.setRelease(markers, index, round);
        }
    }

    /**
     * Whether {@code sequence} (at least 0) is published and its slot not yet reused by a later lap.
     * Acquire: pairs with the release in {@link #mark}, so the slot's writes are visible.
     */
    boolean isMarked(long sequence) {
        return (int) MARKER.getAcquire(markers, PAD + (int) (sequence & slotMask)) == (int) (sequence >>> roundShift);
    }

    /**
     * The consumer's scan: from {@code lo}, while each sequence's marker holds its round.
     *
     * @param lo the first sequence the consumer wants
     * @param bound the highest sequence to look at
     * @return the highest sequence such that all of {@code lo..result} are published; {@code lo - 1} if none
     */
    long highestMarked(long lo, long bound) {
        long s = lo;
        while (s <= bound && isMarked(s)) {
            s++;
        }
        return s - 1;
    }

    /** Stores {@code first} against the slot of {@code last}, creating the array on the ring's first claim of several. */
    void recordClaimStart(long first, long last) {
        // Acquire: pairs with the compare-and-set that published the filled array.
        long[] starts = (long[]) STARTS.getAcquire(this);
        if (starts == null) {
            long[] fresh = new long[capacity];
            // -capacity is no claim's start for any sequence >= 0 (see claimStart).
            Arrays.fill(fresh, -capacity);
            starts = STARTS.compareAndSet(this, null, fresh) ? fresh : (long[]) STARTS.getAcquire(this);
        }
        starts[(int) (last & slotMask)] = first;
    }

    /** Forgets the claim of several ending at {@code last}: it was taken back, never published. */
    void forgetClaimStart(long last) {
        // Acquire, as in claimStart; the plain store below is the claiming thread's own, as in recordClaimStart.
        long[] starts = (long[]) STARTS.getAcquire(this);
        if (starts != null) {
            starts[(int) (last & slotMask)] = -capacity;
        }
    }

    /**
     * The first sequence of the claim of several that ends at {@code last}, or {@code last}
     * itself if none does. The slot's recorded start belongs to that claim exactly when it lies
     * less than a capacity below {@code last}: a start recorded on an earlier lap lies at least
     * a capacity below. One acquire read of null on a ring that never claimed several at once.
     */
    private long claimStart(long last) {
        // Acquire: a filled array or null, never one being filled (see recordClaimStart).
        long[] starts = (long[]) STARTS.getAcquire(this);
        if (starts != null) {
            long first = starts[(int) (last & slotMask)];
            long below = last - first;
            if (below > 0 && below < capacity) {
                return first;
            }
        }
        return last;
    }
}
