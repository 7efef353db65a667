package io.sluice;

import io.sluice.access.FieldHandles;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.ProducerSnapshot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A producer's handle on a ring: claims and publishes under its own {@link BackpressurePolicy}
 * and keeps its own counters (claims, stalls, timeouts, drops, rejections, rate-limited waits),
 * readable at any time through {@link #snapshot(ProducerSnapshot)}. Get one with
 * {@link RingBuffer#newProducer(String)}; {@link #close()} it when done, and its counters stay
 * in the ring's totals.
 *
 * <h2>Claims</h2>
 * {@link #claim()} and {@link #tryClaim()} (and their forms for {@code n} slots) return the
 * handle's {@link Claim}: write its slots, then {@link Claim#commit()} or {@link Claim#abort()}.
 * A claim that failed says why ({@link Claim#outcome()}) and refuses to be written or published.
 * This is the API to use; the raw sequence API below is kept for code ported from the Disruptor.
 *
 * <p>{@link #next()} and {@link #next(int)} apply the policy when capacity is short: wait (spin,
 * yield, park, block), give up at the policy's deadline with {@link RingBuffer#TIMED_OUT}, or
 * shed with {@link RingBuffer#DROPPED}. A negative result always means nothing was claimed and
 * the ring is unchanged. {@link #next(int, long, TimeUnit)} waits at most the given time,
 * whatever the policy's own deadline. {@link #tryNext()} never waits. The {@code publishEvent}
 * forms return whether the event was published.
 *
 * <h2>Thread-safety</h2>
 * One thread at a time uses a handle: its counters have a single writer, so counting costs no
 * atomic instruction. Give each producing thread its own handle. Snapshots may be taken from any
 * thread. No claim or publish allocates, on the fast path or while stalling, timing out or
 * dropping; a JFR recording that enables {@code io.sluice.ProducerStall} costs one event object per stall.
 *
 * <h2>What a claim pays for</h2>
 * The ring builds each handle as the one kind its policy needs, so a claim runs only the steps
 * that policy uses (see the design's "The hot paths"). A handle whose policy neither
 * rate-limits nor sheds on delay claims straight from the sequencer: a compare against the
 * cached gating minimum, a store, and an add to its own claim count; waiting, shedding and
 * timing out are reached only when that claim fails. A handle under a rate limit or delay
 * shedding asks them first, on every claim: they are the feature in use. On a ring built with
 * {@linkplain ProducerClass producer classes} every handle also leaves the other classes' unused
 * reserves free, and notes its claims for its class. The kinds are not public: all are a
 * {@code Producer}.
 *
 * @param <E> the event type
 */
public abstract sealed class Producer<E> implements EventSink<E>, AutoCloseable
        permits DirectProducer, AdmissionProducer, SharedProducer, ClassedProducer {
    private static final VarHandle CLAIM_COUNT =
            FieldHandles.field(MethodHandles.lookup(), Producer.class, "claimCount", long.class);
    final RingBuffer<E> ring;
    final Sequencer sequencer;
    private final String name;
    private final BackpressurePolicy policy;
    private final String policyText;
    final ProducerCounters counters;
    /** The policy, applied wherever a claim does more than take free room: see {@link ClaimPolicy}. */
    final ClaimPolicy claimPolicy;
    /** The policy's deadline for a waiting claim, in nanoseconds; 0 for none. */
    private final long timeoutNanos;
    /**
     * Sequences this handle claimed: its per-claim count, a field of the handle itself so that
     * counting is one add to a line the claim reads anyway. Written plain by the handle's thread
     * only, read opaque by {@link #claimsCounted()} from any thread. Unused by the shared producer.
     */
    private long claimCount;
    /**
     * Set by {@link #close()}, which the handle's own thread calls after its last claim: a plain
     * field, read by that thread on each claim without a fence. Never set on the ring's shared producer.
     */
    private boolean closed;
    /** The flyweight every {@link #claim} of this handle fills. */
    private final Claim<E> claim;

    /**
     * A handle of the kind {@code policy} needs: on a ring with producer classes, a
     * {@link ClassedProducer} of {@code account}'s class; else {@link DirectProducer} when it
     * neither rate-limits nor sheds on delay, else {@link AdmissionProducer}.
     *
     * @param account the handle's class on a ring with classes; null on a ring without
     */
    static <E> Producer<E> handle(RingBuffer<E> ring, Sequencer sequencer, String name, BackpressurePolicy policy,
            ClassShares shares, ClassShares.Account account) {
        if (shares != null) {
            return new ClassedProducer<>(ring, sequencer, name, policy, account,
                    new ClassedRoom(sequencer, shares, account, true), false);
        }
        return admitsClaims(policy)
                ? new AdmissionProducer<>(ring, sequencer, name, policy)
                : new DirectProducer<>(ring, sequencer, name, policy);
    }

    /** {@return whether a claim under {@code policy} must be admitted first: a rate limit, or shedding on delay} */
    static boolean admitsClaims(BackpressurePolicy policy) {
        return policy.rateLimiter() != null || policy.delayTarget() != null;
    }

    /** A handle that takes room from the whole ring and its permits, if any, from its policy's limiter. */
    Producer(RingBuffer<E> ring, Sequencer sequencer, String name, BackpressurePolicy policy, boolean shared) {
        this(ring, sequencer, name, policy, shared,
                policy.rateLimiter() == null ? null : new Permits.FromLimiter(policy.rateLimiter()),
                new ClaimRoom.WholeRing(sequencer));
    }

    /**
     * @param permits where permits come from: null exactly when the policy has no rate limiter
     * @param room how the handle's claims measure room
     */
    Producer(RingBuffer<E> ring, Sequencer sequencer, String name, BackpressurePolicy policy, boolean shared,
            Permits permits, ClaimRoom room) {
        this.ring = ring;
        this.sequencer = sequencer;
        this.name = name;
        this.policy = policy;
        this.policyText = policy.toString();
        this.counters = shared ? new ProducerCounters() : new ProducerCounters(this);
        this.claimPolicy = new ClaimPolicy(name, ring.name(), policy, permits, sequencer, room, counters,
                ring.capacityWaiters());
        this.timeoutNanos = policy.timeoutNanos();
        this.claim = new Claim<>(this, ring);
    }

    /**
     * Claims one slot, applying the handle's policy while capacity is short, as {@link #next()}.
     *
     * @return this handle's claim: {@linkplain Claim#isClaimed() claimed}, or holding the outcome
     *     ({@code TIMED_OUT}, {@code DROPPED}) of a policy that gave up, with nothing claimed
     * @throws InterruptedException if interrupted while waiting; nothing is claimed
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     * @throws IllegalStateException if this handle's previous claim is still open, or the handle is closed
     */
    public Claim<E> claim() throws InterruptedException {
        claim.checkNoneOpen();
        return claim.settle(claimSequences(1, timeoutNanos), 1);
    }

    /**
     * Claims {@code n} consecutive slots, applying the handle's policy while capacity is short,
     * as {@link #next(int)}; {@link Claim#commit()} publishes them all.
     *
     * @param n from 1 to the ring's capacity
     * @return this handle's claim, claimed or holding the outcome of a policy that gave up
     * @throws InterruptedException if interrupted while waiting; nothing is claimed
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     * @throws IllegalArgumentException if {@code n} is out of range
     * @throws IllegalStateException if this handle's previous claim is still open, or the handle is closed
     */
    public Claim<E> claim(int n) throws InterruptedException {
        checkClaimSize(n);
        claim.checkNoneOpen();
        return claim.settle(claimSequences(n, timeoutNanos), n);
    }

    /**
     * Claims one slot if the ring has room now (and, under a rate limit, a permit); never waits.
     *
     * @return this handle's claim, claimed or holding {@link ClaimOutcome#INSUFFICIENT_CAPACITY}
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     * @throws IllegalStateException if this handle's previous claim is still open, or the handle is closed
     */
    public Claim<E> tryClaim() {
        claim.checkNoneOpen();
        return claim.settle(tryClaimSequences(1), 1);
    }

    /**
     * Claims {@code n} consecutive slots if the ring has room for all of them now; never waits.
     *
     * @param n from 1 to the ring's capacity
     * @return this handle's claim, claimed or holding {@link ClaimOutcome#INSUFFICIENT_CAPACITY}
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     * @throws IllegalArgumentException if {@code n} is out of range
     * @throws IllegalStateException if this handle's previous claim is still open, or the handle is closed
     */
    public Claim<E> tryClaim(int n) {
        checkClaimSize(n);
        claim.checkNoneOpen();
        return claim.settle(tryClaimSequences(n), n);
    }

    /** {@link Claim#commit()}: publishes the claim, which the claim object knows this handle holds. */
    void publishClaim(long first, long last) {
        sequencer.makeClaimAvailable(first, last);
    }

    /** {@link Claim#abort()}: withdraws the claim and counts it. */
    void abortClaim(long first, long last) {
        sequencer.withdraw(first, last);
        counters.add(ProducerCounter.ABORTS, last - first + 1);
    }

    @Override
    public long next() throws InterruptedException {
        return claimSequences(1, timeoutNanos);
    }

    @Override
    public long next(int n) throws InterruptedException {
        checkClaimSize(n);
        return claimSequences(n, timeoutNanos);
    }

    @Override
    public long next(int n, long timeout, TimeUnit unit) throws InterruptedException {
        checkClaimSize(n);
        if (timeout <= 0) {
            throw new IllegalArgumentException("timeout must be > 0: " + timeout);
        }
        Objects.requireNonNull(unit, "unit");
        return claimSequences(n, Math.min(unit.toNanos(timeout), Long.MAX_VALUE / 2));
    }

    @Override
    public long tryNext() {
        return tryClaimSequences(1);
    }

    @Override
    public long tryNext(int n) {
        checkClaimSize(n);
        return tryClaimSequences(n);
    }

    @Override
    public void publish(long sequence) {
        checkPublishable(sequence);
        sequencer.makeAvailable(sequence);
    }

    @Override
    public void publish(long lo, long hi) {
        checkPublishable(lo, hi, sequencer.capacity);
        sequencer.makeAvailable(lo, hi);
    }

    @Override
    public boolean publishEvent(EventTranslator<? super E> translator) throws InterruptedException {
        Objects.requireNonNull(translator, "translator");
        return translateAndPublish(claimSequences(1, timeoutNanos), NO_ARG, translator, null, null, null);
    }

    @Override
    public <A> boolean publishEvent(EventTranslatorOneArg<? super E, A> translator, A arg0)
            throws InterruptedException {
        Objects.requireNonNull(translator, "translator");
        return translateAndPublish(claimSequences(1, timeoutNanos), ONE_ARG, translator, arg0, null, null);
    }

    @Override
    public <A, B> boolean publishEvent(EventTranslatorTwoArg<? super E, A, B> translator, A arg0, B arg1)
            throws InterruptedException {
        Objects.requireNonNull(translator, "translator");
        return translateAndPublish(claimSequences(1, timeoutNanos), TWO_ARGS, translator, arg0, arg1, null);
    }

    @Override
    public <A, B, C> boolean publishEvent(EventTranslatorThreeArg<? super E, A, B, C> translator,
                                          A arg0, B arg1, C arg2) throws InterruptedException {
        Objects.requireNonNull(translator, "translator");
        return translateAndPublish(claimSequences(1, timeoutNanos), THREE_ARGS, translator, arg0, arg1, arg2);
    }

    @Override
    public boolean tryPublishEvent(EventTranslator<? super E> translator) {
        Objects.requireNonNull(translator, "translator");
        return translateAndPublish(tryClaimSequences(1), NO_ARG, translator, null, null, null);
    }

    @Override
    public <A> boolean tryPublishEvent(EventTranslatorOneArg<? super E, A> translator, A arg0) {
        Objects.requireNonNull(translator, "translator");
        return translateAndPublish(tryClaimSequences(1), ONE_ARG, translator, arg0, null, null);
    }

    @Override
    public <A, B> boolean tryPublishEvent(EventTranslatorTwoArg<? super E, A, B> translator, A arg0, B arg1) {
        Objects.requireNonNull(translator, "translator");
        return translateAndPublish(tryClaimSequences(1), TWO_ARGS, translator, arg0, arg1, null);
    }

    @Override
    public <A, B, C> boolean tryPublishEvent(EventTranslatorThreeArg<? super E, A, B, C> translator,
                                             A arg0, B arg1, C arg2) {
        Objects.requireNonNull(translator, "translator");
        return translateAndPublish(tryClaimSequences(1), THREE_ARGS, translator, arg0, arg1, arg2);
    }

    @Override
    public boolean publishEvent(EventTranslatorVararg<? super E> translator, Object... args)
            throws InterruptedException {
        Objects.requireNonNull(translator, "translator");
        return translateAndPublish(claimSequences(1, timeoutNanos), VARARGS, translator, args, null, null);
    }

    @Override
    public boolean tryPublishEvent(EventTranslatorVararg<? super E> translator, Object... args) {
        Objects.requireNonNull(translator, "translator");
        return translateAndPublish(tryClaimSequences(1), VARARGS, translator, args, null, null);
    }

    @Override
    public boolean publishEvents(EventTranslator<? super E>[] translators, int batchStartsAt, int batchSize)
            throws InterruptedException {
        checkTranslators(translators, batchStartsAt, batchSize);
        return translateAndPublishBatch(claimSequences(batchSize, timeoutNanos), batchStartsAt, batchSize,
                EventBatch.EACH_OWN, null, translators, null, null);
    }

    @Override
    public <A> boolean publishEvents(EventTranslatorOneArg<? super E, A> translator, int batchStartsAt, int batchSize,
            A[] arg0) throws InterruptedException {
        checkBatch(translator, batchStartsAt, batchSize, 1, arg0, null, null);
        return translateAndPublishBatch(claimSequences(batchSize, timeoutNanos), batchStartsAt, batchSize,
                EventBatch.ONE_ARG, translator, arg0, null, null);
    }

    @Override
    public <A, B> boolean publishEvents(EventTranslatorTwoArg<? super E, A, B> translator, int batchStartsAt,
            int batchSize, A[] arg0, B[] arg1) throws InterruptedException {
        checkBatch(translator, batchStartsAt, batchSize, 2, arg0, arg1, null);
        return translateAndPublishBatch(claimSequences(batchSize, timeoutNanos), batchStartsAt, batchSize,
                EventBatch.TWO_ARGS, translator, arg0, arg1, null);
    }

    @Override
    public <A, B, C> boolean publishEvents(EventTranslatorThreeArg<? super E, A, B, C> translator, int batchStartsAt,
            int batchSize, A[] arg0, B[] arg1, C[] arg2) throws InterruptedException {
        checkBatch(translator, batchStartsAt, batchSize, 3, arg0, arg1, arg2);
        return translateAndPublishBatch(claimSequences(batchSize, timeoutNanos), batchStartsAt, batchSize,
                EventBatch.THREE_ARGS, translator, arg0, arg1, arg2);
    }

    @Override
    public boolean publishEvents(EventTranslatorVararg<? super E> translator, int batchStartsAt, int batchSize,
            Object[]... args) throws InterruptedException {
        checkVarargBatch(translator, batchStartsAt, batchSize, args);
        return translateAndPublishBatch(claimSequences(batchSize, timeoutNanos), batchStartsAt, batchSize,
                EventBatch.VARARGS, translator, args, null, null);
    }

    @Override
    public boolean tryPublishEvents(EventTranslator<? super E>[] translators, int batchStartsAt, int batchSize) {
        checkTranslators(translators, batchStartsAt, batchSize);
        return translateAndPublishBatch(tryClaimSequences(batchSize), batchStartsAt, batchSize,
                EventBatch.EACH_OWN, null, translators, null, null);
    }

    @Override
    public <A> boolean tryPublishEvents(EventTranslatorOneArg<? super E, A> translator, int batchStartsAt,
            int batchSize, A[] arg0) {
        checkBatch(translator, batchStartsAt, batchSize, 1, arg0, null, null);
        return translateAndPublishBatch(tryClaimSequences(batchSize), batchStartsAt, batchSize,
                EventBatch.ONE_ARG, translator, arg0, null, null);
    }

    @Override
    public <A, B> boolean tryPublishEvents(EventTranslatorTwoArg<? super E, A, B> translator, int batchStartsAt,
            int batchSize, A[] arg0, B[] arg1) {
        checkBatch(translator, batchStartsAt, batchSize, 2, arg0, arg1, null);
        return translateAndPublishBatch(tryClaimSequences(batchSize), batchStartsAt, batchSize,
                EventBatch.TWO_ARGS, translator, arg0, arg1, null);
    }

    @Override
    public <A, B, C> boolean tryPublishEvents(EventTranslatorThreeArg<? super E, A, B, C> translator,
            int batchStartsAt, int batchSize, A[] arg0, B[] arg1, C[] arg2) {
        checkBatch(translator, batchStartsAt, batchSize, 3, arg0, arg1, arg2);
        return translateAndPublishBatch(tryClaimSequences(batchSize), batchStartsAt, batchSize,
                EventBatch.THREE_ARGS, translator, arg0, arg1, arg2);
    }

    @Override
    public boolean tryPublishEvents(EventTranslatorVararg<? super E> translator, int batchStartsAt, int batchSize,
            Object[]... args) {
        checkVarargBatch(translator, batchStartsAt, batchSize, args);
        return translateAndPublishBatch(tryClaimSequences(batchSize), batchStartsAt, batchSize,
                EventBatch.VARARGS, translator, args, null, null);
    }

    /** Checks a batch of per-event translators before anything is claimed. */
    private void checkTranslators(Object[] translators, int batchStartsAt, int batchSize) {
        EventBatch.checkSize(batchStartsAt, batchSize, sequencer.capacity);
        EventBatch.checkArray(batchStartsAt, batchSize, translators, "translators");
        EventBatch.checkTranslators(translators, batchStartsAt, batchSize);
    }

    /** Checks a batch for a translator of {@code arity} (one to three) arguments before anything is claimed. */
    private void checkBatch(Object translator, int batchStartsAt, int batchSize, int arity, Object[] arg0,
            Object[] arg1, Object[] arg2) {
        Objects.requireNonNull(translator, "translator");
        EventBatch.checkSize(batchStartsAt, batchSize, sequencer.capacity);
        EventBatch.checkArray(batchStartsAt, batchSize, arg0, "arg0");
        if (arity >= 2) {
            EventBatch.checkArray(batchStartsAt, batchSize, arg1, "arg1");
        }
        if (arity == 3) {
            EventBatch.checkArray(batchStartsAt, batchSize, arg2, "arg2");
        }
    }

    private void checkVarargBatch(Object translator, int batchStartsAt, int batchSize, Object[][] args) {
        Objects.requireNonNull(translator, "translator");
        EventBatch.checkSize(batchStartsAt, batchSize, sequencer.capacity);
        EventBatch.checkArray(batchStartsAt, batchSize, args, "args");
    }

    /**
     * The one body of the batch forms: if the batch ending at {@code hi} was claimed, hand each
     * slot to the translator through {@code how}, and publish the whole batch even if a
     * translator throws, so no gap is left.
     *
     * @return whether the batch was claimed and published
     */
    private boolean translateAndPublishBatch(long hi, int batchStartsAt, int batchSize, EventBatch.Translation how,
            Object translator, Object[] arg0, Object[] arg1, Object[] arg2) {
        if (hi < 0) {
            return false;
        }
        long lo = hi - batchSize + 1;
        try {
            for (int i = 0; i < batchSize; i++) {
                how.translate(ring.get(lo + i), lo + i, translator, batchStartsAt + i, arg0, arg1, arg2);
            }
        } finally {
            sequencer.makeAvailable(lo, hi);
        }
        return true;
    }

    /**
     * The one body of the ten {@code publishEvent} forms: if {@code sequence} was claimed, hand
     * its slot to the translator through {@code how}, and publish it even if the translator
     * throws, so no gap is left. Small enough to inline into each form, where {@code how} is a
     * constant: the JIT sees the translator's own call, as if it were written out.
     *
     * @return whether the sequence was claimed and published
     */
    private boolean translateAndPublish(long sequence, Translation how, Object translator, Object arg0, Object arg1,
            Object arg2) {
        if (sequence < 0) {
            return false;
        }
        try {
            how.translate(ring.get(sequence), sequence, translator, arg0, arg1, arg2);
        } finally {
            sequencer.makeAvailable(sequence);
        }
        return true;
    }

    /**
     * Calls a translator of one arity with its arguments. The five adapters capture nothing, so
     * each is one shared instance; the public forms' signatures keep the types checked, so the
     * adapters' casts cannot fail.
     */
    @FunctionalInterface
    private interface Translation {
        void translate(Object event, long sequence, Object translator, Object arg0, Object arg1, Object arg2);
    }

    @SuppressWarnings("unchecked")
    private static final Translation NO_ARG = (event, sequence, translator, arg0, arg1, arg2) ->
            ((EventTranslator<Object>) translator).translateTo(event, sequence);
    @SuppressWarnings("unchecked")
    private static final Translation ONE_ARG = (event, sequence, translator, arg0, arg1, arg2) ->
            ((EventTranslatorOneArg<Object, Object>) translator).translateTo(event, sequence, arg0);
    @SuppressWarnings("unchecked")
    private static final Translation TWO_ARGS = (event, sequence, translator, arg0, arg1, arg2) ->
            ((EventTranslatorTwoArg<Object, Object, Object>) translator).translateTo(event, sequence, arg0, arg1);
    @SuppressWarnings("unchecked")
    private static final Translation VARARGS = (event, sequence, translator, arg0, arg1, arg2) ->
            ((EventTranslatorVararg<Object>) translator).translateTo(event, sequence, (Object[]) arg0);
    @SuppressWarnings("unchecked")
    private static final Translation THREE_ARGS = (event, sequence, translator, arg0, arg1, arg2) ->
            ((EventTranslatorThreeArg<Object, Object, Object, Object>) translator)
                    .translateTo(event, sequence, arg0, arg1, arg2);

    /** {@return the handle's name, as it appears in metrics and JFR events} */
    public String name() {
        return name;
    }

    /** {@return the handle's policy} */
    public BackpressurePolicy policy() {
        return policy;
    }

    /**
     * Copies this handle's counters into {@code into}; allocation-free.
     *
     * @param into a caller-owned snapshot to overwrite
     * @return {@code into}
     */
    public ProducerSnapshot snapshot(ProducerSnapshot into) {
        into.fill(name, policyText);
        counters.copyInto(into);
        return into;
    }

    /**
     * Closes the handle: later claims throw {@link IllegalStateException}; its counters stay in
     * the ring's totals. Idempotent. Call it from the thread that used the handle, after its last claim.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ring.retire(this);
        }
    }

    // ---- claim paths ----

    /**
     * Counts {@code n} claimed sequences: the one count on a handle's fast path. Plain: an opaque
     * or volatile store would be a compiler barrier on every claim, after which the JIT reloads
     * every field the claim reads. The claim's publish is a release store after it, so the count
     * reaches memory by then at the latest, and a 64-bit JVM stores a long whole.
     */
    final void countClaims(int n) {
        claimCount += n;
    }

    /** {@return the claims counted so far, read opaque: recent, never torn} */
    final long claimsCounted() {
        return (long) CLAIM_COUNT.getOpaque(this);
    }

    /**
     * Claims {@code n} sequences, applying the policy while capacity is short: each kind of
     * handle's own path, chosen when the ring built it.
     *
     * @return the highest claimed sequence, or a negative outcome with nothing claimed
     */
    abstract long claimSequences(int n, long timeout) throws InterruptedException;

    /** Claims {@code n} sequences if they are free now; never waits. */
    abstract long tryClaimSequences(int n);

    /** A try claim found no room: counted, unless the ring is closed, which throws. */
    final long refused() {
        return claimPolicy.refused();
    }

    /** Called by the ring as it retires this closed handle, after taking its counts; nothing to do but for a class's handle. */
    void retiredFromRing() {
    }

    /** {@return whether this handle belongs to the producer class of {@code account}; never, but for a class's handle} */
    boolean isOfClass(ClassShares.Account account) {
        return false;
    }

    /** Refuses a negative sequence: a claim's outcome, which names no slot. Shared by the ring's raw API. */
    static void checkPublishable(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0: " + sequence);
        }
    }

    /** Refuses a range that is empty, negative or longer than the capacity. Shared by the ring's raw API. */
    static void checkPublishable(long lo, long hi, int capacity) {
        if (lo > hi || lo < 0 || hi - lo >= capacity) {
            throw new IllegalArgumentException("publish range must satisfy 0 <= lo <= hi < lo + capacity ("
                    + capacity + "): lo=" + lo + ", hi=" + hi);
        }
    }

    /** Refuses a claim size that is not from 1 to the ring's capacity. */
    final void checkClaimSize(int n) {
        if (n < 1 || n > sequencer.capacity) {
            throw new IllegalArgumentException("n must be from 1 to the capacity " + sequencer.capacity + ": " + n);
        }
    }

    /** A closed handle claims nothing. Plain read: only the handle's own thread closes it. */
    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("producer " + name + " of ring " + ring.name() + " is closed");
        }
    }

    @Override
    public String toString() {
        return snapshot(new ProducerSnapshot()).toString();
    }
}
