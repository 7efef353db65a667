package io.sluice.consumer;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What a consumer stage does when its handler throws: skip the event and go on, stop the
 * stage, or retry the event a few times with back-off first. Immutable; one instance may serve
 * any number of stages.
 *
 * <p>An {@link Error} (an {@code OutOfMemoryError}, a {@code StackOverflowError}, an
 * {@code AssertionError}) is never skipped or retried: it stops the stage. A stopped stage is
 * then handled by its {@link Containment}, so it never leaves producers waiting forever.
 * Skipped events are logged through {@link System.Logger} (no logging dependency) and counted
 * as dropped for the stage.
 */
public final class ExceptionPolicy {
    private static final ExceptionPolicy SKIP = new ExceptionPolicy(0, 0, true);
    private static final ExceptionPolicy STOP = new ExceptionPolicy(0, 0, false);

    private final int retries;
    private final long backoffNanos;
    private final boolean skipWhenExhausted;

    private ExceptionPolicy(int retries, long backoffNanos, boolean skipWhenExhausted) {
        this.retries = retries;
        this.backoffNanos = backoffNanos;
        this.skipWhenExhausted = skipWhenExhausted;
    }

    /** {@return log the failure, count the event as dropped for the stage, and go on with the next} */
    public static ExceptionPolicy skip() {
        return SKIP;
    }

    /** {@return stop the stage at the failed event, which stays unconsumed; the default} */
    public static ExceptionPolicy stop() {
        return STOP;
    }

    /**
     * Retries the failed event up to {@code times} more times, waiting {@code backoff} before the
     * first retry and twice as long before each next one, then does what {@code then} does.
     * While it waits, the stage holds the event: producers and later stages wait for it.
     *
     * @param times how many retries, from 1 to 30
     * @param backoff the first wait; zero retries at once
     * @param unit the unit of {@code backoff}
     * @param then {@link #skip()} or {@link #stop()}, for an event that failed every retry
     * @return the policy
     * @throws IllegalArgumentException if {@code times} or {@code backoff} is out of range, or
     *     {@code then} itself retries
     */
    public static ExceptionPolicy retry(int times, long backoff, TimeUnit unit, ExceptionPolicy then) {
        if (times < 1 || times > 30) {
            throw new IllegalArgumentException("retry times must be from 1 to 30: " + times);
        }
        if (backoff < 0) {
            throw new IllegalArgumentException("retry backoff must be >= 0: " + backoff);
        }
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(then, "then");
        if (then.retries != 0) {
            throw new IllegalArgumentException("then must be skip() or stop(), not another retry: " + then);
        }
        return new ExceptionPolicy(times, unit.toNanos(backoff), then.skipWhenExhausted);
    }

    /** {@return how many times a failed event is retried} */
    public int retries() {
        return retries;
    }

    /**
     * @param retry 1 for the first retry
     * @return how long to wait before that retry, in nanoseconds
     */
    long backoffNanos(int retry) {
        return backoffNanos == 0 ? 0 : Math.min(backoffNanos << Math.min(retry - 1, 30), Long.MAX_VALUE / 4);
    }

    /** {@return whether an event that failed (and every retry) is skipped rather than stopping the stage} */
    public boolean skipsWhenExhausted() {
        return skipWhenExhausted;
    }

    @Override
    public String toString() {
        String exhausted = skipWhenExhausted ? "skip" : "stop";
        return retries == 0 ? exhausted
                : "retry(" + retries + ", backoff " + backoffNanos + " ns, then " + exhausted + ")";
    }
}
