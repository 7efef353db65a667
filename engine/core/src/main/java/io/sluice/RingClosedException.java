package io.sluice;

/**
 * Thrown by a claim on a ring that is closed to producers: a pipeline was stopped or halted, or
 * a consumer stage failed and its containment is to fail claims (see {@link RingBuffer#close}).
 * The message names the ring and the reason (for a failure, the stage and the sequence it failed
 * at); {@link #getCause()} is what the stage threw, if anything.
 *
 * <p>One instance is created when the ring closes and thrown to every claim after it, from any
 * thread, so it carries no stack trace of its own and throwing it allocates nothing. Nothing was
 * claimed when it is thrown.
 */
public final class RingClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient String ringName;

    RingClosedException(String ringName, String reason, Throwable cause) {
        super("ring " + ringName + " is closed to producers: " + reason, cause, false, false);
        this.ringName = ringName;
    }

    /** {@return the name of the closed ring} */
    public String ringName() {
        return ringName;
    }
}
