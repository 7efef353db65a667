package io.sluice;

import io.sluice.access.FieldHandles;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.ProducerBackoff;
import io.sluice.metrics.ProducerCounter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
    /**
     * What {@link #tryClaimRoom} returns when the ring had room but the reserves of other
     * producer classes held it back; counted as {@link ProducerCounter#OVER_SHARE} and then
     * treated as a full ring. Never returned from a public method.
     */
    static final long HELD_BACK = -5L;
    private static final VarHandle CLAIM_COUNT =
            FieldHandles.field(MethodHandles.lookup(), Producer.class, "claimCount", long.class);
    final RingBuffer<E> ring;
    final Sequencer sequencer;
    private final String name;
    private final BackpressurePolicy policy;
    private final String policyText;
    /** The policy's shape, read once here so that a claim tests a final field, not the policy. */
    private final boolean sheds;
    private final boolean blocks;
    private final ProducerBackoff backoff;
    /** Where a rate-limited handle's permits come from: its policy's limiter, or a class's share of it; null without one. */
    private final Permits permits;
    private final long timeoutNanos;
    private final long longestParkNanos;
    final ProducerCounters counters;
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
    /** The CoDel state of a {@link BackpressurePolicy#shedOnDelay} policy; null under any other. */
    private final DelayShedder delayShedder;
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
            return new ClassedProducer<>(ring, sequencer, name, policy, shares, account, false);
        }
        return admitsClaims(policy)
                ? new AdmissionProducer<>(ring, sequencer, name, policy)
                : new DirectProducer<>(ring, sequencer, name, policy);
    }

    /** {@return whether a claim under {@code policy} must be admitted first: a rate limit, or shedding on delay} */
    static boolean admitsClaims(BackpressurePolicy policy) {
        return policy.rateLimiter() != null || policy.delayTarget() != null;
    }

    Producer(RingBuffer<E> ring, Sequencer sequencer, String name, BackpressurePolicy policy, boolean shared) {
        this(ring, sequencer, name, policy, shared,
                policy.rateLimiter() == null ? null : new Permits.FromLimiter(policy.rateLimiter()));
    }

    /** @param permits where permits come from: null exactly when the policy has no rate limiter */
    Producer(RingBuffer<E> ring, Sequencer sequencer, String name, BackpressurePolicy policy, boolean shared,
            Permits permits) {
        this.ring = ring;
        this.sequencer = sequencer;
        this.name = name;
        this.policy = policy;
        this.policyText = policy.toString();
        this.sheds = policy.sheds();
        this.blocks = policy.blocks();
        this.backoff = policy.backoffStep();
        this.permits = permits;
        this.timeoutNanos = policy.timeoutNanos();
        this.longestParkNanos = policy.longestParkNanos();
        this.counters = shared ? new ProducerCounters() : new ProducerCounters(this);
        this.claim = new Claim<>(this, ring);
        this.delayShedder = policy.delayTarget() == null ? null : new DelayShedder(policy.delayTarget(), sequencer);
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
        ring.checkClaimSize(n);
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
        ring.checkClaimSize(n);
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
        ring.checkClaimSize(n);
        return claimSequences(n, timeoutNanos);
    }

    @Override
    public long next(int n, long timeout, TimeUnit unit) throws InterruptedException {
        ring.checkClaimSize(n);
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
        ring.checkClaimSize(n);
        return tryClaimSequences(n);
    }

    @Override
    public void publish(long sequence) {
        ring.publish(sequence);
    }

    @Override
    public void publish(long lo, long hi) {
        ring.publish(lo, hi);
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

    /**
     * The one body of the eight {@code publishEvent} forms: if {@code sequence} was claimed, hand
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
     * Calls a translator of one arity with its arguments. The four adapters capture nothing, so
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
        into.fill(name, policyText, counters);
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
        checkNotClosed();
        counters.add(ProducerCounter.REJECTIONS, 1);
        return RingBuffer.INSUFFICIENT_CAPACITY;
    }

    /**
     * Claims {@code n} sequences if the ring has room for them now, as the handle's kind
     * measures room: the sequencer's claim, or on a ring with producer classes a claim that
     * leaves the other classes' unused reserves free. Every claim path's one way to the
     * sequencer, on its first try and on every retry while it stalls.
     *
     * @return the highest claimed sequence, {@link RingBuffer#INSUFFICIENT_CAPACITY},
     *     {@link #HELD_BACK} or {@link Sequencer#CLOSED}
     */
    long tryClaimRoom(int n) {
        return sequencer.claimIfFree(n);
    }

    /**
     * Whether a claim of {@code n} that shedding on delay would drop may be dropped; always, but
     * for a handle of a class still within its reserve, which is never shed because others
     * made the wait long. Asked only when the shedder decided to drop.
     */
    boolean mayShedOnDelay(int n) {
        return true;
    }

    /** A try claim under the whole policy: permits first when rate-limited. Counts nothing claimed. */
    final long admittedTryClaim(int n) {
        if (permits != null && !tryPermits(n)) {
            return refused();
        }
        long sequence = tryClaimRoom(n);
        if (sequence >= 0) {
            return sequence;
        }
        if (sequence == HELD_BACK) {
            counters.add(ProducerCounter.OVER_SHARE, 1);
        }
        if (permits != null) {
            permits.refund(n); // nothing was claimed: the permits were not used
        }
        return refused();
    }

    /**
     * A claim under the whole policy: delay shedding and rate limiting first, then the
     * sequencer, then the stall path. Counts nothing claimed: the caller does, if it counts.
     */
    final long admittedClaim(int n, long timeout) throws InterruptedException {
        if (delayShedder != null && delayShedder.dropsNext() && mayShedOnDelay(n)) {
            checkNotClosed();
            counters.add(ProducerCounter.DROPS, n);
            return RingBuffer.DROPPED;
        }
        long deadline = 0;
        // The burst, a final field, on this path: largestAcquire() sums the limiter's shares, and
        // a claim between the two fails to acquire and waits for its permits in chunks that fit.
        if (permits != null && (n > permits.limiter().burst() || !permits.tryAcquire(n))) {
            if (sheds) {
                checkPermitsFit(n);
                counters.add(ProducerCounter.DROPS, n);
                return RingBuffer.DROPPED;
            }
            long start = System.nanoTime();
            deadline = timeout > 0 ? start + timeout : 0;
            if (!awaitPermits(n, start, deadline)) {
                return RingBuffer.TIMED_OUT;
            }
        }
        long sequence = tryClaimRoom(n);
        if (sequence >= 0) {
            return sequence;
        }
        checkNotClosed();
        if (sequence == HELD_BACK) {
            counters.add(ProducerCounter.OVER_SHARE, 1);
        }
        return stall(n, timeout, deadline);
    }

    /**
     * Slow path: the ring is short of capacity, and open as far as the failed claim saw. Applies
     * the policy: shed, or wait (blocking or backing off) until a claim succeeds, the deadline
     * (0: none) passes or the ring closes. Counts stalls, timeouts and drops, not claims.
     *
     * @return the highest claimed sequence, or {@link RingBuffer#TIMED_OUT} or {@link RingBuffer#DROPPED}
     */
    final long stall(int n, long timeout, long deadline) throws InterruptedException {
        if (sheds) {
            counters.add(ProducerCounter.DROPS, n);
            return RingBuffer.DROPPED;
        }
        long start = System.nanoTime();
        if (deadline == 0 && timeout > 0) {
            deadline = start + timeout;
        }
        ProducerStallEvent event = null;
        long lag = 0;
        // Asked first: an event object kept across the wait loop is not scalar-replaced, so
        // creating one unconditionally would allocate on every stall (and would start JFR).
        if (FlightRecorderHooks.stallEventEnabled()) {
            event = new ProducerStallEvent();
            event.begin();
            lag = occupancy();
        }
        long sequence;
        try {
            sequence = blocks
                    ? ring.capacityWaiters().claim(this, n, deadline, permits)
                    : backoffClaim(n, deadline);
        } catch (InterruptedException e) {
            counters.recordStall(System.nanoTime() - start);
            commit(event, n, lag, "interrupted");
            throw e;
        }
        counters.recordStall(System.nanoTime() - start);
        if (sequence == Sequencer.CLOSED) {
            commit(event, n, lag, "ring closed");
            throw sequencer.closure;
        }
        if (sequence < 0) {
            counters.add(ProducerCounter.TIMEOUTS, 1);
            commit(event, n, lag, "timed out");
        } else {
            commit(event, n, lag, "claimed");
        }
        return sequence;
    }

    private long backoffClaim(int n, long deadline) throws InterruptedException {
        int attempt = 0;
        long sequence;
        while ((sequence = tryClaimRoom(n)) < 0) {
            if (sequence == Sequencer.CLOSED || sequencer.closure != null) {
                return Sequencer.CLOSED;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while claiming " + n + " slots of ring " + ring.name());
            }
            if (deadline != 0 && System.nanoTime() - deadline >= 0) {
                return RingBuffer.TIMED_OUT;
            }
            if (permits != null) {
                permits.stepIfDue(); // an adaptive rate follows the consumers while the ring is full too
            }
            backoff.idle(attempt);
            if (attempt < Integer.MAX_VALUE) {
                attempt++;
            }
        }
        return sequence;
    }

    /** Takes {@code n} permits if the bucket holds them now; a try claim's only way to get them. */
    private boolean tryPermits(int n) {
        checkPermitsFit(n);
        return permits.tryAcquire(n);
    }

    /** A claim that never waits cannot take more permits than the bucket can hold. */
    private void checkPermitsFit(int n) {
        long most = permits.largestAcquire();
        if (n > most) {
            throw new IllegalArgumentException("a claim of " + n + " sequences that does not wait needs more permits than the "
                    + most + " the rate limiter of producer " + name + " on ring " + ring.name()
                    + " can give it at once (its burst " + permits.limiter().burst()
                    + ", less any reserves of other producer classes): n must be from 1 to "
                    + most);
        }
    }

    /**
     * Waits for {@code n} permits, a burst at a time, until the deadline (0: none). Parks between
     * looks for at most the policy's longest park, so a close is noticed within it; under
     * {@link BackpressurePolicy#block()} it waits on the ring's capacity monitor, which the close
     * signals, and wakes at once. On a timeout, an interrupt or a close, the permits already
     * taken are given back.
     *
     * @return false if the deadline passed first
     */
    private boolean awaitPermits(int n, long start, long deadline) throws InterruptedException {
        long burst = permits.largestAcquire();
        int taken = 0;
        boolean granted = false;
        try {
            while (taken < n) {
                int chunk = (int) Math.min(n - taken, burst);
                while (!permits.tryAcquire(chunk)) {
                    checkNotClosed();
                    if (Thread.interrupted()) {
                        throw new InterruptedException("interrupted while waiting for a rate-limit permit on ring " + ring.name());
                    }
                    long wait = permits.nanosUntilAvailable(chunk);
                    if (deadline != 0) {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0) {
                            counters.add(ProducerCounter.TIMEOUTS, 1);
                            return false;
                        }
                        wait = Math.min(wait, remaining);
                    }
                    if (blocks) {
                        ring.capacityWaiters().awaitUnlessClosed(sequencer, wait);
                    } else {
                        LockSupport.parkNanos(this, Math.min(wait, longestParkNanos));
                    }
                }
                taken += chunk;
            }
            granted = true;
            return true;
        } finally {
            if (!granted && taken > 0) {
                permits.refund(taken);
            }
            counters.add(ProducerCounter.RATE_LIMITED_WAITS, 1);
            counters.add(ProducerCounter.RATE_LIMITED_NANOS, System.nanoTime() - start);
        }
    }

    private long occupancy() {
        long claimed = sequencer.claimedVolatile();
        return claimed - sequencer.minimumGatingSequence(claimed);
    }

    private void commit(ProducerStallEvent event, int n, long lag, String outcome) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.ring = ring.name();
            event.producer = name;
            event.policy = policyText;
            event.claimSize = n;
            event.capacity = ring.capacity();
            event.lag = lag;
            event.outcome = outcome;
            event.commit();
        }
    }

    /**
     * A claim that failed on a closed ring throws the ring's closure. Read on failed claims only:
     * a successful claim learns of a close inside the sequencer.
     */
    final void checkNotClosed() {
        RingClosedException closure = sequencer.closure;
        if (closure != null) {
            throw closure;
        }
    }

    /** Called by the ring as it retires this closed handle, after taking its counts; nothing to do but for a class's handle. */
    void retiredFromRing() {
    }

    /** {@return whether this handle belongs to the producer class of {@code account}; never, but for a class's handle} */
    boolean isOfClass(ClassShares.Account account) {
        return false;
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
