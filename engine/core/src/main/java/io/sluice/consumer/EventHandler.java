package io.sluice.consumer;

import io.sluice.Sequence;

/**
 * Handles the events a {@link BatchEventProcessor} reads, on the processor's thread. Every method
 * is called from that one thread, so an implementation needs no synchronisation of its own state.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventHandler<E> {
    /**
     * Handles one event. The event is the ring's pre-allocated slot: copy what must outlive the call.
     *
     * @param event the event
     * @param sequence its sequence
     * @param endOfBatch whether it is the last event of the batch the processor read at once;
     *     a handler that buffers (writes, sends) can flush here
     * @throws Exception to stop the processor (see {@link BatchEventProcessor})
     */
    void onEvent(E event, long sequence, boolean endOfBatch) throws Exception;

    /**
     * Called before each batch.
     *
     * @param batchSize how many events the processor will hand over now
     * @param queueDepth how many events were available when the batch started, at least
     *     {@code batchSize}; more when a maximum batch size splits them
     * @throws Exception to stop the processor
     */
    default void onBatchStart(long batchSize, long queueDepth) throws Exception {
    }

    /**
     * Called once on the processor's thread before the first event.
     *
     * @throws Exception to stop the processor before it reads anything
     */
    default void onStart() throws Exception {
    }

    /**
     * Called once on the processor's thread after the last event, however the processor stopped,
     * if and only if {@link #onStart()} was called (even if it threw): a processor halted before
     * it started calls neither.
     */
    default void onShutdown() {
    }

    /**
     * Called once, when a {@link BatchEventProcessor} (a pipeline's handler stage) is made for
     * this handler, with the processor's own sequence: what producers and later stages gate on.
     * A handler that hands events off to be finished elsewhere, or batches its own work, may
     * release what it is done with before the batch ends, by
     * {@link Sequence#setRelease setRelease(s)} from {@link #onEvent} (the Disruptor's "early
     * release"): producers and later stages then move on at once, without waiting for the rest of
     * the batch. Release only sequences whose events the handler no longer reads, never past the
     * event in hand, and never less than before; the processor sets the batch's end afterwards
     * anyway. Worker pools do not call it (their workers' sequences claim work).
     *
     * @param sequenceCallback the processor's sequence
     */
    default void setSequenceCallback(Sequence sequenceCallback) {
    }

    /**
     * Called when the ring's wait strategy timed out (see {@code TimeoutBlockingWaitStrategy}).
     *
     * @param sequence the processor's sequence: the last event it handled
     * @throws Exception to stop the processor
     */
    default void onTimeout(long sequence) throws Exception {
    }
}
