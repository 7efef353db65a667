package io.sluice.consumer;

import io.sluice.SequenceBarrier;
import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One consumer's failure handling: applies its {@link ExceptionPolicy} to what its handler
 * throws, hands what the policy gives up on to the user's {@link ExceptionHandler} if there is
 * one, and counts failures and dropped events. Written by the consumer's thread only (the
 * exception handler is set before that thread starts); the counters are read from any thread.
 */
final class StageFailures {
    private static final System.Logger LOG = System.getLogger("io.sluice.consumer");
    private static final VarHandle FAILURES =
            FieldHandles.field(MethodHandles.lookup(), StageFailures.class, "failures", long.class);
    private static final VarHandle DROPPED =
            FieldHandles.field(MethodHandles.lookup(), StageFailures.class, "dropped", long.class);

    final String stage;
    final ExceptionPolicy policy;
    @SuppressWarnings("unused")
    private long failures;
    @SuppressWarnings("unused")
    private long dropped;
    /** What stopped the stage, or null. */
    private volatile Throwable failure;
    /** The last throwable a failed {@link #recover} or {@link #tolerate} gave up on; consumer thread only. */
    private Throwable last;
    /** The user's handler, or null; set before the consumer's thread starts, which publishes it. */
    private ExceptionHandler<Object> userHandler;

    StageFailures(String stage, ExceptionPolicy policy) {
        this.stage = stage;
        this.policy = policy;
    }

    @SuppressWarnings("unchecked") // called by the typed setters of the processor and the pool
    void handledBy(ExceptionHandler<?> handler) {
        this.userHandler = (ExceptionHandler<Object>) handler;
    }

    /**
     * The handler threw {@code thrown} on an event: retries it as the policy says, then skips it
     * or gives up.
     *
     * @return true if the event is done with (a retry handled it, or it was skipped); false if
     *     the stage must stop ({@link #last()} says why) or the barrier was alerted while waiting
     */
    <E> boolean recover(EventHandler<? super E> handler, E event, long sequence, boolean endOfBatch,
                        Throwable thrown, SequenceBarrier barrier) {
        Throwable t = thrown;
        countFailure();
        for (int retry = 1; retry <= policy.retries() && !(t instanceof Error); retry++) {
            if (!pause(policy.backoffNanos(retry), barrier)) {
                last = t;
                return false;
            }
            try {
                handler.onEvent(event, sequence, endOfBatch);
                LOG.log(System.Logger.Level.INFO, () -> "stage '" + stage + "' handled sequence " + sequence
                        + " on a retry after: " + thrown);
                return true;
            } catch (Throwable again) {
                t = again;
                countFailure();
            }
        }
        last = t;
        if (userHandler != null) {
            return decidedByUser(t, sequence, event);
        }
        if (!(t instanceof Error) && policy.skipsWhenExhausted()) {
            LOG.log(System.Logger.Level.WARNING, "stage '" + stage + "' skipped sequence " + sequence
                    + (policy.retries() > 0 ? " after " + policy.retries() + " retries" : ""), t);
            countDropped(1);
            return true;
        }
        return false;
    }

    /** The user's handler decides on a failed event (or callback): return to skip it, throw to stop. */
    private boolean decidedByUser(Throwable t, long sequence, Object event) {
        try {
            userHandler.onEventException(t, sequence, event);
        } catch (Throwable decided) {
            last = decided;
            return false;
        }
        if (t instanceof Error) {
            return false;
        }
        if (event != null) {
            countDropped(1);
        }
        return true;
    }

    /**
     * {@code onStart} threw: with a user's handler, it decides (return to run the stage, throw to
     * stop it); without one the stage stops.
     *
     * @return whether the stage runs all the same; if not, {@link #last()} says why
     */
    boolean startFailed(Throwable t) {
        countFailure();
        last = t;
        if (userHandler == null) {
            return false;
        }
        try {
            userHandler.onStartException(t);
        } catch (Throwable decided) {
            last = decided;
            return false;
        }
        return !(t instanceof Error);
    }

    /**
     * A callback other than {@code onEvent} and {@code onStart} threw: with a user's handler, it
     * decides; otherwise go on if the policy skips, else stop.
     *
     * @param sequence the sequence the consumer was at, for the user's handler
     * @return whether the stage goes on; if not, {@link #last()} says why
     */
    boolean tolerate(Throwable t, String callback, long sequence) {
        countFailure();
        last = t;
        if (userHandler != null) {
            return decidedByUser(t, sequence, null);
        }
        if (t instanceof Error || !policy.skipsWhenExhausted()) {
            return false;
        }
        LOG.log(System.Logger.Level.WARNING, "stage '" + stage + "' ignored a failure in " + callback, t);
        return true;
    }

    /** Records and logs that the stage stopped at {@code sequence}, and what its containment does. */
    void stopped(Throwable cause, long sequence, Containment containment) {
        if (failure == null) {
            failure = cause;
        }
        LOG.log(System.Logger.Level.ERROR, stopMessage(sequence) + (containment == Containment.FAIL_CLAIMS
                ? "; the ring is closed to producers" : "; the stage is bypassed, its events counted as dropped"), cause);
    }

    String stopMessage(long sequence) {
        return "stage '" + stage + "' failed at sequence " + sequence;
    }

    Throwable last() {
        return last;
    }

    Throwable failure() {
        return failure;
    }

    void recordShutdownFailure(Throwable t) {
        if (userHandler != null) {
            try {
                userHandler.onShutdownException(t);
                return;
            } catch (Throwable kept) {
                t = kept;
            }
        }
        if (failure == null) {
            failure = t;
        }
        LOG.log(System.Logger.Level.ERROR, "stage '" + stage + "': onShutdown failed", t);
    }

    long failures() {
        return (long) FAILURES.getOpaque(this);
    }

    long dropped() {
        return (long) DROPPED.getOpaque(this);
    }

    private void countFailure() {
        // Single writer: a plain read and an opaque store, so readers see a whole value.
        FAILURES.setOpaque(this, (long) FAILURES.get(this) + 1);
    }

    void countDropped(long n) {
        DROPPED.setOpaque(this, (long) DROPPED.get(this) + n);
    }

    /** {@return false if the barrier was alerted (the stage is being halted)} */
    private static boolean pause(long nanos, SequenceBarrier barrier) {
        long deadline = System.nanoTime() + nanos;
        long remaining = nanos;
        while (remaining > 0 && !barrier.isAlerted()) {
            LockSupport.parkNanos(Math.min(remaining, 1_000_000));
            remaining = deadline - System.nanoTime();
        }
        return !barrier.isAlerted();
    }
}
