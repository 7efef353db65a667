package io.sluice.wait;

/**
 * Thrown from a wait by a {@link WaitStrategy} with a timeout when nothing became available in time.
 * A shared instance without a stack trace: throwing it allocates nothing.
 */
public final class WaitTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The only instance. */
    public static final WaitTimeoutException INSTANCE = new WaitTimeoutException();

    private WaitTimeoutException() {
        super("wait timed out", null, false, false);
    }
}
