package io.sluice.backpressure;

import java.time.Duration;
import java.util.Objects;

/**
 * The queueing-delay target of a {@link BackpressurePolicy#shedOnDelay delay-shedding policy}, in
 * the manner of CoDel (Nichols and Jacobson's Controlled Delay, RFC 8289): events may wait up to
 * {@code target}; once they have waited longer for a whole {@code interval}, every waiting claim
 * drops until the wait is back under the target. Immutable.
 *
 * @param targetNanos how long an event may wait in the ring before it counts as late; positive
 * @param intervalNanos how long the wait must stay above the target before the first drop, and
 *     within how long of the last episode's end a new one starts at once; at least the target
 * @param clock the time source; a test's own clock makes the decisions deterministic
 */
public record DelayTarget(long targetNanos, long intervalNanos, NanoClock clock) {
    /**
     * Checks the target and the interval.
     *
     * @param targetNanos how long an event may wait, nanoseconds
     * @param intervalNanos how long the wait must stay above the target before the first drop, nanoseconds
     * @param clock the time source
     * @throws IllegalArgumentException naming the value if the target is not positive or the interval is shorter than it
     */
    public DelayTarget {
        Objects.requireNonNull(clock, "clock");
        if (targetNanos <= 0) {
            throw new IllegalArgumentException("target must be positive: " + Duration.ofNanos(targetNanos));
        }
        if (intervalNanos < targetNanos) {
            throw new IllegalArgumentException("interval must be at least the target " + Duration.ofNanos(targetNanos) + ": "
                    + Duration.ofNanos(intervalNanos));
        }
    }

    @Override
    public String toString() {
        return "target " + Duration.ofNanos(targetNanos) + " interval " + Duration.ofNanos(intervalNanos);
    }
}
