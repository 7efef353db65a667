package io.sluice;

import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A 64-bit counter padded against false sharing: a producer cursor or a consumer's progress.
 *
 * <p>Every accessor names the memory ordering it applies, as {@link VarHandle} does:
 * {@code Plain} (no ordering, for the single thread that owns the value), {@code Opaque}
 * (coherent, no ordering of other accesses), {@code Acquire}/{@code Release} (a release store
 * publishes every write made before it to a thread that reads the stored value with an acquire
 * load), and {@code Volatile} (sequentially consistent). Read-modify-write methods are atomic
 * with volatile semantics.
 *
 * <p>Thread-safe: any thread may call any method. No method blocks or allocates.
 */
public final class Sequence extends SequenceRightPadding {
    /** The value of a sequence that has seen nothing yet: the first sequence a ring hands out is 0. */
    public static final long INITIAL_VALUE = -1L;

    private static final VarHandle VALUE =
            FieldHandles.field(MethodHandles.lookup(), SequenceValue.class, "value", long.class);

    /** Creates a sequence at {@link #INITIAL_VALUE}. */
    public Sequence() {
        this(INITIAL_VALUE);
    }

    /**
     * Creates a sequence.
     *
     * @param initialValue the starting value
     */
    public Sequence(long initialValue) {
        // A release store: a thread that receives this object through a data race still sees the
        // initial value rather than the default zero.
        VALUE.setRelease(this, initialValue);
    }

    /** {@return the value with no ordering guarantee; for the thread that owns the sequence} */
    public long getPlain() {
        return (long) VALUE.get(this);
    }

    /** {@return the value, coherent with other opaque and stronger accesses, ordering nothing else} */
    public long getOpaque() {
        return (long) VALUE.getOpaque(this);
    }

    /**
     * {@return the value; later reads and writes of this thread are not moved before it, so it sees
     *     every write made before the release store that stored this value}
     */
    public long getAcquire() {
        return (long) VALUE.getAcquire(this);
    }

    /** {@return the value, in the single total order of volatile accesses} */
    public long getVolatile() {
        return (long) VALUE.getVolatile(this);
    }

    /**
     * Stores with no ordering guarantee; for the thread that owns the sequence, before it is shared.
     *
     * @param newValue the value to store
     */
    public void setPlain(long newValue) {
        VALUE.set(this, newValue);
    }

    /**
     * Stores coherently, ordering nothing else.
     *
     * @param newValue the value to store
     */
    public void setOpaque(long newValue) {
        VALUE.setOpaque(this, newValue);
    }

    /**
     * Stores after every earlier read and write of this thread: a thread that reads
     * {@code newValue} with an acquire load sees those writes.
     *
     * @param newValue the value to store
     */
    public void setRelease(long newValue) {
        VALUE.setRelease(this, newValue);
    }

    /**
     * Stores in the single total order of volatile accesses (a release store plus a store-load fence).
     *
     * @param newValue the value to store
     */
    public void setVolatile(long newValue) {
        VALUE.setVolatile(this, newValue);
    }

    /**
     * Atomically sets the value to {@code newValue} if it equals {@code expected}, with volatile semantics.
     *
     * @param expected the value the sequence must hold
     * @param newValue the value to store
     * @return whether the value was stored
     */
    public boolean compareAndSetVolatile(long expected, long newValue) {
        return VALUE.compareAndSet(this, expected, newValue);
    }

    /**
     * Atomically adds {@code delta}, with volatile semantics.
     *
     * @param delta the amount to add
     * @return the value before the addition
     */
    public long getAndAddVolatile(long delta) {
        return (long) VALUE.getAndAdd(this, delta);
    }

    /**
     * Atomically adds {@code delta}, with volatile semantics.
     *
     * @param delta the amount to add
     * @return the value after the addition
     */
    public long addAndGetVolatile(long delta) {
        return (long) VALUE.getAndAdd(this, delta) + delta;
    }

    /** {@return the value, read with volatile semantics} */
    @Override
    public String toString() {
        return Long.toString(getVolatile());
    }
}

// Padding by class hierarchy, kept in this file as the sequence's own layout. Since JDK 15 the
// field layout packs fields by size and may move a subclass field into a gap left by its
// superclass, but never in front of superclass fields it does not fit between: so the value,
// declared in the middle class, lands after 120 bytes of left padding and before 120 bytes of
// right padding. 120 bytes on each side cover the 128-byte pairs of cache lines that
// adjacent-line prefetchers pull in together. SequenceLayoutTest measures the offsets on the
// running JVM.

/** Padding before the value of a {@link Sequence}. */
abstract class SequenceLeftPadding {
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** The padded value of a {@link Sequence}. */
abstract class SequenceValue extends SequenceLeftPadding {
    /** Accessed only through {@code Sequence.VALUE}. */
    long value;
}

/** Padding after the value of a {@link Sequence}. */
abstract class SequenceRightPadding extends SequenceValue {
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}
