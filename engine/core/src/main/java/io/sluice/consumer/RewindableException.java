package io.sluice.consumer;

/**
 * Thrown by a handler's {@link EventHandler#onEvent} to ask for its whole batch again, from the
 * batch's first event, as the Disruptor 4's rewindable batches do: for a handler whose batch
 * failed for a passing reason (a database deadlock, a lost connection) and must be redone as a
 * unit. The processor's sequence has not moved past the batch, so its events are all still in the
 * ring. Honoured only by a processor with a {@link BatchRewindStrategy}
 * ({@link BatchEventProcessor#setRewindStrategy}, {@link io.sluice.pipeline.Stage#rewindStrategy});
 * elsewhere it is a failure like any other.
 */
public class RewindableException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Asks for the batch again, for {@code cause}.
     *
     * @param cause what made the batch fail; may be null
     */
    public RewindableException(Throwable cause) {
        super("rewind the batch", cause);
    }

    /**
     * Asks for the batch again, saying why.
     *
     * @param message why the batch is rewound
     * @param cause what made the batch fail; may be null
     */
    public RewindableException(String message, Throwable cause) {
        super(message, cause);
    }
}
