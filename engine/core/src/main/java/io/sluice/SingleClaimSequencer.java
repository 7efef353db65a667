package io.sluice;

import io.sluice.access.FieldHandles;
import io.sluice.backpressure.Watermarks;
import io.sluice.wait.WaitStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The claim side of the sequencers for one producer thread, whichever way they publish: the
 * producer's claim counter and its cached gating minimum, as fields of the sequencer itself (a
 * claim reads and writes them without a dereference; measured, a counter object of their own
 * cost the claim several percent) and padded on both sides, so the fields consumers read never
 * share their lines. A claim is a plain read of the counter, a compare against the cached minimum
 * and a release store: no atomic read-modify-write. The gating sequences are read only when the
 * cache runs out.
 *
 * <p>Its kinds differ only in how they publish: {@link SingleProducerSequencer} stores a cursor,
 * {@link SlotMarkingSequencer} marks slots, {@link SharedCursorSequencer} stores a cursor in
 * memory another process shares (and reads that process's consumer). Each calls
 * {@link #claimAlone} and {@link #claimAloneWithin} from its own claim methods; nothing here is
 * overridden.
 *
 * <p>Thread-safety: one producer thread claims and publishes; any thread may read
 * {@link #claimedVolatile}.
 */
abstract sealed class SingleClaimSequencer extends SingleClaimCounters
        permits SingleProducerSequencer, SlotMarkingSequencer, SharedCursorSequencer {
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final VarHandle CLAIM =
            FieldHandles.field(MethodHandles.lookup(), SingleClaimCounters.class, "claim", long.class);
    /**
     * Whether claims check that one thread at a time produces: {@code -Dio.sluice.checkSingleProducer=true}.
     * A constant the JIT folds: unset, the check is not compiled in and costs nothing.
     */
    static final boolean CHECK_SINGLE_PRODUCER = Boolean.getBoolean("io.sluice.checkSingleProducer");
    /**
     * In checked mode, the thread that claimed last on each sequencer; null otherwise. Kept out of
     * the sequencer so that its layout, and the claim's cache lines, are the same in both modes.
     */
    private static final Map<SingleClaimSequencer, Thread> PRODUCER_THREADS =
            CHECK_SINGLE_PRODUCER ? Collections.synchronizedMap(new WeakHashMap<>()) : null;

    /** Padding after the counters; see {@link SingleClaimPadding}. */
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    SingleClaimSequencer(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
    }

    /**
     * Claims {@code n} sequences if they are free now; never waits.
     *
     * @return the highest claimed sequence, {@link RingBuffer#INSUFFICIENT_CAPACITY}, or {@link #CLOSED}
     */
    final long claimAlone(int n) {
        if (CHECK_SINGLE_PRODUCER) {
            checkOneProducerThread();
        }
        // Plain reads: only this producer thread writes the claim and the gating cache.
        long current = claim;
        long next = current + n;
        if (next - gatingCache > refreshThreshold) {
            // Gating sequences only grow, so the cache may lag but never overstates free space.
            long min = minimumGatingSequence(current);
            gatingCache = min;
            if (next - min > capacity) {
                return RingBuffer.INSUFFICIENT_CAPACITY;
            }
            if (watermarks != null && next - min >= watermarks.high()) {
                return claimReportingHigh(current, next);
            }
        }
        return store(current, next);
    }

    /** As {@link #claimAlone}, against the caller's head and limit (see {@link Sequencer#claimWithin}). */
    final long claimAloneWithin(int n, long head, long limit) {
        if (CHECK_SINGLE_PRODUCER) {
            checkOneProducerThread();
        }
        // Plain read: only this producer thread writes the claim.
        long current = claim;
        long next = current + n;
        if (next - head > limit) {
            return RingBuffer.INSUFFICIENT_CAPACITY;
        }
        if (reachesHighWatermark(next, head, current)) {
            return claimReportingHigh(current, next);
        }
        return store(current, next);
    }

    /**
     * Checked mode: refuses a claim by a thread other than the last one to claim while that
     * thread's latest claim is still unpublished, the interleaving that corrupts a single-producer
     * ring. A ring handed from one thread to another between claims passes. Acquire reads of
     * another thread's claim and cursor, and a synchronized map: a debugging aid, never compiled
     * into the claim when the mode is off.
     */
    private void checkOneProducerThread() {
        Thread current = Thread.currentThread();
        Thread last = PRODUCER_THREADS.get(this);
        if (last == current) {
            return;
        }
        long open = (long) CLAIM.getAcquire(this);
        if (last != null && open >= 0 && !isAvailable(open)) {
            throw new IllegalStateException("thread '" + current.getName() + "' claims on a single-producer ring while"
                    + " thread '" + last.getName() + "' has claimed sequence " + open + " and not published it: two"
                    + " threads produce at once; build the ring with ProducerType.MULTI (checked because"
                    + " io.sluice.checkSingleProducer is set)");
        }
        PRODUCER_THREADS.put(this, current);
    }

    private long store(long current, long next) {
        // Release: other threads reading the claim (remainingCapacity, addGatingSequence) with
        // acquire also see the gating values this claim was checked against.
        CLAIM.setRelease(this, next);
        // Volatile read after the store: the producer's half of the close handshake (see
        // Sequencer.close). A plain load on x86; the store-to-load order it needs is not given by
        // the JMM for a release store, so settleClaims() waits out the store's trip to memory.
        if (closure != null) {
            return afterClose(current, next);
        }
        return next;
    }

    /** Slow path, on rings with watermarks only: a claim that takes occupancy to the high mark. */
    private long claimReportingHigh(long current, long next) {
        long claimed = store(current, next);
        if (claimed >= 0) {
            // After the store: the watermark report must see this claim (see Watermarks).
            watermarks.producerReached(this);
        }
        return claimed;
    }

    /**
     * Takes back the latest claim {@code lo..hi}: the counter returns to {@code lo - 1}, as if
     * the claim had never been made. That store and the close are ordered by the same handshake
     * as a claim's (see {@link Sequencer#close}): if the close is seen after it, the close may
     * have counted the claim before it was taken back, and then consumers drain up to it, so the
     * counter is restored and the caller must publish the claim marked aborted instead.
     *
     * @return whether the claim was taken back; false if it is not the latest claim (two handles
     *     on one thread) or the close counted it
     */
    final boolean takeBack(long lo, long hi) {
        // Plain read: only this producer thread writes the claim.
        if (claim != hi) {
            return false;
        }
        CLAIM.setRelease(this, lo - 1);
        // Volatile read after the store: the producer's half of the close handshake.
        if (closure == null || finalSequence() < lo) {
            return true;
        }
        CLAIM.setRelease(this, hi);
        return false;
    }

    /**
     * A release store followed by a volatile load may be reordered (the store waits in a store
     * buffer), so a claim stored just before the close may still be in flight when the closure
     * is set. Hardware drains a store buffer in well under a microsecond, and a thread switched
     * out drains it first; waiting {@link #SETTLE_NANOS} (parked) before reading the counter
     * leaves a margin of three orders of magnitude without a fence on every claim. JCStress
     * ({@code DrainRaceTests}) checks the outcome.
     */
    @Override
    final long settleClaims() {
        long start = System.nanoTime();
        long remaining;
        while ((remaining = SETTLE_NANOS - (System.nanoTime() - start)) > 0) {
            LockSupport.parkNanos(this, remaining);
        }
        return (long) CLAIM.getVolatile(this);
    }

    @Override
    final void undoRefusedClaim(long previous, long claimed) {
        // Only the producer thread writes the claim: it takes back its own, never published, claim.
        CLAIM.setRelease(this, previous);
    }

    /** Refuses to publish {@code sequence} if it was never claimed. Plain read: the producer's own counter. */
    final void checkClaimed(long sequence) {
        if (sequence > claim) {
            throw new IllegalArgumentException(
                    "sequence " + sequence + " was not claimed; highest claimed is " + claim);
        }
    }

    /**
     * Refuses a sequence a lap or more behind the highest claim: on a ring with slot markers its
     * slot's marker already belongs to a later sequence, and marking it would hide that one from
     * consumers for good.
     */
    final void checkWithinLap(long sequence) {
        // Plain read: only this producer thread writes the claim.
        if (sequence <= claim - capacity) {
            throw new IllegalArgumentException("sequence " + sequence + " is a lap or more behind the highest claim "
                    + claim + " (capacity " + capacity + "): its slot holds a later sequence");
        }
    }

    @Override
    final long claimedVolatile() {
        return (long) CLAIM.getVolatile(this);
    }

    @Override
    final ProducerType producerType() {
        return ProducerType.SINGLE;
    }
}

// Padding by class hierarchy, as in Sequence.java: the counters, declared in the middle class,
// land after 120 bytes of padding and before 120 more, away from the Sequencer fields that
// consumers read (the wait strategy, the watermarks). SequenceLayoutTest measures the result.

/** Padding between the {@link Sequencer} fields and the single producer's counters. */
abstract sealed class SingleClaimPadding extends Sequencer permits SingleClaimCounters {
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;

    SingleClaimPadding(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
    }
}

/** The single producer's counters, written on every claim by that producer alone. */
abstract sealed class SingleClaimCounters extends SingleClaimPadding permits SingleClaimSequencer {
    /** Highest claimed sequence; written only by the producer, read by others through {@code CLAIM}. */
    long claim = Sequence.INITIAL_VALUE;
    /** The producer's own cache of the gating minimum; plain, never read by another thread. */
    long gatingCache = Sequence.INITIAL_VALUE;

    SingleClaimCounters(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
    }
}
