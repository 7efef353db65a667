package io.sluice;

import io.sluice.access.FieldHandles;
import io.sluice.backpressure.FlowFeedback;
import io.sluice.backpressure.Watermarks;
import io.sluice.wait.WaitStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands out sequences to producers and tracks what is published, never letting a claim lap the
 * slowest gating sequence (invariant 1). A claim either succeeds whole or changes nothing, so a
 * producer that cannot get capacity can give up without leaving a gap.
 *
 * <p>It is also the ring's {@link FlowFeedback} for what runs beside the claims and reads only
 * what was claimed and consumed: the watermark reports and the delay shedders.
 */
abstract class Sequencer implements FlowFeedback {
    /** What a claim returns on a closed ring when it could not keep the claim. */
    static final long CLOSED = -4L;
    private static final Sequence[] NO_SEQUENCES = new Sequence[0];
    private static final long NOT_SETTLED = Long.MIN_VALUE;
    private static final VarHandle GATING =
            FieldHandles.field(MethodHandles.lookup(), Sequencer.class, "gatingSequences", Sequence[].class);
    private static final VarHandle CLOSURE =
            FieldHandles.field(MethodHandles.lookup(), Sequencer.class, "closure", RingClosedException.class);
    private static final VarHandle ABORTED =
            FieldHandles.field(MethodHandles.lookup(), Sequencer.class, "abortedRounds", int[].class);

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
    /** Null while the ring is open to producers; set once by {@link #close}. */
    volatile RingClosedException closure;
    /** The highest claim that survives the close; {@link #NOT_SETTLED} until {@link #close} settles it. */
    private volatile long finalClaim = NOT_SETTLED;
    /**
     * Per slot, the round ({@code sequence >>> roundShift}) of the last sequence in it that was
     * aborted and published for consumers to pass over; null until the first such abort, so a
     * ring whose claims are never aborted that way costs consumers one read of null per batch.
     * Set once, by compare-and-set; its elements are written (plain) by the owner of the aborted
     * claim before the claim is published with release, and read by consumers after they
     * acquired the publication.
     */
    @SuppressWarnings("unused")
    private volatile int[] abortedRounds;
    /** {@code capacity - 1}: a sequence's slot is {@code sequence & slotMask}. */
    final int slotMask;
    /** A sequence's round (its lap of the ring) is {@code sequence >>> roundShift}. */
    final int roundShift;

    Sequencer(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        this.capacity = capacity;
        this.waitStrategy = waitStrategy;
        this.watermarks = watermarks;
        this.refreshThreshold = watermarks == null ? capacity : watermarks.high() - 1;
        this.slotMask = capacity - 1;
        this.roundShift = Integer.numberOfTrailingZeros(capacity);
    }

    /**
     * Withdraws the caller's claim {@code lo..hi}, not yet published: a single-producer ring takes
     * it back when it is the latest claim; otherwise, and on a multi-producer ring, whose later
     * claims may belong to others, it is made available marked as aborted, and consumers pass
     * over it ({@link #isAborted}).
     */
    abstract void withdraw(long lo, long hi);

    /** Marks {@code lo..hi} aborted; the caller publishes them after, with release. */
    final void markAborted(long lo, long hi) {
        // Volatile, on the abort path only: whichever array the first abort installed.
        int[] rounds = (int[]) ABORTED.getVolatile(this);
        if (rounds == null) {
            // Once per ring, on its first marked abort: never on a claim or a consumer's path.
            int[] fresh = new int[capacity];
            // -1 is no round of a first-lap sequence (they are all round 0).
            Arrays.fill(fresh, -1);
            rounds = ABORTED.compareAndSet(this, null, fresh) ? fresh : (int[]) ABORTED.getVolatile(this);
        }
        for (long s = lo; s <= hi; s++) {
            rounds[(int) (s & slotMask)] = (int) (s >>> roundShift);
        }
    }

    /**
     * {@return whether any claim on this ring was ever published as aborted} Acquire, once per
     * batch: it pairs with the compare-and-set that installed the filled array, and no ordering
     * with other fields is needed, so a volatile read's would buy nothing.
     */
    final boolean hasAbortedClaims() {
        return ABORTED.getAcquire(this) != null;
    }

    /**
     * Whether the published {@code sequence} was aborted. Only for a sequence the caller has seen
     * published (through an acquire of the cursor or its marker): that edge makes the plain read
     * of its mark safe, and nobody writes the slot's mark again until the caller has let the
     * sequence go. A mark left from an earlier lap holds an earlier round.
     */
    final boolean isAborted(long sequence) {
        // Acquire (a plain load on x86): asked per event on a ring that has aborted claims, and
        // pairs with the compare-and-set that installed the filled array.
        int[] rounds = (int[]) ABORTED.getAcquire(this);
        return rounds != null && rounds[(int) (sequence & slotMask)] == (int) (sequence >>> roundShift);
    }

    /**
     * Claims {@code n} sequences if they are free now; never waits. The raw claim under every
     * policy: the handles ({@link Producer}) decide what to do when it fails.
     *
     * @return the highest claimed sequence, {@link RingBuffer#INSUFFICIENT_CAPACITY}, or
     *     {@link #CLOSED}
     */
    abstract long claimIfFree(int n);

    /**
     * Claims {@code n} sequences without waiting, if occupancy measured from {@code head} stays
     * within {@code limit} once they are claimed: the claim of a ring whose capacity is shared
     * out among producer classes ({@link ClassShares}). The check uses the caller's
     * {@code head}, not a fresher minimum: the caller sized {@code limit} from what consumers
     * had passed by then, and a fresher head with that limit could admit more than it allows.
     * A head that lags the consumers only understates free room.
     *
     * @param head a gating minimum the caller read (or a lower, older one)
     * @param limit the most slots claimed and not yet consumed, this claim's included, that the
     *     claim may leave; at most the capacity
     * @return the highest claimed sequence, {@link RingBuffer#INSUFFICIENT_CAPACITY}, or {@link #CLOSED}
     */
    abstract long claimWithin(int n, long head, long limit);

    /**
     * Whether a claim up to {@code next}, checked against {@code head}, takes occupancy to the
     * high watermark: a lagging head overstates occupancy, so a claim that seems to reach it
     * looks again at the consumers before it is reported. Slow path: rings with watermarks only.
     */
    final boolean reachesHighWatermark(long next, long head, long claimedBefore) {
        return watermarks != null && next - head >= watermarks.high()
                && next - minimumGatingSequence(claimedBefore) >= watermarks.high();
    }

    /**
     * Makes the claim that ends at {@code last} available to consumers, the whole claim when it
     * was a claim of several, with release; then signals the wait strategy.
     *
     * @throws IllegalArgumentException if {@code last} was never claimed (where the kind can tell)
     */
    abstract void makeAvailable(long last);

    /**
     * Makes {@code lo..hi} available to consumers, with release; then signals the wait strategy.
     *
     * @throws IllegalArgumentException if {@code hi} was never claimed (where the kind can tell)
     */
    abstract void makeAvailable(long lo, long hi);

    /**
     * As {@link #makeAvailable(long, long)} for a claim the caller knows it holds (a
     * {@link Claim} being committed): nothing to check.
     */
    abstract void makeClaimAvailable(long lo, long hi);

    /**
     * What a consumer that waits on no other consumer may read: the barrier's question, answered
     * by the kind (the cursor, the slot markers, or both).
     *
     * @param lo the first sequence the consumer wants
     * @return the highest sequence such that all of {@code lo..result} are available; less than
     *     {@code lo} if {@code lo} itself is not
     */
    abstract long highestAvailable(long lo);

    /**
     * Whether a producer has claimed {@code sequence} but not yet made it available, as far as
     * the kind can tell cheaply: only a multi-producer ring's cursor counts claims.
     */
    abstract boolean isClaimInFlight(long sequence);

    /** Whether {@code sequence} is available and its slot not yet reused by a later lap. */
    abstract boolean isAvailable(long sequence);

    /** {@return the number of slots} */
    @Override
    public final long capacity() {
        return capacity;
    }

    /** {@return the highest claimed sequence, read with volatile ordering} */
    @Override
    public final long claimed() {
        return claimedVolatile();
    }

    /** {@return the slowest gating consumer's sequence, or the highest claim if none gates} */
    @Override
    public final long consumed() {
        return minimumGatingSequence(claimedVolatile());
    }

    /** {@return the highest claimed sequence, read with volatile ordering} */
    abstract long claimedVolatile();

    abstract ProducerType producerType();

    /**
     * Closes the ring to producers. The close and every claim are ordered by a store-then-load
     * handshake: the closer stores {@link #closure} and then reads the claim counter; a claim
     * stores the counter and then reads {@link #closure}. Whichever side goes second sees the
     * other, so a claim either is counted in {@link #finalClaim} (it is kept, and its producer
     * publishes it) or sees the closure and waits for {@link #finalClaim} to learn whether it was
     * counted ({@link #afterClose}). Nothing is claimed beyond {@link #finalClaim} that a producer
     * then publishes.
     *
     * @return false if the ring was already closed (the first reason stays)
     */
    final boolean close(RingClosedException reason) {
        if (!CLOSURE.compareAndSet(this, null, reason)) {
            return false;
        }
        finalClaim = settleClaims();
        closedAt(finalClaim);
        return true;
    }

    /**
     * Called once, by the thread that closed the ring, when its final sequence is settled: a kind
     * whose consumers live elsewhere tells them. Nothing to do for the others.
     *
     * @param finalSequence the last sequence claimed before the close
     */
    void closedAt(long finalSequence) {
    }

    /**
     * After {@link #closure} is set: the claim counter once no claim that missed the closure can
     * still change it.
     */
    abstract long settleClaims();

    /**
     * Undoes the caller's claim of {@code previous + 1 .. claimed}, refused by the close, so the
     * claim counter is back at {@code previous}.
     */
    abstract void undoRefusedClaim(long previous, long claimed);

    /**
     * Called by a claim that stored {@code claimed} and then saw the closure.
     *
     * @return {@code claimed} if the close counted it (the caller must publish it), else
     *     {@link #CLOSED} with the claim withdrawn
     */
    final long afterClose(long previous, long claimed) {
        if (claimed <= finalSequence()) {
            return claimed;
        }
        undoRefusedClaim(previous, claimed);
        return CLOSED;
    }

    /**
     * The highest sequence claimed before the close; waits (parked, never spinning) for the
     * close to settle it.
     */
    final long finalSequence() {
        long settled;
        long pause = 1_000;
        while ((settled = finalClaim) == NOT_SETTLED) {
            if (closure == null) {
                throw new IllegalStateException("the ring is open: it has no final sequence");
            }
            LockSupport.parkNanos(this, pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(1));
        }
        return settled;
    }

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
     * Adds gating sequences, which then all start at the highest claimed sequence: their
     * consumers receive every sequence claimed after the add. The value is set before the
     * sequences become visible to producers (so they never see a stale low value as a valid gate)
     * and set again after, from a claim cursor read after the array changed: a producer still
     * working from the old array read consumer values that are at most that cursor, so it cannot
     * lap the new ones. All of them get the same start, so a worker pool or a whole pipeline
     * starts at one sequence.
     */
    final long addGatingSequences(Sequence... sequences) {
        long before = claimedVolatile();
        for (Sequence sequence : sequences) {
            sequence.setVolatile(before);
        }
        Sequence[] current;
        Sequence[] updated;
        do {
            current = (Sequence[]) GATING.getVolatile(this);
            for (int i = 0; i < sequences.length; i++) {
                for (Sequence s : current) {
                    if (s == sequences[i]) {
                        throw new IllegalArgumentException("sequence is already gating this ring: " + s);
                    }
                }
                for (int j = 0; j < i; j++) {
                    if (sequences[j] == sequences[i]) {
                        throw new IllegalArgumentException("sequence given twice: " + sequences[i]);
                    }
                }
            }
            updated = Arrays.copyOf(current, current.length + sequences.length);
            System.arraycopy(sequences, 0, updated, current.length, sequences.length);
        } while (!GATING.compareAndSet(this, current, updated));
        long start = claimedVolatile();
        for (Sequence sequence : sequences) {
            sequence.setVolatile(start);
        }
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
