package io.sluice.backpressure;

import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * A token bucket: {@code permitsPerSecond} permits are earned continuously, and at most
 * {@code burst} can be saved up. A {@link BackpressurePolicy#withRateLimit rate-limited policy}
 * takes one permit per claimed sequence before it claims.
 *
 * <p>Exact and allocation-free: the state is one counter of permits spent, moved by
 * compare-and-set, compared with the permits earned since the limiter was made,
 * {@code floor(elapsed * permitsPerSecond / 1e9)}, in integer arithmetic. Spending never runs
 * more than {@code burst} ahead of earning; earnings beyond the burst are forfeited.
 *
 * <p>Thread-safe: producers on many threads may share one limiter, and then share its rate.
 */
public final class RateLimiter {
    /** The highest rate a limiter accepts: one permit per nanosecond. */
    public static final long MAX_PERMITS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final VarHandle SPENT =
            FieldHandles.field(MethodHandles.lookup(), RateLimiter.class, "spent", long.class);

    private final long permitsPerSecond;
    private final long burst;
    private final NanoClock clock;
    private final long origin;
    @SuppressWarnings("unused")
    private volatile long spent;

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
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.origin = clock.nanoTime();
        SPENT.setVolatile(this, -burst); // a full bucket: burst permits are available at once
    }

    /**
     * Takes {@code permits} if the bucket holds them; never waits.
     *
     * @param permits how many, from 1 to {@link #burst()}
     * @return whether they were taken
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    public boolean tryAcquire(int permits) {
        checkPermits(permits);
        // Volatile read and compare-and-set: the counter is the whole state, and the CAS makes
        // each grant one atomic step, so racing callers can never spend the same permit.
        while (true) {
            long earned = earned(clock.nanoTime());
            long spentNow = (long) SPENT.getVolatile(this);
            long next = Math.max(spentNow, earned - burst) + permits;
            if (next > earned) {
                return false;
            }
            if (SPENT.compareAndSet(this, spentNow, next)) {
                return true;
            }
        }
    }

    /**
     * How long until {@code permits} could be taken, if no one else takes any first.
     *
     * @param permits how many, from 1 to {@link #burst()}
     * @return nanoseconds, 0 if they are available now
     * @throws IllegalArgumentException if {@code permits} is out of range
     */
    public long nanosUntilAvailable(int permits) {
        checkPermits(permits);
        long now = clock.nanoTime();
        long earned = earned(now);
        long needed = Math.max((long) SPENT.getVolatile(this), earned - burst) + permits;
        if (needed <= earned) {
            return 0;
        }
        // The first elapsed time at which floor(elapsed * rate / 1e9) >= needed.
        long elapsedNeeded = needed / permitsPerSecond * NANOS_PER_SECOND
                + ceilDiv(needed % permitsPerSecond * NANOS_PER_SECOND, permitsPerSecond);
        return Math.max(1, elapsedNeeded - elapsed(now));
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

    /** {@return the sustained rate} */
    public long permitsPerSecond() {
        return permitsPerSecond;
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

    private long elapsed(long now) {
        return Math.max(0, now - origin);
    }

    /** floor(elapsed * rate / 1e9) without overflow: rate <= 1e9, so each product stays below 1e18. */
    private long earned(long now) {
        long elapsed = elapsed(now);
        return elapsed / NANOS_PER_SECOND * permitsPerSecond
                + elapsed % NANOS_PER_SECOND * permitsPerSecond / NANOS_PER_SECOND;
    }

    private static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }

    @Override
    public String toString() {
        return permitsPerSecond + "/s burst " + burst;
    }
}
