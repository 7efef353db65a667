package io.sluice.consumer;

import io.sluice.AlertException;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;
import io.sluice.WaitTimeoutException;

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
 * runs: it starts after the value the sequence holds then.
 *
 * <h2>Stopping and failure</h2>
 * {@link #halt()} alerts the barrier; the processor finishes the event in hand and returns from
 * {@link #run()}. An interrupt of its thread stops it the same way. If the handler throws, the
 * processor logs the failure through {@link System.Logger}, keeps the failed event unconsumed
 * (its sequence stays before it), makes the failure available from {@link #failure()}, calls
 * {@link EventHandler#onShutdown()} and returns. A stopped processor still gates the ring until
 * its sequence is removed from the gating sequences.
 *
 * <p>Thread-safety: {@link #run()} runs on one thread at a time; {@link #halt()},
 * {@link #isRunning()}, {@link #failure()} and {@link #sequence()} may be called from any thread.
 * The steady-state loop allocates nothing.
 *
 * @param <E> the event type
 */
public final class BatchEventProcessor<E> implements Runnable {
    private static final System.Logger LOG = System.getLogger(BatchEventProcessor.class.getName());
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int HALTED = 2;
    private static final long NOT_STARTED = Long.MIN_VALUE;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(BatchEventProcessor.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RingBuffer<E> ring;
    private final SequenceBarrier barrier;
    private final EventHandler<? super E> handler;
    private final int maxBatchSize;
    private final String handlerName;
    private final Sequence sequence = new Sequence();
    /** The sequence when the processor first ran; processed = sequence - this. */
    private volatile long firstSequence = NOT_STARTED;
    @SuppressWarnings("unused")
    private volatile int state = IDLE;
    private volatile Throwable failure;

    /**
     * A processor that hands over every available event in one batch.
     *
     * @param ring the ring to read
     * @param barrier the barrier to wait on, from {@code ring.newBarrier(...)}
     * @param handler the handler to run
     */
    public BatchEventProcessor(RingBuffer<E> ring, SequenceBarrier barrier, EventHandler<? super E> handler) {
        this(ring, barrier, handler, Integer.MAX_VALUE);
    }

    /**
     * A processor that hands over at most {@code maxBatchSize} events per batch, so its sequence
     * (and the producers it gates) advance at least that often.
     *
     * @param ring the ring to read
     * @param barrier the barrier to wait on, from {@code ring.newBarrier(...)}
     * @param handler the handler to run
     * @param maxBatchSize the most events per batch; positive
     * @throws IllegalArgumentException if {@code maxBatchSize} is not positive
     */
    public BatchEventProcessor(RingBuffer<E> ring, SequenceBarrier barrier, EventHandler<? super E> handler,
                               int maxBatchSize) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.barrier = Objects.requireNonNull(barrier, "barrier");
        this.handler = Objects.requireNonNull(handler, "handler");
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be > 0: " + maxBatchSize);
        }
        this.maxBatchSize = maxBatchSize;
        this.handlerName = handler.getClass().getSimpleName().isEmpty()
                ? handler.getClass().getName() : handler.getClass().getSimpleName();
    }

    /** @return the sequence of the last event this processor finished; producers and downstream stages gate on it */
    public Sequence sequence() {
        return sequence;
    }

    /**
     * Asks the processor to stop after the event in hand; returns at once. If it has not started
     * yet, its next {@link #run()} returns at once.
     */
    public void halt() {
        STATE.setVolatile(this, HALTED);
        barrier.alert();
    }

    /** @return whether {@link #run()} is executing */
    public boolean isRunning() {
        return (int) STATE.getVolatile(this) == RUNNING;
    }

    /** @return events handled since the processor first ran; derived from its sequence, so it costs nothing to keep */
    public long processedCount() {
        long first = firstSequence;
        return first == NOT_STARTED ? 0 : sequence.getVolatile() - first;
    }

    /** @return how far the processor is behind the ring's cursor */
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
        into.fill(handlerName, sequence.getVolatile(), processedCount(), ring.cursor(), isRunning());
        return into;
    }

    /** @return what the handler threw to stop the processor, or null */
    public Throwable failure() {
        return failure;
    }

    /**
     * Processes events until halted, interrupted or failed.
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
        try {
            // A halt between the state change and clearAlert() would be lost to the barrier, not here.
            if ((int) STATE.getVolatile(this) == RUNNING && start()) {
                processEvents();
            }
        } finally {
            shutdown();
            STATE.setVolatile(this, IDLE);
        }
    }

    private boolean start() {
        try {
            handler.onStart();
            return true;
        } catch (Throwable t) {
            fail(t, "event handler onStart failed; processor stopped before reading any event");
            return false;
        }
    }

    private void processEvents() {
        if (firstSequence == NOT_STARTED) {
            firstSequence = sequence.getPlain();
        }
        long next = sequence.getPlain() + 1;
        try {
            while (true) {
                long available;
                try {
                    available = barrier.waitFor(next);
                } catch (WaitTimeoutException e) {
                    handler.onTimeout(next - 1);
                    continue;
                }
                long end = Math.min(available, next + maxBatchSize - 1);
                handler.onBatchStart(end - next + 1, available - next + 1);
                for (; next <= end; next++) {
                    handler.onEvent(ring.get(next), next, next == end);
                }
                // Release: every read of the slots up to `end` happens before a producer or a
                // downstream stage that acquires this value reuses or reads on from them.
                sequence.setRelease(end);
                ring.signalConsumerProgress();
            }
        } catch (AlertException e) {
            // halted
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            // Events before `next` in this batch are done: release them, keep `next` unconsumed.
            sequence.setRelease(next - 1);
            ring.signalConsumerProgress();
            fail(t, "event handler failed at sequence " + next + "; processor stopped, the event stays unconsumed");
        }
    }

    private void fail(Throwable t, String message) {
        failure = t;
        LOG.log(System.Logger.Level.ERROR, message, t);
    }

    private void shutdown() {
        try {
            handler.onShutdown();
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
            LOG.log(System.Logger.Level.ERROR, "event handler onShutdown failed", t);
        }
    }

    @Override
    public String toString() {
        return "BatchEventProcessor{handler=" + handler + ", sequence=" + sequence + ", running=" + isRunning() + '}';
    }
}
