package io.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Availability by a marker per slot, for every sequencer whose consumers learn what is published
 * from the slots rather than from one cursor: the multi-producer ring, where publishes interleave,
 * and the single-producer ring built with {@link RingBufferBuilder#slotMarkers()}. Each such
 * sequencer keeps the arrays as its own fields, so a publish reaches its marker without a
 * dereference more; the logic is here, once.
 *
 * <p>A slot's marker holds the round ({@code sequence >>> roundShift}) of the last sequence
 * published into it: the round of {@code s} once {@code s} is published, the round before until
 * then, and never a later one while a consumer still waits for {@code s}, since no producer can
 * claim {@code s + capacity} before the consumers let {@code s} go. Markers are written with
 * release by the producer that holds the sequence, and read with acquire by consumers.
 *
 * <p>Claim starts: for the slot of the last sequence of each claim of several, the claim's first
 * sequence, so that publishing the claim's last sequence publishes all of it (as on a cursor
 * ring) instead of leaving {@code hi - n + 1 .. hi - 1} unpublished, a gap no consumer could ever
 * pass. The array is created on a ring's first claim of several and published by compare-and-set,
 * filled before, so rings claimed one sequence at a time neither store nor stream through it. Its
 * elements are written (plain) by the claiming thread after its claim and read by the publishing
 * thread: the same thread, or one the claim was handed to with a happens-before edge of its own.
 *
 * <p>Thread-safety: marks and claim starts are written by the thread that holds the claim;
 * {@link #isMarked} and {@link #highestMarked} may be called by any thread.
 */
final class SlotMarkers {
    private static final VarHandle MARKER = MethodHandles.arrayElementVarHandle(int[].class);
    /**
     * Unused ints before and after the markers of a ring whose markers two cores share (one
     * producer, its consumers), so that no other object's fields share their first or last line
     * (two lines each side: the adjacent-line prefetcher pairs lines). A multi-producer ring's
     * markers take none: every producer's core writes them anyway, and the offset measured a few
     * percent on its producer path (interleaved JMH).
     */
    static final int PADDED = 32;
    /** No padding: see {@link #PADDED}. */
    static final int UNPADDED = 0;

    private SlotMarkers() {
    }

    /**
     * {@return the markers of a ring of {@code capacity} slots, none published}
     *
     * @param pad {@link #PADDED} or {@link #UNPADDED}: each kind passes its constant to every
     *     method here, which the compiler folds
     */
    static int[] newMarkers(int capacity, int pad) {
        int[] markers = new int[capacity + 2 * pad];
        // -1 is no round a sequence of the first lap has (they are all round 0).
        Arrays.fill(markers, -1);
        return markers;
    }

    /** Marks {@code sequence} of {@code ring} published. */
    static void mark(int[] markers, int pad, long sequence, Sequencer ring) {
        // Release: a consumer that reads this marker with acquire sees the slot's writes, and
        // any aborted mark, made before it.
        MARKER.setRelease(markers, pad + (int) (sequence & ring.slotMask), (int) (sequence >>> ring.roundShift));
    }

    /** Marks {@code lo..hi} published, each with release (see {@link #mark}). */
    static void markRange(int[] markers, int pad, long lo, long hi, Sequencer ring) {
        for (long s = lo; s <= hi; s++) {
            mark(markers, pad, s, ring);
        }
    }

    /**
     * Marks the claim that ends at {@code last} published: all of it when it was a claim of
     * several ({@code starts}, null until the ring's first), leaving alone its sequences already
     * published one by one.
     */
    static void markClaimEndingAt(int[] markers, int pad, long[] starts, long last, Sequencer ring) {
        for (long s = claimStart(starts, last, ring); s < last; s++) {
            markIfUnpublished(markers, pad, s, ring);
        }
        mark(markers, pad, last, ring);
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
    private static void markIfUnpublished(int[] markers, int pad, long sequence, Sequencer ring) {
        int index = pad + (int) (sequence & ring.slotMask);
        int round = (int) (sequence >>> ring.roundShift);
        if ((int) MARKER.getOpaque(markers, index) == round - 1) {
            MARKER.setRelease(markers, index, round);
        }
    }

    /**
     * Whether {@code sequence} (at least 0) is published and its slot not yet reused by a later lap.
     * Acquire: pairs with the release in {@link #mark}, so the slot's writes are visible.
     */
    static boolean isMarked(int[] markers, int pad, long sequence, Sequencer ring) {
        return (int) MARKER.getAcquire(markers, pad + (int) (sequence & ring.slotMask))
                == (int) (sequence >>> ring.roundShift);
    }

    /**
     * The consumer's scan: from {@code lo}, while each sequence's marker holds its round.
     *
     * @param lo the first sequence the consumer wants
     * @param bound the highest sequence to look at
     * @return the highest sequence such that all of {@code lo..result} are published; {@code lo - 1} if none
     */
    static long highestMarked(int[] markers, int pad, long lo, long bound, Sequencer ring) {
        long s = lo;
        while (s <= bound && isMarked(markers, pad, s, ring)) {
            s++;
        }
        return s - 1;
    }

    /**
     * The claim starts held by {@code holder} in the field {@code field}, created and installed
     * by compare-and-set on the ring's first claim of several.
     */
    static long[] claimStartsOf(Sequencer holder, VarHandle field) {
        // Acquire: pairs with the compare-and-set that published the filled array.
        long[] starts = (long[]) field.getAcquire(holder);
        if (starts != null) {
            return starts;
        }
        long[] fresh = new long[holder.capacity];
        // -capacity is no claim's start for any sequence >= 0 (see claimStart).
        Arrays.fill(fresh, -holder.capacity);
        return field.compareAndSet(holder, null, fresh) ? fresh : (long[]) field.getAcquire(holder);
    }

    /** Stores {@code first} against the slot of {@code last}. */
    static void recordClaimStart(long[] starts, long first, long last, Sequencer ring) {
        starts[(int) (last & ring.slotMask)] = first;
    }

    /** Forgets the claim of several ending at {@code last}: it was taken back, never published. */
    static void forgetClaimStart(long[] starts, long last, Sequencer ring) {
        if (starts != null) {
            starts[(int) (last & ring.slotMask)] = -ring.capacity;
        }
    }

    /**
     * The first sequence of the claim of several that ends at {@code last}, or {@code last}
     * itself if none does. The slot's recorded start belongs to that claim exactly when it lies
     * less than a capacity below {@code last}: a start recorded on an earlier lap lies at least
     * a capacity below.
     *
     * @param starts the ring's claim starts, read with acquire by the caller; null if none yet
     */
    private static long claimStart(long[] starts, long last, Sequencer ring) {
        if (starts != null) {
            long first = starts[(int) (last & ring.slotMask)];
            long below = last - first;
            if (below > 0 && below < ring.capacity) {
                return first;
            }
        }
        return last;
    }
}
