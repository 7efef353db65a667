package io.sluice.backpressure;

import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link RateLimiter} whose rate follows the ring's consumers: it rises while they keep up and
 * falls when they fall behind, by the {@link RateControl} law it was built with, between a
 * minimum and a maximum rate. It plugs in wherever a fixed limiter does
 * ({@link BackpressurePolicy#withRateLimit}, per ring or per producer handle, shared by
 * producers); the ring it paces hands it its {@link FlowFeedback} when the ring (or the handle)
 * is built, and it follows that one ring.
 *
 * <p>No thread of its own: once per window, the first producer to ask for permits after the
 * window ends runs the control step (reads the feedback, asks the law, changes the rate), under
 * a try-lock that the other producers skip; a producer waiting for ring capacity runs it between
 * its looks at the ring ({@link #stepIfDue()}). Lock-free and allocation-free on the claim path; a
 * producer that finds no window due pays one clock read it makes anyway and one compare.
 *
 * <p>The consumers' throughput the law is shown ({@link FlowWindow#consumerRate()}) is measured
 * from one visible advance of their position to the next, not per window: a batch processor
 * publishes its position once per batch, so a window inside a long batch, or one in which the
 * consumers were off their cores, shows no progress at all without their having stopped.
 *
 * <p>Thread-safe. {@link #permitsPerSecond()} is the rate in force, readable from any thread; it
 * is the ring's {@code rateLimit} figure in snapshots, JFR and the counters export.
 */
public final class AdaptiveRateLimiter extends RateLimiter {
    private static final VarHandle NEXT_STEP =
            FieldHandles.field(MethodHandles.lookup(), AdaptiveRateLimiter.class, "nextStepAt", long.class);
    private static final VarHandle STEPPING =
            FieldHandles.field(MethodHandles.lookup(), AdaptiveRateLimiter.class, "stepping", int.class);
    /** Spans between visible advances whose throughputs the median is taken over. */
    private static final int SPANS = 3;

    private final RateControl control;
    private final long minRate;
    private final long maxRate;
    private final long windowNanos;
    /** The ring followed; set once, before the ring is published to producers. */
    private volatile FlowFeedback feedback;
    /** When the next control step is due; read opaque on every acquire, written by the step. */
    @SuppressWarnings("unused")
    private volatile long nextStepAt;
    /** 1 while a producer runs the control step: the try-lock that guards the fields below. */
    @SuppressWarnings("unused")
    private volatile int stepping;
    /** The last step's readings; written and read only under {@link #stepping}. */
    private long lastStepAt;
    private long lastClaimed;
    private long lastConsumed;
    /**
     * The consumers' last visible advance: when a step saw it and their position then; their
     * throughput over the spans between the last {@link #SPANS} advances, the newest at
     * {@code spans % SPANS}; and how many spans were measured. Under {@link #stepping}.
     */
    private long progressAt;
    private long progressConsumed;
    private final double[] spanRates = new double[SPANS];
    private long spans;
    private final FlowWindow window = new FlowWindow();

    private AdaptiveRateLimiter(Builder builder) {
        super(builder.initialRate(), builder.burst, builder.clock);
        this.control = builder.control;
        this.minRate = builder.minRate;
        this.maxRate = builder.maxRate;
        this.windowNanos = builder.windowNanos;
        this.nextStepAt = Long.MAX_VALUE;
    }

    /**
     * Starts building a limiter.
     *
     * @param control the law that sets the rate each window
     * @return a builder: rates from 1/s to {@link #MAX_PERMITS_PER_SECOND}, starting at the
     *     maximum, a burst of 1,000, a window of 10 ms, the system clock
     */
    public static Builder builder(RateControl control) {
        return new Builder(control);
    }

    /**
     * Follows {@code source} from now on: the first control step comes one window later. A ring
     * calls this when it is built with a policy that carries this limiter (and a producer handle
     * when it is given one); call it only to drive the limiter from a source of your own.
     *
     * @param source what the control steps read: claims, consumption, capacity
     * @throws IllegalStateException if the limiter already follows another source: one limiter paces one ring
     */
    public void follow(FlowFeedback source) {
        Objects.requireNonNull(source, "source");
        synchronized (this) {
            FlowFeedback current = feedback;
            if (current == source) {
                return;
            }
            if (current != null) {
                throw new IllegalStateException("this adaptive rate limiter already follows " + current
                        + "; it cannot also follow " + source + ": give each ring its own limiter");
            }
            long now = clock.nanoTime();
            lastStepAt = now;
            lastClaimed = source.claimed();
            lastConsumed = source.consumed();
            progressAt = now;
            progressConsumed = lastConsumed;
            window.minRate = minRate;
            window.maxRate = maxRate;
            NEXT_STEP.setOpaque(this, now + windowNanos);
            // Volatile write last: a producer that reads the feedback sees the readings above.
            feedback = source;
        }
    }

    /** {@return the source followed, or null before a ring has been built with this limiter} */
    public FlowFeedback following() {
        return feedback;
    }

    @Override
    void beforeAcquire(long now) {
        // Opaque read: a stale value only delays the step to a later acquire.
        if (now - (long) NEXT_STEP.getOpaque(this) < 0) {
            return;
        }
        // Compare-and-set: one producer runs the step; the others go on with the rate in force.
        if (!STEPPING.compareAndSet(this, 0, 1)) {
            return;
        }
        try {
            FlowFeedback source = feedback;
            if (source != null && now - (long) NEXT_STEP.getOpaque(this) >= 0) {
                step(source, now);
            }
        } finally {
            // Release: the next producer to take the lock sees this step's readings.
            STEPPING.setRelease(this, 0);
        }
    }

    private void step(FlowFeedback source, long now) {
        long claimed = source.claimed();
        long consumed = source.consumed();
        window.rate = permitsPerSecond();
        window.windowNanos = now - lastStepAt;
        window.capacity = source.capacity();
        window.occupancy = Math.max(0, claimed - consumed);
        window.consumed = Math.max(0, consumed - lastConsumed);
        window.admitted = Math.max(0, claimed - lastClaimed);
        window.consumerRate = consumerRate(consumed, window.occupancy, now);
        long next = Math.max(minRate, Math.min(maxRate, control.nextRate(window)));
        if (next != window.rate) {
            changeRate(next);
        }
        lastStepAt = now;
        lastClaimed = claimed;
        lastConsumed = consumed;
        NEXT_STEP.setOpaque(this, now + windowNanos);
    }

    /**
     * {@return the consumers' throughput as the law is shown it, events per second} Measured from
     * one visible advance of their position to the next, over whole batches (a batch processor
     * publishes its position once per batch), and the median of the last three such spans, so
     * that one span in which the consumers were off their cores does not move it. While events
     * wait and no advance has shown for a time T, the consumers are no faster than the events
     * waiting over T (a batch in progress holds no more than were waiting when it began): a
     * consumer that slowed shows before its long batch ends.
     */
    private double consumerRate(long consumed, long waiting, long now) {
        if (consumed > progressConsumed) {
            spanRates[(int) (spans++ % SPANS)] = (consumed - progressConsumed) * 1e9 / Math.max(1, now - progressAt);
            progressAt = now;
            progressConsumed = consumed;
            return medianSpanRate();
        }
        if (waiting == 0) {
            progressAt = now; // idle consumers: the time until events arrive is not theirs to count
            return spans == 0 ? 0 : medianSpanRate();
        }
        double bound = waiting * 1e9 / Math.max(1, now - progressAt);
        return spans == 0 ? bound : Math.min(medianSpanRate(), bound);
    }

    /** {@return the median of the spans' throughputs measured so far, up to the last three} */
    private double medianSpanRate() {
        double a = spanRates[0];
        if (spans == 1) {
            return a;
        }
        double b = spanRates[1];
        if (spans == 2) {
            return (a + b) / 2;
        }
        double c = spanRates[2];
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** {@return the lowest rate the control may set} */
    public long minRate() {
        return minRate;
    }

    /** {@return the highest rate the control may set} */
    public long maxRate() {
        return maxRate;
    }

    /** {@return the control window, nanoseconds} */
    public long windowNanos() {
        return windowNanos;
    }

    /** {@return the control law} */
    public RateControl control() {
        return control;
    }

    @Override
    public String toString() {
        return "adaptive " + permitsPerSecond() + "/s (" + minRate + ".." + maxRate + "/s, window " + windowNanos + "ns, " + control
                + ") burst " + burst();
    }

    /** Builds an {@link AdaptiveRateLimiter}. Not thread-safe; each build makes a new limiter. */
    public static final class Builder {
        private final RateControl control;
        private long minRate = 1;
        private long maxRate = MAX_PERMITS_PER_SECOND;
        private long initialRate;
        private long burst = 1_000;
        private long windowNanos = Duration.ofMillis(10).toNanos();
        private NanoClock clock = NanoClock.SYSTEM;

        private Builder(RateControl control) {
            this.control = Objects.requireNonNull(control, "control");
        }

        /**
         * Sets the range the control law's rate is held in.
         *
         * @param min the lowest rate, from 1 to {@link #MAX_PERMITS_PER_SECOND}; producers are never held below it
         * @param max the highest rate, from {@code min} to {@link #MAX_PERMITS_PER_SECOND}
         * @return this builder
         * @throws IllegalArgumentException naming a rate out of range
         */
        public Builder rates(long min, long max) {
            if (min < 1 || min > MAX_PERMITS_PER_SECOND) {
                throw new IllegalArgumentException("min rate must be from 1 to " + MAX_PERMITS_PER_SECOND + ": " + min);
            }
            if (max < min || max > MAX_PERMITS_PER_SECOND) {
                throw new IllegalArgumentException("max rate must be from the min " + min + " to " + MAX_PERMITS_PER_SECOND + ": " + max);
            }
            this.minRate = min;
            this.maxRate = max;
            return this;
        }

        /**
         * Sets the rate in force until the first control step.
         *
         * @param rate the rate before the first window, from the min to the max rate; the max rate if not given
         * @return this builder
         */
        public Builder initialRate(long rate) {
            if (rate < 1 || rate > MAX_PERMITS_PER_SECOND) {
                throw new IllegalArgumentException("initial rate must be from 1 to " + MAX_PERMITS_PER_SECOND + ": " + rate);
            }
            this.initialRate = rate;
            return this;
        }

        /**
         * Sets the bucket's size.
         *
         * @param burst how many permits can be saved up; at least 1
         * @return this builder
         */
        public Builder burst(long burst) {
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be >= 1: " + burst);
            }
            this.burst = burst;
            return this;
        }

        /**
         * Sets the control window.
         *
         * @param window how often the control law runs: long enough for the consumers' throughput
         *     to be measured (many events), short against how fast their speed changes; at least 1 ms
         * @return this builder
         */
        public Builder window(Duration window) {
            if (window.toNanos() < 1_000_000) {
                throw new IllegalArgumentException("window must be at least 1 ms: " + window);
            }
            this.windowNanos = window.toNanos();
            return this;
        }

        /**
         * Sets the time source.
         *
         * @param clock the time source; a test's own clock makes the control deterministic
         * @return this builder
         */
        public Builder clock(NanoClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        private long initialRate() {
            if (initialRate == 0) {
                return maxRate;
            }
            if (initialRate < minRate || initialRate > maxRate) {
                throw new IllegalArgumentException("initial rate must be from the min " + minRate + " to the max " + maxRate + ": "
                        + initialRate);
            }
            return initialRate;
        }

        /** {@return a new limiter, following no ring until one is built with it} */
        public AdaptiveRateLimiter build() {
            return new AdaptiveRateLimiter(this);
        }
    }
}
