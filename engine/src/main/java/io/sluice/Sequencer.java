package io.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Hands out sequences to producers and tracks what is published, never letting a claim lap the
 * slowest gating sequence (invariant 1). A claim either succeeds whole or changes nothing, so a
 * producer that cannot get capacity can give up without leaving a gap.
 */
abstract sealed class Sequencer permits SingleProducerSequencer, MultiProducerSequencer {
    private static final Sequence[] NO_SEQUENCES = new Sequence[0];
    private static final VarHandle GATING;

    static {
        try {
            GATING = MethodHandles.lookup().findVarHandle(Sequencer.class, "gatingSequences", Sequence[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int capacity;
    final WaitStrategy waitStrategy;
    /** Null without watermarks. */
    final Watermarks watermarks;
    /**
     * Producers re-read the gating sequences once a claim would take occupancy, as seen through
     * their cached minimum, past this: the capacity, or one below the high watermark, so a claim
     * that reaches the mark is noticed.
     */
    final long refreshThreshold;
    /** Copy-on-write; replaced only through {@link #GATING} compare-and-set. */
    @SuppressWarnings("unused")
    private volatile Sequence[] gatingSequences = NO_SEQUENCES;

    Sequencer(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        this.capacity = capacity;
        this.waitStrategy = waitStrategy;
        this.watermarks = watermarks;
        this.refreshThreshold = watermarks == null ? capacity : watermarks.high - 1;
    }

    /**
     * Claims {@code n} sequences without waiting.
     *
     * @return the highest claimed sequence, or {@link RingBuffer#INSUFFICIENT_CAPACITY}
     */
    abstract long tryNext(int n);

    abstract void publish(long sequence);

    abstract void publish(long lo, long hi);

    /** The sequence a barrier without dependents reads: published (single) or claimed (multi). */
    abstract Sequence cursor();

    /**
     * @param lo the first sequence the consumer wants
     * @param cursorValue a value read from {@link #cursor()}, at least {@code lo}
     * @return the highest sequence such that all of {@code lo..result} are published; {@code lo - 1} if none
     */
    abstract long highestPublished(long lo, long cursorValue);

    abstract boolean isPublished(long sequence);

    /** @return the highest claimed sequence, read with volatile ordering */
    abstract long claimedVolatile();

    abstract ProducerType producerType();

    /**
     * The lowest gating sequence, or {@code ceiling} if it is lower or there are none. Reads the
     * gating array again after the sequences and retries if it changed, so a sequence being added
     * is either seen or starts at or after every value read here (see {@link #addGatingSequence}).
     */
    final long minimumGatingSequence(long ceiling) {
        Sequence[] seen;
        long min;
        do {
            seen = (Sequence[]) GATING.getVolatile(this);
            min = ceiling;
            for (Sequence s : seen) {
                // Acquire: pairs with the consumer's release of its sequence, so the slots it has
                // finished reading are not overwritten before those reads complete.
                min = Math.min(min, s.getAcquire());
            }
        } while (seen != GATING.getVolatile(this));
        return min;
    }

    /**
     * Adds a gating sequence, which then starts at the highest claimed sequence: its consumer
     * receives every sequence claimed after the add. The value is set before the sequence becomes
     * visible to producers (so they never see a stale low value as a valid gate) and set again
     * after, from a claim cursor read after the array changed: a producer still working from the
     * old array read consumer values that are at most that cursor, so it cannot lap the new one.
     */
    final long addGatingSequence(Sequence sequence) {
        sequence.setVolatile(claimedVolatile());
        Sequence[] current;
        Sequence[] updated;
        do {
            current = (Sequence[]) GATING.getVolatile(this);
            for (Sequence s : current) {
                if (s == sequence) {
                    throw new IllegalArgumentException("sequence is already gating this ring: " + sequence);
                }
            }
            updated = Arrays.copyOf(current, current.length + 1);
            updated[current.length] = sequence;
        } while (!GATING.compareAndSet(this, current, updated));
        long start = claimedVolatile();
        sequence.setVolatile(start);
        return start;
    }

    final boolean removeGatingSequence(Sequence sequence) {
        Sequence[] current;
        Sequence[] updated;
        do {
            current = (Sequence[]) GATING.getVolatile(this);
            int index = -1;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == sequence) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                return false;
            }
            updated = new Sequence[current.length - 1];
            System.arraycopy(current, 0, updated, 0, index);
            System.arraycopy(current, index + 1, updated, index, current.length - index - 1);
        } while (!GATING.compareAndSet(this, current, updated));
        return true;
    }

    final int gatingSequenceCount() {
        return ((Sequence[]) GATING.getVolatile(this)).length;
    }

    /**
     * Capacity minus claimed-but-unconsumed slots, from one consistent view: the claim cursor is
     * read before and after the gating minimum, and only a view where it did not move is used.
     * In such a view {@code minimum <= claimed <= minimum + capacity}, so the figure lies in
     * {@code [0, capacity]}. Under a stream of claims a few retries can all fail; the last view
     * is then clamped into range.
     */
    final long remainingCapacity() {
        long claimed = claimedVolatile();
        long consumed = minimumGatingSequence(claimed);
        for (int attempt = 0; attempt < 8; attempt++) {
            long claimedAgain = claimedVolatile();
            if (claimedAgain == claimed) {
                break;
            }
            claimed = claimedAgain;
            consumed = minimumGatingSequence(claimed);
        }
        long used = claimed - consumed;
        return capacity - Math.min(Math.max(used, 0), capacity);
    }
}
