package io.sluice.stress;

import io.sluice.backpressure.AdaptiveRateLimiter;
import io.sluice.backpressure.FlowFeedback;
import io.sluice.backpressure.NanoClock;
import io.sluice.backpressure.RateControl;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;
import org.openjdk.jcstress.infra.results.ZZJ_Result;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An adaptive rate limiter changes its rate on a producer's claim path, while other producers
 * take permits: the change must neither mint nor lose permits, and one window runs one control
 * step however many producers find it due.
 */
public final class RateLimitTests {
    private RateLimitTests() {
    }

    /** A clock the state sets: the limiter is made at {@code T0}, the actors run at {@code T1}, one second later. */
    static final class StepClock implements NanoClock {
        static final long T0 = 1_000_000_000L;
        static final long T1 = T0 + 1_000_000_000L;
        long now = T0;

        @Override
        public long nanoTime() {
            return now;
        }
    }

    /** A ring that never moves: the control law below ignores it. */
    static final class StillRing implements FlowFeedback {
        @Override
        public long capacity() {
            return 1024;
        }

        @Override
        public long claimed() {
            return -1;
        }

        @Override
        public long consumed() {
            return -1;
        }
    }

    /**
     * A limiter at 1,000/s whose bucket was emptied at {@code T0}: at {@code T1} it has earned
     * 1,000 permits. Its control law sets 5/s, counting each call; the first window is due at {@code T1}.
     */
    static AdaptiveRateLimiter emptiedAtT0(StepClock clock, AtomicLong steps) {
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.builder(window -> {
            steps.incrementAndGet();
            return 5;
        }).rates(1, 1_000_000_000L).initialRate(1_000).burst(1_000_000_000L).clock(clock).build();
        limiter.follow(new StillRing());
        if (!limiter.tryAcquire(1_000_000_000)) {
            throw new IllegalStateException("a full bucket refused its burst");
        }
        clock.now = StepClock.T1;
        return limiter;
    }

    /**
     * A producer's acquire runs the control step, which re-anchors the schedule (rate, anchor
     * time, permits earned by then) at 5/s, and takes one permit; a monitor reads the permits
     * available meanwhile. The change keeps the 1,000 permits earned: the monitor sees 1,000
     * (before the take) or 999 (after it). A read that mixed the old schedule with the new would
     * see 0, 5, 1,005 or 2,000.
     */
    @JCStressTest
    @Outcome(id = "1000, 1", expect = Expect.ACCEPTABLE, desc = "read before the permit was taken")
    @Outcome(id = "999, 1", expect = Expect.ACCEPTABLE, desc = "read after the permit was taken")
    @Outcome(expect = Expect.FORBIDDEN, desc = "a torn read of the schedule, or a control step that did not run once")
    @State
    public static class RateChangeRacingReader {
        final StepClock clock = new StepClock();
        final AtomicLong steps = new AtomicLong();
        final AdaptiveRateLimiter limiter = emptiedAtT0(clock, steps);

        @Actor
        public void producer() {
            limiter.tryAcquire(1);
        }

        @Actor
        public void monitor(JJ_Result r) {
            r.r1 = limiter.availablePermits();
        }

        @Arbiter
        public void arbiter(JJ_Result r) {
            r.r2 = steps.get();
        }
    }

    /**
     * Two producers find the window due at once: one runs the control step, the other goes on
     * under the rate in force; both get a permit of the 1,000 earned.
     */
    @JCStressTest
    @Outcome(id = "true, true, 1", expect = Expect.ACCEPTABLE, desc = "one step, both permits granted")
    @Outcome(expect = Expect.FORBIDDEN, desc = "no step or two steps for one window, or a permit lost")
    @State
    public static class ControlStepRacingControlStep {
        final StepClock clock = new StepClock();
        final AtomicLong steps = new AtomicLong();
        final AdaptiveRateLimiter limiter = emptiedAtT0(clock, steps);

        @Actor
        public void first(ZZJ_Result r) {
            r.r1 = limiter.tryAcquire(1);
        }

        @Actor
        public void second(ZZJ_Result r) {
            r.r2 = limiter.tryAcquire(1);
        }

        @Arbiter
        public void arbiter(ZZJ_Result r) {
            r.r3 = steps.get();
        }
    }
}
