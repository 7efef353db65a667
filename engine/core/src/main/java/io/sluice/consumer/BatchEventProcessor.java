package io.sluice.consumer;

import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;
import io.sluice.access.FieldHandles;
import io.sluice.metrics.ConsumerFigure;
import io.sluice.pipeline.Pipeline;
import io.sluice.wait.AlertException;
import io.sluice.wait.WaitTimeoutException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * Runs an {@link EventHandler} over a ring on one thread: waits on its barrier, hands every
 * available event to the handler in sequence order, then advances its {@link #sequence()} once
 * per batch with a single release store.
 *
 * <p>Add {@link #sequence()} to the ring's gating sequences with
 * {@link RingBuffer#addGatingSequence} (or pass it to a downstream barrier) before the processor
 * runs: it starts after the value the sequence holds then. A {@link Pipeline} does this wiring.
 *
 * <h2>Stopping and failure</h2>
 * {@link #halt()} alerts the barrier; the processor finishes the batch in hand (at most its
 * maximum batch size) and returns from {@link #run()}. A halted processor still gates the ring until its sequence is removed from the
 * gating sequences, or the ring is closed.
 *
 * <p>When the handler throws, the processor's {@link ExceptionPolicy} decides: skip the event,
 * retry it, or stop (the default). A stop, an {@link Error}, a failed {@link EventHandler#onStart()}
 * or an interrupt of the thread (use {@link #halt()} to stop a processor, not an interrupt) stop
 * the stage, with the failed event unconsumed; then its {@link Containment} applies, so producers
 * are never left waiting on it: by default it closes the ring with a
 * {@link io.sluice.RingClosedException} naming the stage, or with {@link Containment#BYPASS} it
 * goes on without its handler, counting events as dropped. Failures are logged through
 * {@link System.Logger}; {@link #failure()} keeps what stopped the stage. An
 * {@link ExceptionHandler} of the user's ({@link #setExceptionHandler}) takes over the logging
 * and the decision for what the policy gives up on, and for a failed {@code onStart}.
 *
 * <p>Thread-safety: {@link #run()} runs on one thread at a time; every other method may be called
 * from any thread. The steady-state loop allocates nothing.
 *
 * @param <E> the event type
 */
public final class BatchEventProcessor<E> implements EventProcessor {
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int HALTED = 2;
    private static final long NOT_STARTED = Long.MIN_VALUE;
    private static final VarHandle STATE =
            FieldHandles.field(MethodHandles.lookup(), BatchEventProcessor.class, "state", int.class);

    private final RingBuffer<E> ring;
    private final SequenceBarrier barrier;
    private final EventHandler<? super E> handler;
    private final int maxBatchSize;
    private final Containment containment;
    private final StageFailures failures;
    private final Sequence sequence = new Sequence();
    /** The sequence when the processor first ran; processed = sequence - this. */
    private volatile long firstSequence = NOT_STARTED;
    @SuppressWarnings("unused")
    private volatile int state = IDLE;
    /** Set once the stage stopped under {@link Containment#BYPASS}; processor thread only. */
    private boolean bypassing;
    /**
     * How rewindable batches are redone, or null. A plain field, set before the processor runs:
     * starting the processor's thread publishes it (start happens-before the thread's actions).
     */
    private BatchRewindStrategy rewindStrategy;
    /** The start of the last batch rewound, and how many times it was; processor thread only. */
    private long rewoundBatch = Long.MIN_VALUE;
    private int rewindAttempts;

    /**
     * A processor that hands over every available event in one batch, named after the
     * handler's class, that stops at a failure and closes the ring to producers.
     *
     * @param ring the ring to read
     * @param barrier the barrier to wait on, from {@code ring.newBarrier(...)}
     * @param handler the handler to run
     */
    public BatchEventProcessor(RingBuffer<E> ring, SequenceBarrier barrier, EventHandler<? super E> handler) {
        this(ring, barrier, handler, Integer.MAX_VALUE);
    }

    /**
     * As {@link #BatchEventProcessor(RingBuffer, SequenceBarrier, EventHandler)}, handing over at
     * most {@code maxBatchSize} events per batch, so its sequence (and the producers it gates)
     * advance at least that often.
     *
     * @param ring the ring to read
     * @param barrier the barrier to wait on, from {@code ring.newBarrier(...)}
     * @param handler the handler to run
     * @param maxBatchSize the most events per batch; positive
     * @throws IllegalArgumentException if {@code maxBatchSize} is not positive
     */
    public BatchEventProcessor(RingBuffer<E> ring, SequenceBarrier barrier, EventHandler<? super E> handler,
                               int maxBatchSize) {
        this(null, ring, barrier, handler, maxBatchSize, ExceptionPolicy.stop(), Containment.FAIL_CLAIMS);
    }

    /**
     * A processor with every setting given.
     *
     * @param name the stage name, in logs, metrics and the exception producers get; null for the handler's class name
     * @param ring the ring to read
     * @param barrier the barrier to wait on, from {@code ring.newBarrier(...)}
     * @param handler the handler to run
     * @param maxBatchSize the most events per batch; positive
     * @param exceptionPolicy what to do when the handler throws
     * @param containment what a stopped stage does to the ring
     * @throws IllegalArgumentException if {@code maxBatchSize} is not positive
     */
    public BatchEventProcessor(String name, RingBuffer<E> ring, SequenceBarrier barrier, EventHandler<? super E> handler,
                               int maxBatchSize, ExceptionPolicy exceptionPolicy, Containment containment) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.barrier = Objects.requireNonNull(barrier, "barrier");
        this.handler = Objects.requireNonNull(handler, "handler");
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be > 0: " + maxBatchSize);
        }
        this.maxBatchSize = maxBatchSize;
        this.containment = Objects.requireNonNull(containment, "containment");
        String stage = name != null ? name : handler.getClass().getSimpleName().isEmpty()
                ? handler.getClass().getName() : handler.getClass().getSimpleName();
        this.failures = new StageFailures(stage, Objects.requireNonNull(exceptionPolicy, "exceptionPolicy"));
        handler.setSequenceCallback(sequence);
    }

    /**
     * Hands what this processor's {@link ExceptionPolicy} gives up on to {@code handler}, which
     * decides whether the stage goes on (see {@link ExceptionHandler}). Call before the processor runs.
     *
     * @param handler the user's handler
     * @throws IllegalStateException if the processor is running
     */
    public void setExceptionHandler(ExceptionHandler<? super E> handler) {
        Objects.requireNonNull(handler, "handler");
        if (isRunning()) {
            throw new IllegalStateException("set the exception handler before the processor runs: " + this);
        }
        failures.handledBy(handler);
    }

    /**
     * Lets the handler ask for its batch again by throwing {@link RewindableException}: the
     * strategy decides whether the batch is redone from its first event. Call before the
     * processor runs; without a strategy that exception is a failure like any other.
     *
     * @param strategy the strategy
     * @throws IllegalStateException if the processor is running
     */
    public void setRewindStrategy(BatchRewindStrategy strategy) {
        Objects.requireNonNull(strategy, "strategy");
        if (isRunning()) {
            throw new IllegalStateException("set the rewind strategy before the processor runs: " + this);
        }
        this.rewindStrategy = strategy;
    }

    /** {@return the sequence of the last event this processor finished; producers and downstream stages gate on it} */
    @Override
    public Sequence sequence() {
        return sequence;
    }

    /** {@return the stage name} */
    public String name() {
        return failures.stage;
    }

    /**
     * Asks the processor to stop after the batch in hand; returns at once. If it has not started
     * yet, its next {@link #run()} returns at once.
     */
    @Override
    public void halt() {
        STATE.setVolatile(this, HALTED);
        barrier.alert();
    }

    /** {@return whether {@link #run()} is executing} */
    @Override
    public boolean isRunning() {
        return (int) STATE.getVolatile(this) == RUNNING;
    }

    /** {@return events the processor has passed since it first ran, handled or dropped; derived from its sequence} */
    public long processedCount() {
        long first = firstSequence;
        return first == NOT_STARTED ? 0 : sequence.getVolatile() - first;
    }

    /** {@return events passed without being handled: skipped after a failure, or bypassed after the stage stopped} */
    public long droppedCount() {
        return failures.dropped();
    }

    /** {@return how many times the handler threw, retries included} */
    public long failureCount() {
        return failures.failures();
    }

    /** {@return how far the processor is behind the ring's cursor} */
    public long lag() {
        return Math.max(0, ring.cursor() - sequence.getVolatile());
    }

    /**
     * Copies the processor's progress into {@code into}; allocation-free.
     *
     * @param into a caller-owned snapshot to overwrite
     * @return {@code into}
     */
    public ConsumerSnapshot snapshot(ConsumerSnapshot into) {
        into.fill(failures.stage, sequence.getVolatile(), processedCount(), ring.cursor(), isRunning());
        into.set(ConsumerFigure.FAILURES, failures.failures());
        into.set(ConsumerFigure.DROPPED, failures.dropped());
        return into;
    }

    /** {@return what stopped the stage (its handler's exception, an {@link Error}, an interrupt), or null} */
    public Throwable failure() {
        return failures.failure();
    }

    /**
     * Processes events until halted, or until the stage stops under {@link Containment#FAIL_CLAIMS}.
     *
     * @throws IllegalStateException if the processor is already running
     */
    @Override
    public void run() {
        if (!STATE.compareAndSet(this, IDLE, RUNNING)) {
            if ((int) STATE.getVolatile(this) == RUNNING) {
                throw new IllegalStateException("processor is already running");
            }
            // Halted before it started: honour the halt, leave it ready to run again.
            STATE.setVolatile(this, IDLE);
            return;
        }
        barrier.clearAlert();
        boolean started = false;
        try {
            // A halt between the state change and clearAlert() would be lost to the barrier, not
            // here. Halted here, the processor ends without calling the handler at all: onStart
            // and onShutdown come in pairs or not at all.
            if ((int) STATE.getVolatile(this) == RUNNING) {
                if (firstSequence == NOT_STARTED) {
                    firstSequence = sequence.getPlain();
                }
                started = true;
                if (start()) {
                    processEvents();
                }
            }
        } finally {
            if (started) {
                shutdown();
            }
            STATE.setVolatile(this, IDLE);
        }
    }

    /** {@return whether to process events: the handler started, or the stage is bypassed} */
    private boolean start() {
        try {
            handler.onStart();
            return true;
        } catch (Throwable t) {
            return failures.startFailed(t) || stageStopped(failures.last(), sequence.getPlain() + 1);
        }
    }

    private void processEvents() {
        long next = sequence.getPlain() + 1;
        batches:
        while (true) {
            long available;
            try {
                available = barrier.waitFor(next);
            } catch (AlertException e) {
                return;
            } catch (InterruptedException e) {
                if ((int) STATE.getVolatile(this) == HALTED || !stageStopped(e, next)) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            } catch (WaitTimeoutException e) {
                if (!bypassing && !onTimeout(next)) {
                    return;
                }
                continue;
            }
            if (bypassing) {
                failures.countDropped(available - next + 1);
                next = available + 1;
                sequence.setRelease(available);
                ring.signalConsumerProgress();
                continue;
            }
            long batchStart = next;
            long end = Math.min(available, next + maxBatchSize - 1);
            try {
                handler.onBatchStart(end - next + 1, available - next + 1);
            } catch (Throwable t) {
                if (!failures.tolerate(t, "onBatchStart", next)) {
                    if (!stageStopped(failures.last(), next)) {
                        return;
                    }
                    continue;
                }
            }
            // Decided per batch: only a ring where a claim was ever aborted makes each event be asked
            // about; the batch's last event for the handler is then the last not aborted.
            boolean skipAborted = ring.hasAbortedClaims();
            long last = skipAborted ? lastNotAborted(next, end) : end;
            for (; next <= end; next++) {
                if (skipAborted && ring.isAborted(next)) {
                    continue;
                }
                E event = ring.get(next);
                try {
                    handler.onEvent(event, next, next == last);
                } catch (Throwable t) {
                    if (t instanceof RewindableException r && rewinds(r, batchStart)) {
                        next = batchStart;
                        continue batches; // handed over again; the sequence stays before the batch
                    }
                    if (!failures.recover(handler, event, next, next == last, t, barrier)) {
                        // The events before `next` are done: release them; `next` stays unconsumed.
                        sequence.setRelease(next - 1);
                        ring.signalConsumerProgress();
                        if (barrier.isAlerted() || !stageStopped(failures.last(), next)) {
                            return;
                        }
                        // Bypassed from here on: the failed event and the rest of its batch are dropped.
                        failures.countDropped(end - next + 1);
                        next = end + 1;
                        break;
                    }
                }
            }
            // Release: every read of the slots up to `end` happens before a producer or a
            // downstream stage that acquires this value reuses or reads on from them.
            sequence.setRelease(end);
            ring.signalConsumerProgress();
        }
    }

    /**
     * {@return whether the batch starting at {@code batchStart} is to be redone: the strategy says
     *     so; false without one} Attempts are counted per batch, by its start, so the path of a
     *     batch that succeeds keeps no count.
     */
    private boolean rewinds(RewindableException failure, long batchStart) {
        if (rewindStrategy == null) {
            return false;
        }
        if (batchStart != rewoundBatch) {
            rewoundBatch = batchStart;
            rewindAttempts = 0;
        }
        if (rewindStrategy.handleRewindException(failure, ++rewindAttempts) == BatchRewindStrategy.RewindAction.REWIND) {
            return true;
        }
        rewoundBatch = Long.MIN_VALUE; // given up: the failure goes on, and the next rewind starts a new count
        return false;
    }

    /** {@return the last sequence of {@code next..end} not aborted, or {@code next - 1} if all are} */
    private long lastNotAborted(long next, long end) {
        long last = end;
        while (last >= next && ring.isAborted(last)) {
            last--;
        }
        return last;
    }

    /** {@return whether to go on} */
    private boolean onTimeout(long next) {
        try {
            handler.onTimeout(next - 1);
            return true;
        } catch (Throwable t) {
            return failures.tolerate(t, "onTimeout", next) || stageStopped(failures.last(), next);
        }
    }

    /**
     * The stage stopped at {@code next}: applies its containment.
     *
     * @return true to go on bypassing, false to end the processor
     */
    private boolean stageStopped(Throwable cause, long next) {
        failures.stopped(cause, next, containment);
        if (containment == Containment.FAIL_CLAIMS) {
            ring.close(failures.stopMessage(next), cause);
            return false;
        }
        bypassing = true;
        return true;
    }

    private void shutdown() {
        try {
            handler.onShutdown();
        } catch (Throwable t) {
            failures.recordShutdownFailure(t);
        }
    }

    @Override
    public String toString() {
        return "BatchEventProcessor{stage=" + failures.stage + ", sequence=" + sequence + ", running=" + isRunning()
                + (bypassing ? ", bypassed" : "") + '}';
    }
}
