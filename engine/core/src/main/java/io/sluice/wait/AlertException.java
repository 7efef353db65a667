package io.sluice.wait;

import io.sluice.SequenceBarrier;

/**
 * Thrown from a wait when its {@link SequenceBarrier} has been {@linkplain SequenceBarrier#alert()
 * alerted}, to tell a consumer to stop waiting. A shared instance without a stack trace: throwing
 * it allocates nothing.
 */
public final class AlertException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The only instance. */
    public static final AlertException INSTANCE = new AlertException();

    private AlertException() {
        super("sequence barrier alerted", null, false, false);
    }
}
