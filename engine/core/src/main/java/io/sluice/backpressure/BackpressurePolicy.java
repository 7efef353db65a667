package io.sluice.backpressure;

import io.sluice.wait.BusySpinWaitStrategy;
import io.sluice.wait.WaitStrategy;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a claim does when the ring has too little free capacity: wait (spin, yield, park with
 * back-off, a custom {@link ProducerBackoff}, or block until a consumer makes progress), or shed
 * the event and count the drop. Any waiting policy can carry a deadline, after which the claim
 * gives up with {@link io.sluice.RingBuffer#TIMED_OUT}; any policy can carry a {@link RateLimiter} that
 * paces claims before they are made. The {@code try} claims never wait: they fail fast when
 * capacity is short or, under a rate limit, when no permit is there.
 *
 * <p>Chosen per ring ({@link io.sluice.RingBufferBuilder#backpressure}) and per producer
 * ({@link io.sluice.RingBuffer#newProducer(String, BackpressurePolicy)}). Immutable and thread-safe; the
 * built-in policies wait without allocating. Every waiting claim answers to interrupt.
 *
 * <table>
 *   <caption>Policies</caption>
 *   <tr><th>Policy</th><th>CPU while stalled</th><th>Resumes</th></tr>
 *   <tr><td>{@link #spin()}</td><td>a full core</td><td>at once</td></tr>
 *   <tr><td>{@link #yielding()}</td><td>a full core, given away to runnable threads</td><td>within a yield</td></tr>
 *   <tr><td>{@link #park(int, int, long, long, TimeUnit)}</td><td>falls as the park grows</td><td>within the current park period</td></tr>
 *   <tr><td>{@link #block()}</td><td>none</td><td>when a consumer's progress wakes it (a thread hand-off)</td></tr>
 *   <tr><td>{@link #shed()}</td><td>none: never waits</td><td>-</td></tr>
 * </table>
 */
public final class BackpressurePolicy {
    /** How a claim behaves on a full ring. */
    private enum Kind { BACKOFF, BLOCK, SHED }

    private static final ProducerBackoff SPIN = attempt -> Thread.onSpinWait();
    private static final ProducerBackoff YIELD = attempt -> Thread.yield();
    /**
     * The longest park of a claim waiting for rate-limit permits under a policy that has no park
     * period of its own (spin, yield, a custom back-off): how soon such a claim notices a close.
     */
    private static final long DEFAULT_LONGEST_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final Kind kind;
    private final String description;
    private final ProducerBackoff backoff;
    private final long timeoutNanos;
    private final RateLimiter rateLimiter;
    private final long longestParkNanos;
    private final DelayTarget delayTarget;

    private BackpressurePolicy(Kind kind, String description, ProducerBackoff backoff, long timeoutNanos,
                               RateLimiter rateLimiter, long longestParkNanos) {
        this(kind, description, backoff, timeoutNanos, rateLimiter, longestParkNanos, null);
    }

    private BackpressurePolicy(Kind kind, String description, ProducerBackoff backoff, long timeoutNanos,
                               RateLimiter rateLimiter, long longestParkNanos, DelayTarget delayTarget) {
        this.kind = kind;
        this.description = description;
        this.backoff = backoff;
        this.timeoutNanos = timeoutNanos;
        this.rateLimiter = rateLimiter;
        this.longestParkNanos = longestParkNanos;
        this.delayTarget = delayTarget;
    }

    /** {@return a policy that busy-spins with {@link Thread#onSpinWait()} until capacity frees} */
    public static BackpressurePolicy spin() {
        return new BackpressurePolicy(Kind.BACKOFF, "spin", SPIN, 0, null, DEFAULT_LONGEST_PARK_NANOS);
    }

    /** {@return a policy that calls {@link Thread#yield()} until capacity frees} */
    public static BackpressurePolicy yielding() {
        return new BackpressurePolicy(Kind.BACKOFF, "yield", YIELD, 0, null, DEFAULT_LONGEST_PARK_NANOS);
    }

    /**
     * {@return {@code park(100, 10, 1, 100, MICROSECONDS)}: the default of a ring, unless its
     *     consumers busy-spin (see {@link #defaultFor})}
     */
    public static BackpressurePolicy park() {
        return park(100, 10, 1, 100, TimeUnit.MICROSECONDS);
    }

    /**
     * The policy a ring gets when it is built without one: {@link #park()}, or, for a ring whose
     * consumers busy-spin, {@code park(100, 0, 1, 100, MICROSECONDS)}, which parks without
     * yielding first. A yield hands the core to another runnable thread; when that thread is a
     * consumer spinning on a ring it has caught up with, the producer waits out its scheduler
     * slice, and with more spinning threads than cores there always is one (measured in JMH
     * runs: a 1P3C multicast on a 2-vCPU host
     * ran at 3.9–4.4 M events/s without the yields and 2.2 with them). With the consumers of any
     * other strategy the yields stay: there they hand the core to a consumer that frees capacity.
     *
     * @param strategy the ring's wait strategy
     * @return the ring's policy when none is given
     */
    public static BackpressurePolicy defaultFor(WaitStrategy strategy) {
        return strategy instanceof BusySpinWaitStrategy ? park(100, 0, 1, 100, TimeUnit.MICROSECONDS) : park();
    }

    /**
     * A policy that spins, then yields, then parks for a period that doubles from a minimum to a
     * maximum, as Agrona's {@code BackoffIdleStrategy}.
     *
     * @param spins attempts that spin; 0 or more
     * @param yields attempts that yield after the spins; 0 or more
     * @param minPark the first park period; positive
     * @param maxPark the longest park period; at least {@code minPark}
     * @param unit the unit of both periods
     * @return the policy
     * @throws IllegalArgumentException if a value is out of range
     */
    public static BackpressurePolicy park(int spins, int yields, long minPark, long maxPark, TimeUnit unit) {
        if (spins < 0) {
            throw new IllegalArgumentException("spins must be >= 0: " + spins);
        }
        if (yields < 0) {
            throw new IllegalArgumentException("yields must be >= 0: " + yields);
        }
        if (minPark <= 0) {
            throw new IllegalArgumentException("minPark must be > 0: " + minPark);
        }
        if (maxPark < minPark) {
            throw new IllegalArgumentException("maxPark must be >= minPark " + minPark + ": " + maxPark);
        }
        Objects.requireNonNull(unit, "unit");
        long minNanos = unit.toNanos(minPark);
        long maxNanos = unit.toNanos(maxPark);
        int backoffStart = spins + yields;
        int maxShift = 63 - Long.numberOfLeadingZeros(Math.max(1, maxNanos / minNanos)) + 1;
        ProducerBackoff backoff = attempt -> {
            if (attempt < spins) {
                Thread.onSpinWait();
            } else if (attempt < backoffStart) {
                Thread.yield();
            } else {
                int shift = Math.min(attempt - backoffStart, maxShift);
                LockSupport.parkNanos(Math.min(minNanos << shift, maxNanos));
            }
        };
        return new BackpressurePolicy(Kind.BACKOFF, "park(" + spins + " spins, " + yields + " yields, "
                + minNanos + ".." + maxNanos + " ns)", backoff, 0, null, maxNanos);
    }

    /**
     * A policy that blocks (parked, no monitor) until a consumer's progress frees capacity: no CPU while
     * stalled. Consumers pay a store-load fence per batch to wake blocked producers, so the ring
     * must be built for it: a ring whose policy is {@code block()} is, and any ring built with
     * {@link io.sluice.RingBufferBuilder#blockingProducers()}.
     *
     * @return the policy
     */
    public static BackpressurePolicy block() {
        return new BackpressurePolicy(Kind.BLOCK, "block", null, 0, null, 0);
    }

    /**
     * A policy that never waits: a claim that finds too little capacity drops the event, counts
     * the drop, and returns {@link io.sluice.RingBuffer#DROPPED}.
     *
     * @return the policy
     */
    public static BackpressurePolicy shed() {
        return new BackpressurePolicy(Kind.SHED, "shed", null, 0, null, 0);
    }

    /**
     * A policy that sheds by queueing delay, in the manner of CoDel: once events have waited in
     * the ring longer than {@code target} for a whole {@code interval}, every waiting claim (not
     * a try claim) drops its event, counted as a drop, until the wait is back under the target;
     * dropping that starts again within an interval of the last episode starts at once. A full
     * ring drops as {@link #shed()} does. A full ring is a late signal: by then every event waits
     * as long as the ring takes to drain; this policy holds the wait near the target while the
     * ring still has room. (CoDel thins a flow by {@code interval / sqrt(drops)}, because TCP
     * senders slow down when they lose a packet; a producer does not react to its drops, so
     * here every claim drops while the wait is over the target.)
     *
     * <p>The wait is measured without a clock read per event: each producer handle samples,
     * every 16 of its claims, the time, the ring's claimed sequence and the slowest consumer's
     * position, and judges both the wait of the event at that position and the wait a new event
     * would have behind the ones waiting, at the consumers' throughput over the last four targets
     * (at least 10 ms). While dropping, a handle yields its processor once every 16 drops, so
     * producers that outnumber the cores leave the consumers time to catch up. A claim never
     * blocks or waits under this policy; it is as thread-safe as the handle making it.
     *
     * @param target how long an event may wait; CoDel's default for networks is 5 ms
     * @param interval how long the wait must stay above the target before the first drop; CoDel's default is 100 ms
     * @return the policy
     * @throws IllegalArgumentException if the target is not positive or the interval is shorter than it
     */
    public static BackpressurePolicy shedOnDelay(Duration target, Duration interval) {
        return shedOnDelay(target, interval, NanoClock.SYSTEM);
    }

    /**
     * {@link #shedOnDelay(Duration, Duration)} on the given clock.
     *
     * @param target how long an event may wait
     * @param interval how long the wait must stay above the target before the first drop
     * @param clock the time source
     * @return the policy
     * @throws IllegalArgumentException if the target is not positive or the interval is shorter than it
     */
    public static BackpressurePolicy shedOnDelay(Duration target, Duration interval, NanoClock clock) {
        DelayTarget delay = new DelayTarget(target.toNanos(), interval.toNanos(), clock);
        return new BackpressurePolicy(Kind.SHED, "shed on delay (" + delay + ")", null, 0, null, 0, delay);
    }

    /**
     * A policy that waits with a custom back-off between claim attempts.
     *
     * @param backoff what to do between attempts
     * @param name how the policy appears in metrics and JFR events
     * @return the policy
     */
    public static BackpressurePolicy backoff(ProducerBackoff backoff, String name) {
        return new BackpressurePolicy(Kind.BACKOFF, Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(backoff, "backoff"), 0, null, DEFAULT_LONGEST_PARK_NANOS);
    }

    /**
     * This policy, giving up after {@code timeout}: a claim still short of capacity then returns
     * {@link io.sluice.RingBuffer#TIMED_OUT} with nothing claimed, and the ring stays usable.
     *
     * @param timeout how long one claim may wait; positive
     * @param unit the unit of {@code timeout}
     * @return a new policy
     * @throws IllegalArgumentException if the timeout is not positive
     * @throws IllegalStateException if this policy is {@link #shed()}, which never waits
     */
    public BackpressurePolicy withTimeout(long timeout, TimeUnit unit) {
        if (timeout <= 0) {
            throw new IllegalArgumentException("timeout must be > 0: " + timeout);
        }
        if (kind == Kind.SHED) {
            throw new IllegalStateException("shed() never waits, so it takes no timeout");
        }
        Objects.requireNonNull(unit, "unit");
        long nanos = Math.min(unit.toNanos(timeout), Long.MAX_VALUE / 2);
        return new BackpressurePolicy(kind, description, backoff, nanos, rateLimiter, longestParkNanos, delayTarget);
    }

    /**
     * This policy, taking one permit from {@code limiter} per claimed sequence before claiming.
     * Without the permits, a waiting policy waits for them (counted as a rate-limited wait,
     * bounded by the timeout if any); {@link #shed()} drops the event; a {@code try} claim fails
     * at once, counted as a rejection. A claim of more sequences than the limiter's burst waits
     * for its permits a burst at a time. Permits taken for a claim that then finds the ring full
     * (a {@code try} claim) or times out are given back.
     *
     * <p>A claim waiting for permits is released by {@link io.sluice.RingBuffer#close}: at once under
     * {@link #block()}; otherwise within the policy's longest park (the {@code maxPark} of
     * {@link #park(int, int, long, long, TimeUnit)}, 100 µs for spin, yield and custom back-offs).
     *
     * @param limiter the token bucket; may be shared by several producers
     * @return a new policy
     */
    public BackpressurePolicy withRateLimit(RateLimiter limiter) {
        return new BackpressurePolicy(kind, description, backoff, timeoutNanos,
                Objects.requireNonNull(limiter, "limiter"), longestParkNanos, delayTarget);
    }

    /**
     * {@return the longest a claim waiting for rate-limit permits parks before it looks at the
     *     ring again, in nanoseconds: how soon such a claim notices a close; 0 under
     *     {@link #block()} and {@link #shed()}, which do not park for permits}
     */
    public long longestParkNanos() {
        return longestParkNanos;
    }

    /**
     * {@return what a waiting claim does between attempts, or null under {@link #block()} (which
     *     parks until signalled) and {@link #shed()} (which never waits)}
     */
    public ProducerBackoff backoffStep() {
        return backoff;
    }

    /** {@return whether a claim under this policy drops the event instead of waiting} */
    public boolean sheds() {
        return kind == Kind.SHED;
    }

    /** {@return the deadline of one claim in nanoseconds, 0 for none} */
    public long timeoutNanos() {
        return timeoutNanos;
    }

    /** {@return the queueing-delay target of a {@link #shedOnDelay} policy, or null} */
    public DelayTarget delayTarget() {
        return delayTarget;
    }

    /** {@return the rate limiter, or null} */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** {@return whether a claim under this policy may block until signalled} */
    public boolean blocks() {
        return kind == Kind.BLOCK;
    }

    /** {@return e.g. {@code park(100 spins, 10 yields, 1000..100000 ns) timeout 5000000 ns rate 1000/s burst 10}} */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(description);
        if (timeoutNanos > 0) {
            text.append(" timeout ").append(timeoutNanos).append(" ns");
        }
        if (rateLimiter != null) {
            text.append(" rate ").append(rateLimiter);
        }
        return text.toString();
    }
}
