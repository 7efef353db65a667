package io.sluice.backpressure;

import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
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
    private static final Share[] NO_SHARES = new Share[0];

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
    /** Shares of the rate kept for groups of claimers ({@link #share}); copy-on-write under {@code this}. */
    private volatile Share[] shares = NO_SHARES;

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
        return acquire(permits, null);
    }

    /**
     * Takes {@code permits} for {@code own} (null: a claimer outside every share) if the bucket
     * holds them and, after, still holds every other share's unused reserve. The bucket always
     * holds every share's unused reserve (it refills at the whole rate, the reserves at their
     * shares of it), so a share that takes from its own reserve always finds it there, and one
     * that takes beyond it leaves the others'.
     */
    private boolean acquire(int permits, Share own) {
        checkPermits(permits);
        long now = clock.nanoTime();
        beforeAcquire(now);
        long keep = keepFor(own, now);
        // Volatile read and compare-and-set: the counter is the whole state, and the CAS makes
        // each grant one atomic step, so racing callers can never spend the same permit.
        while (true) {
            long earned = earned(now);
            long spentNow = (long) SPENT.getVolatile(this);
            long next = Math.max(spentNow, earned - burst) + permits;
            if (next + keep > earned) {
                return false;
            }
            if (SPENT.compareAndSet(this, spentNow, next)) {
                if (own != null) {
                    own.spent(permits, now);
                }
                return true;
            }
            now = clock.nanoTime();
        }
    }

    /**
     * The permits an acquire by {@code own} must leave in the bucket: the unused reserves of the
     * other shares. One volatile read of an empty array for a limiter without shares.
     */
    private long keepFor(Share own, long now) {
        long keep = 0;
        for (Share share : shares) {
            if (share != own) {
                keep += share.unused(now);
            }
        }
        return keep;
    }

    /**
     * Keeps {@code fraction} of this limiter's rate for one group of claimers, such as a
     * producer class: of the bucket's {@link #burst()}, {@code floor(fraction × burst)} permits
     * (the share's reserve) stay in the bucket for the share while it has not used them, and
     * the share uses them up again at {@code fraction} of the rate. Claimers acquiring through
     * the share may take the reserve and anything outside every other share's unused reserve;
     * claimers acquiring from the limiter itself, only what lies outside every unused reserve.
     * So a share whose claimers stay within {@code fraction} of the rate (and its reserve in a
     * burst) is never refused permits because others took them, and any share may use what
     * the others leave unused.
     *
     * <p>How much of its reserve a share has used is measured as a leaky bucket that drains at
     * {@code fraction} of the rate in force when it is read; an adaptive limiter's changes
     * therefore move it too. Thread-safe; the shares are fixed once made.
     *
     * @param name the share's name, for messages
     * @param fraction from 0 (exclusive) to 1, and with the other shares' at most 1
     * @return the share
     * @throws IllegalArgumentException if {@code fraction} is out of range, or the shares would sum to more than 1
     */
    public final Share share(String name, double fraction) {
        Objects.requireNonNull(name, "name");
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction of rate share " + name + " must be above 0 and at most 1: "
                    + fraction);
        }
        synchronized (this) {
            double sum = fraction;
            for (Share share : shares) {
                sum += share.fraction;
            }
            if (sum > 1 + 1e-9) {
                throw new IllegalArgumentException("the shares of rate limiter " + this + " would sum to " + sum
                        + " with share " + name + " (" + fraction + "): at most 1");
            }
            Share share = new Share(this, name, fraction);
            Share[] grown = Arrays.copyOf(shares, shares.length + 1);
            grown[shares.length] = share;
            shares = grown;
            return share;
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
        return nanosUntil(permits, null);
    }

    /** {@link #nanosUntilAvailable} for {@code own}, keeping the shares' unused reserves as {@link #acquire} does. */
    private long nanosUntil(int permits, Share own) {
        checkPermits(permits);
        long now = clock.nanoTime();
        long keep = keepFor(own, now);
        if (permits + keep > burst) {
            // The bucket cannot hold these and the reserves kept at once: only others' use of
            // their reserves makes room. Look again once these permits alone would be earned.
            keep = 0;
        }
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
            long needed = Math.max((long) SPENT.getVolatile(this), earned - burst) + permits + keep;
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

    /**
     * {@return the most permits a claimer outside every share can take at once: the burst less
     * the shares' reserves, and at least 1} Without shares, the burst.
     */
    public long unreservedBurst() {
        long reserved = 0;
        for (Share share : shares) {
            reserved += share.reserve;
        }
        return Math.max(1, burst - reserved);
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

    /**
     * A share of a limiter's rate kept for one group of claimers ({@link RateLimiter#share}):
     * acquire through it, and the permits come out of the share's reserve first. Thread-safe:
     * the group's claimers on many threads may acquire through one share. Nothing blocks.
     */
    public static final class Share {
        private static final VarHandle DRAINED_AT =
                FieldHandles.field(MethodHandles.lookup(), Share.class, "drainedAt", long.class);

        private final RateLimiter limiter;
        private final String name;
        private final double fraction;
        /** Permits of the bucket kept for the share while unused: {@code floor(fraction × burst)}. */
        private final long reserve;
        /**
         * When the share's recent use will have drained at {@code fraction} of the rate: its
         * leaky bucket as one time, as the generic cell rate algorithm keeps a theoretical
         * arrival time. Moved by compare-and-set; read volatile.
         */
        @SuppressWarnings("unused")
        private volatile long drainedAt;

        private Share(RateLimiter limiter, String name, double fraction) {
            this.limiter = limiter;
            this.name = name;
            this.fraction = fraction;
            this.reserve = (long) Math.floor(fraction * limiter.burst);
            this.drainedAt = limiter.clock.nanoTime();
        }

        /**
         * Takes {@code permits} for the share if the bucket holds them, leaving the other shares'
         * unused reserves; never waits.
         *
         * @param permits how many, from 1 to the limiter's burst
         * @return whether they were taken
         * @throws IllegalArgumentException if {@code permits} is out of range
         */
        public boolean tryAcquire(int permits) {
            return limiter.acquire(permits, this);
        }

        /**
         * How long until the share could take {@code permits}, if no one else takes any first.
         *
         * @param permits how many, from 1 to the limiter's burst
         * @return nanoseconds, 0 if they are available now
         */
        public long nanosUntilAvailable(int permits) {
            return limiter.nanosUntil(permits, this);
        }

        /**
         * Gives back {@code permits} the share took and did not use, to the limiter and to the share's reserve.
         *
         * @param permits how many; 0 or more
         */
        public void refund(int permits) {
            limiter.refund(permits);
            long nanos = nanosPerPermits(permits);
            long at;
            do {
                at = (long) DRAINED_AT.getVolatile(this);
            } while (!DRAINED_AT.compareAndSet(this, at, at - nanos));
        }

        /**
         * {@return the most permits the share can take at once: the burst less the other
         * shares' reserves, and at least 1}
         */
        public long largestAcquire() {
            long others = 0;
            for (Share share : limiter.shares) {
                if (share != this) {
                    others += share.reserve;
                }
            }
            return Math.max(1, limiter.burst - others);
        }

        /** {@return the limiter this is a share of} */
        public RateLimiter limiter() {
            return limiter;
        }

        /** {@return the fraction of the rate kept for the share} */
        public double fraction() {
            return fraction;
        }

        /** {@return the permits of the bucket kept for the share while unused: {@code floor(fraction × burst)}} */
        public long reserve() {
            return reserve;
        }

        /** {@return the reserve less what the share used and has not yet drained, at {@code now}} */
        long unused(long now) {
            long ahead = (long) DRAINED_AT.getVolatile(this) - now;
            if (ahead <= 0) {
                return reserve;
            }
            // Rounded down: a use counted short only makes the others keep more for the share.
            long used = (long) (ahead * (fraction * limiter.permitsPerSecond()) / NANOS_PER_SECOND);
            return Math.max(0, reserve - used);
        }

        /** Counts {@code permits} just taken at {@code now} as the share's use. */
        void spent(int permits, long now) {
            long nanos = nanosPerPermits(permits);
            long at;
            do {
                at = (long) DRAINED_AT.getVolatile(this);
            } while (!DRAINED_AT.compareAndSet(this, at, Math.max(at, now) + nanos));
        }

        /** How long {@code permits} take to drain at the share's part of the rate in force. */
        private long nanosPerPermits(int permits) {
            return (long) Math.ceil(permits * NANOS_PER_SECOND / (fraction * limiter.permitsPerSecond()));
        }

        @Override
        public String toString() {
            return "share " + name + " (" + fraction + ") of " + limiter;
        }
    }
}
