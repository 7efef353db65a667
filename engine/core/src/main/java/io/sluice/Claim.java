package io.sluice;

/**
 * Slots claimed through a {@link Producer} handle, to write and then {@link #commit()} or
 * {@link #abort()}: the flyweight of Agrona's {@code tryClaim}/{@code commit}/{@code abort} and
 * Aeron's {@code BufferClaim}. Each handle owns one, reused by every claim it makes, so claiming
 * allocates nothing.
 *
 * <pre>{@code
 * Claim<Trade> claim = producer.claim();     // waits per the handle's policy
 * if (claim.isClaimed()) {                   // false only if the policy timed out or shed
 *     claim.get().price = price;
 *     claim.commit();                        // or claim.abort(): consumers never see it
 * }
 * }</pre>
 *
 * <p>A claim that failed holds its {@link #outcome()} and no slot: {@link #get()}, {@link #commit()}
 * and {@link #abort()} then throw {@link IllegalStateException} naming the outcome, so a failed
 * claim can never be written or published as if it were a slot. The same exception refuses a
 * second commit, a commit after an abort, any use after either, a new claim on the handle while
 * one is still open, and any use from a thread other than the one that claimed.
 *
 * <p>{@link #commit()} publishes every claimed slot at once. {@link #abort()} withdraws them: a
 * single-producer ring takes the claim back when it is the latest; otherwise (a multi-producer
 * ring, where others may have claimed after it) the slots are published marked as aborted and
 * every consumer passes over them without calling its handler ({@link RingBuffer#isAborted}).
 * Aborted sequences are counted ({@code ProducerCounter.ABORTS}).
 *
 * <p>Not thread-safe: used by the thread that made the claim, as its handle is. Non-blocking:
 * only the claim itself waits.
 *
 * @param <E> the event type
 */
public final class Claim<E> {
    /*
     * Where a claim is in its life. Ints, not an enum, and the owner and outcome stored only when
     * they change: a reference store costs the garbage collector's write barriers, and a claim of
     * one slot is a few nanoseconds in all, so the steady state stores only primitives.
     */
    private static final int NONE = 0;
    private static final int OPEN = 1;
    private static final int COMMITTED = 2;
    private static final int ABORTED = 3;
    private static final int FAILED = 4;

    private final Producer<E> producer;
    private final RingBuffer<E> ring;
    private int phase = NONE;
    /** The outcome of the latest attempt when it failed; a claimed one is read from {@link #phase}. */
    private ClaimOutcome failure;
    private long first;
    private long last;
    /** The thread that made the latest successful claim; null before the first. */
    private Thread owner;

    Claim(Producer<E> producer, RingBuffer<E> ring) {
        this.producer = producer;
        this.ring = ring;
    }

    /** Before a new claim: the previous one must be finished. */
    void checkNoneOpen() {
        if (phase == OPEN) {
            throw new IllegalStateException("claim: " + this + " is still open; commit() or abort() it first");
        }
    }

    /**
     * Records a claim attempt's result.
     *
     * @param result the highest claimed sequence, or a negative outcome
     * @param n how many sequences were asked for
     * @return this
     */
    Claim<E> settle(long result, int n) {
        if (result >= 0) {
            first = result - n + 1;
            last = result;
            Thread current = Thread.currentThread();
            if (owner != current) {
                owner = current;
            }
            phase = OPEN;
        } else {
            failure = ClaimOutcome.of(result);
            phase = FAILED;
        }
        return this;
    }

    /** {@return whether this claim holds slots: claimed, and neither committed nor aborted yet} */
    public boolean isClaimed() {
        return phase == OPEN;
    }

    /** {@return what the last claim attempt came to; null before the first} */
    public ClaimOutcome outcome() {
        switch (phase) {
            case NONE:
                return null;
            case FAILED:
                return failure;
            default:
                return ClaimOutcome.CLAIMED;
        }
    }

    /**
     * {@return how many slots are claimed}
     *
     * @throws IllegalStateException if no claim is open on this thread
     */
    public int size() {
        checkUsable("size");
        return (int) (last - first + 1);
    }

    /**
     * {@return the event in the first (for a claim of one, the only) claimed slot}
     *
     * @throws IllegalStateException if no claim is open on this thread
     */
    public E get() {
        checkUsable("get");
        return ring.get(first);
    }

    /**
     * The event in one of the claimed slots.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the pre-allocated event
     * @throws IllegalStateException if no claim is open on this thread
     * @throws IndexOutOfBoundsException if {@code index} is outside the claim
     */
    public E get(int index) {
        checkUsable("get");
        if (index < 0 || index > last - first) {
            throw new IndexOutOfBoundsException("index " + index + " is outside " + this + ": from 0 to " + (last - first));
        }
        return ring.get(first + index);
    }

    /**
     * {@return the sequence of the first claimed slot, as handlers will see it}
     *
     * @throws IllegalStateException if no claim is open on this thread
     */
    public long firstSequence() {
        checkUsable("firstSequence");
        return first;
    }

    /**
     * {@return the sequence of the last claimed slot}
     *
     * @throws IllegalStateException if no claim is open on this thread
     */
    public long lastSequence() {
        checkUsable("lastSequence");
        return last;
    }

    /**
     * Publishes every claimed slot: consumers may read them from now on. Never blocks.
     *
     * @throws IllegalStateException if no claim is open on this thread: it failed, was committed
     *     or aborted already, or belongs to another thread
     */
    public void commit() {
        checkUsable("commit");
        phase = COMMITTED;
        producer.publishClaim(first, last);
    }

    /**
     * Withdraws the claim: no consumer's handler will see its slots. Never blocks.
     *
     * @throws IllegalStateException if no claim is open on this thread: it failed, was committed
     *     or aborted already, or belongs to another thread
     */
    public void abort() {
        checkUsable("abort");
        phase = ABORTED;
        producer.abortClaim(first, last);
    }

    private void checkUsable(String action) {
        if (phase != OPEN) {
            throw new IllegalStateException(action + "(): " + this);
        }
        Thread current = Thread.currentThread();
        if (owner != current) {
            throw new IllegalStateException(action + "() on thread " + current.getName() + ": " + this
                    + " belongs to thread " + owner.getName());
        }
    }

    /** {@return e.g. {@code claim of sequences 4..7 by producer feed on ring prices: open}} */
    @Override
    public String toString() {
        String where = " by producer " + producer.name() + " on ring " + ring.name();
        switch (phase) {
            case NONE:
                return "no claim yet" + where;
            case FAILED:
                return "the claim" + where + " failed: " + failure + ", nothing claimed";
            case OPEN:
                return "claim of sequences " + first + ".." + last + where + ": open";
            case COMMITTED:
                return "claim of sequences " + first + ".." + last + where + ": committed";
            default:
                return "claim of sequences " + first + ".." + last + where + ": aborted";
        }
    }
}
