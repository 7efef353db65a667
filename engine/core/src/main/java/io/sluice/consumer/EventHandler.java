package io.sluice.consumer;

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
     * Called when the ring's wait strategy timed out (see {@code TimeoutBlockingWaitStrategy}).
     *
     * @param sequence the processor's sequence: the last event it handled
     * @throws Exception to stop the processor
     */
    default void onTimeout(long sequence) throws Exception {
    }
}
