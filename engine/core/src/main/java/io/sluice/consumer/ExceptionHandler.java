package io.sluice.consumer;

/**
 * The user's own code for a consumer's failures: what a stage's handler throws reaches it, for
 * the application's logging, alerting and decisions, as the Disruptor's {@code ExceptionHandler}
 * does. Set one per stage ({@link io.sluice.pipeline.Stage#exceptionHandler}), per pipeline
 * ({@link io.sluice.pipeline.Pipeline.Builder#exceptionHandler}), or on a processor or pool
 * before it runs ({@link BatchEventProcessor#setExceptionHandler},
 * {@link WorkerPool#setExceptionHandler}).
 *
 * <p>It works beside the stage's {@link ExceptionPolicy}: the policy's retries run first, and an
 * event that fails them all comes here instead of to the policy's skip-or-stop and its log line.
 * The handler decides by returning or throwing: return, and the stage goes on; throw, and the
 * stage stops with what it threw as its failure, and its {@link Containment} applies. An
 * {@link Error} stops the stage whatever the handler does; it is passed here first.
 *
 * <p>Called on the consumer's thread, one failure at a time per consumer; a handler shared by
 * several stages or workers is called from their threads at once, so it must be thread-safe. The
 * stage waits while it runs: producers wait for a stage that waits.
 *
 * @param <E> the event type
 */
public interface ExceptionHandler<E> {
    /**
     * The handler threw on an event (and on each of the policy's retries), or
     * {@link EventHandler#onBatchStart} or {@link EventHandler#onTimeout} threw ({@code event}
     * then null). Return to skip the event, counted as dropped for the stage, and go on; throw to
     * stop the stage at it.
     *
     * @param failure what the handler threw (the last retry's, after retries)
     * @param sequence the event's sequence; for {@code onTimeout}, the next sequence awaited
     * @param event the event, or null when no single event failed
     */
    void onEventException(Throwable failure, long sequence, E event);

    /**
     * {@link EventHandler#onStart()} threw. Return to run the stage all the same; throw to stop
     * it before its first event.
     *
     * @param failure what {@code onStart} threw
     */
    void onStartException(Throwable failure);

    /**
     * {@link EventHandler#onShutdown()} threw; the stage is ending anyway. Return to take the
     * failure as handled; throw to keep what it threw as the stage's failure.
     *
     * @param failure what {@code onShutdown} threw
     */
    void onShutdownException(Throwable failure);
}
