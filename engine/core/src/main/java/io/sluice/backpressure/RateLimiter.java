package io.sluice.backpressure;

import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * A token bucket: permits are earned continuously at the limiter's rate, and at most
 * {@code burst} can be saved up. A {@link BackpressurePolicy#withRateLimit rate-limited policy}
 * takes one permit per claimed sequence before it claims. This class keeps the rate it was made
 * with; an {@link AdaptiveRateLimiter} moves its rate with the consumers.
 *
 * <p>Exact and allocation-free: the state is one counter of permits spent, moved by
 * compare-and-set, compared with the permits earned, in integer arithmetic. Spending never runs
 * more than {@code burst} ahead of earning; earnings beyond the burst are forfeited. The permits
 * earned are {@code anchorEarned + floor((now - anchorTime) * rate / 1e9)}: a rate change
 * re-anchors at the permits earned so far, so a change never takes back or hands out permits for
 * the time before it. The three are read consistently under a version counter (a sequence lock:
 * a reader retries if a change ran meanwhile; changes are rare, one per control window).
 *
 * <p>Thread-safe: producers on many threads may share one limiter, and then share its rate.
 * Nothing blocks: {@link #tryAcquire} and {@link #nanosUntilAvailable} never wait.
 */
public sealed class RateLimiter permits AdaptiveRateLimiter {
    /** The highest rate a limiter accepts: one permit per nanosecond. */
    public static final long MAX_PERMITS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final VarHandle SPENT =
            FieldHandles.field(MethodHandles.lookup(), RateLimiter.class, "spent", long.class);
    private static final VarHandle VERSION =
            FieldHandles.field(MethodHandles.lookup(), RateLimiter.class, "version", long.class);
    private static final VarHandle RATE =
            FieldHandles.field(MethodHandles.lookup(), RateLimiter.class, "rate", long.class);
    private static final VarHandle ANCHOR_TIME =
            FieldHandles.field(MethodHandles.lookup(), RateLimiter.class, "anchorTime", long.class);
    private static final VarHandle ANCHOR_EARNED =
            FieldHandles.field(MethodHandles.lookup(), RateLimiter.class, "anchorEarned", long.class);

    private final long burst;
    /** The time source; subclasses read it for their control windows. */
    final NanoClock clock;
    private volatile long spent;
    /** Even while the schedule below is stable; odd while {@link #changeRate} rewrites it. */
    @SuppressWarnings("unused")
    private volatile long version;
    /** The schedule: permits per second, from when, and how many were earned by then. Opaque accesses under {@link #version}. */
    private long rate;
    private long anchorTime;
    private long anchorEarned;

    /**
     * A limiter on the system clock, starting with a full bucket.
     *
     * @param permitsPerSecond the sustained rate, from 1 to {@link #MAX_PERMITS_PER_SECOND}
     * @param burst how many permits can be saved up and taken at once; at least 1
     * @throws IllegalArgumentException if either is out of range
     */
    public RateLimiter(long permitsPerSecond, long burst) {
        this(permitsPerSecond, burst, NanoClock.SYSTEM);
    }

    /**
     * A limiter on the given clock, starting with a full bucket.
     *
     * @param permitsPerSecond the sustained rate, from 1 to {@link #MAX_PERMITS_PER_SECOND}
     * @param burst how many permits can be saved up and taken at once; at least 1
     * @param clock the time source
     * @throws IllegalArgumentException if a number is out of range
     */
    public RateLimiter(long permitsPerSecond, long burst, NanoClock clock) {
        if (permitsPerSecond < 1 || permitsPerSecond > MAX_PERMITS_PER_SECOND) {
            throw new IllegalArgumentException(
                    "permitsPerSecond must be from 1 to " + MAX_PERMITS_PER_SECOND + ": " + permitsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1: " + burst);
        }
        this.burst = burst;
        this.clock = Objects.requireNonNull(clock, "clock");
        // Plain writes in the constructor: the limiter reaches other threads through a policy,
        // safely published (a final field of the policy, a ring built after it).
        this.rate = permitsPerSecond;
        this.anchorTime = clock.nanoTime();
        this.anchorEarned = 0;
        this.spent = -burst; // a full bucket: burst permits are available at once
    }

    /**
     * Takes {@code permits} if the bucket holds them; never waits.
     *
     * @param permits how many, from 1 to {@link #burst()}
     * @return whether they were taken
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    public final boolean tryAcquire(int permits) {
        checkPermits(permits);
        long now = clock.nanoTime();
        beforeAcquire(now);
        // Volatile read and compare-and-set: the counter is the whole state, and the CAS makes
        // each grant one atomic step, so racing callers can never spend the same permit.
        while (true) {
            long earned = earned(now);
            long spentNow = (long) SPENT.getVolatile(this);
            long next = Math.max(spentNow, earned - burst) + permits;
            if (next > earned) {
                return false;
            }
            if (SPENT.compareAndSet(this, spentNow, next)) {
                return true;
            }
            now = clock.nanoTime();
        }
    }

    /**
     * Runs an adaptive limiter's control step now if a window has ended, as an acquire would;
     * nothing for a fixed rate. A producer that waits for ring capacity, not for permits, asks
     * for none, so it calls this between its looks at the ring: the rate then follows the
     * consumers while the ring is full too. Lock-free and allocation-free; safe from any thread.
     */
    public final void stepIfDue() {
        beforeAcquire(clock.nanoTime());
    }

    /**
     * Called on every {@link #tryAcquire} with the time it read, before permits are counted: an
     * adaptive limiter runs its control step here once per window. Nothing for a fixed rate.
     */
    void beforeAcquire(long now) {
    }

    /**
     * How long until {@code permits} could be taken, if no one else takes any first.
     *
     * @param permits how many, from 1 to {@link #burst()}
     * @return nanoseconds, 0 if they are available now
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    public final long nanosUntilAvailable(int permits) {
        checkPermits(permits);
        long now = clock.nanoTime();
        while (true) {
            long v = (long) VERSION.getAcquire(this);
            long r = (long) RATE.getOpaque(this);
            long at = (long) ANCHOR_TIME.getOpaque(this);
            long base = (long) ANCHOR_EARNED.getOpaque(this);
            // Load-load fence: the schedule's reads complete before the version is read again.
            VarHandle.loadLoadFence();
            if ((v & 1) != 0 || v != (long) VERSION.getOpaque(this)) {
                Thread.onSpinWait();
                continue;
            }
            long elapsed = Math.max(0, now - at);
            long earned = base + accrued(elapsed, r);
            long needed = Math.max((long) SPENT.getVolatile(this), earned - burst) + permits;
            if (needed <= earned) {
                return 0;
            }
            // The first elapsed time since the anchor at which base + floor(elapsed * r / 1e9) >= needed.
            long owed = needed - base;
            long elapsedNeeded = owed / r * NANOS_PER_SECOND + ceilDiv(owed % r * NANOS_PER_SECOND, r);
            return Math.max(1, elapsedNeeded - elapsed);
        }
    }

    /**
     * Gives back {@code permits} taken by {@link #tryAcquire} and not used (a claim that found the
     * ring full, or gave up waiting for the rest of its permits). The bucket never holds more
     * than {@link #burst()}: refunded permits beyond it are forfeited as earnings are. Lock-free
     * and non-blocking; safe from any thread.
     *
     * @param permits how many permits to give back; giving back more than were taken raises the
     *     rate above the configured one until the bucket caps them; 0 or more
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public void refund(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must be >= 0: " + permits);
        }
        // Atomic add: racing grants and refunds each move the one counter.
        SPENT.getAndAdd(this, (long) -permits);
    }

    /**
     * {@return how many permits could be taken now, if no one else takes any first: from 0 to
     * {@link #burst()}} Non-blocking; for monitoring, since another producer may take them first.
     */
    public final long availablePermits() {
        long earned = earned(clock.nanoTime());
        return Math.max(0, earned - Math.max((long) SPENT.getVolatile(this), earned - burst));
    }

    /** {@return the rate permits are earned at now, per second; fixed unless the limiter is adaptive} */
    public long permitsPerSecond() {
        return (long) RATE.getOpaque(this);
    }

    /**
     * Earns permits at {@code newRate} from now on; the permits earned until now stay earned.
     * One change at a time: a change that finds another under way does nothing and returns
     * false (the caller's next window tries again). Lock-free for {@link #tryAcquire}, which
     * retries its read of the schedule if it overlaps a change.
     *
     * @param newRate permits per second, from 1 to {@link #MAX_PERMITS_PER_SECOND}
     */
    final boolean changeRate(long newRate) {
        long v = (long) VERSION.getVolatile(this);
        // Compare-and-set to odd: the writers' lock, and the readers' sign that the schedule is changing.
        if ((v & 1) != 0 || !VERSION.compareAndSet(this, v, v + 1)) {
            return false;
        }
        // Release fence: the odd version is ordered before the schedule's writes, so a reader
        // that sees any of them sees a version other than the one it started with.
        VarHandle.releaseFence();
        long now = clock.nanoTime();
        long r = (long) RATE.getOpaque(this);
        long at = (long) ANCHOR_TIME.getOpaque(this);
        long base = (long) ANCHOR_EARNED.getOpaque(this);
        if (now - at > 0) {
            ANCHOR_EARNED.setOpaque(this, base + accrued(now - at, r));
            ANCHOR_TIME.setOpaque(this, now);
        }
        RATE.setOpaque(this, newRate);
        // Release: a reader that acquires the even version sees the whole new schedule.
        VERSION.setRelease(this, v + 2);
        return true;
    }

    /** {@return how many permits can be saved up} */
    public long burst() {
        return burst;
    }

    private void checkPermits(int permits) {
        if (permits < 1 || permits > burst) {
            throw new IllegalArgumentException("permits must be from 1 to the burst " + burst + ": " + permits);
        }
    }

    /** The permits earned by {@code now}: the schedule read consistently, retried across a change. */
    private long earned(long now) {
        while (true) {
            long v = (long) VERSION.getAcquire(this);
            long r = (long) RATE.getOpaque(this);
            long at = (long) ANCHOR_TIME.getOpaque(this);
            long base = (long) ANCHOR_EARNED.getOpaque(this);
            // Load-load fence: the schedule's reads complete before the version is read again.
            VarHandle.loadLoadFence();
            if ((v & 1) == 0 && v == (long) VERSION.getOpaque(this)) {
                // A time before the anchor (read before a change anchored later) earns nothing more.
                return base + accrued(Math.max(0, now - at), r);
            }
            Thread.onSpinWait();
        }
    }

    /** floor(elapsed * rate / 1e9) without overflow: rate <= 1e9, so each product stays below 1e18. */
    private static long accrued(long elapsed, long rate) {
        return elapsed / NANOS_PER_SECOND * rate + elapsed % NANOS_PER_SECOND * rate / NANOS_PER_SECOND;
    }

    private static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }

    @Override
    public String toString() {
        return permitsPerSecond() + "/s burst " + burst;
    }
}
