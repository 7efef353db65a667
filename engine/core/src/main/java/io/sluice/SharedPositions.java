package io.sluice;

/**
 * The positions of a single-producer ring whose consumer runs in another process: the cursor the
 * producer publishes, the position the consumer has finished, the consumer's heartbeat, and the
 * close, all in memory both processes map. A ring built with
 * {@link RingBufferBuilder#sharedPositions(SharedPositions)} publishes to this cursor and is gated
 * by this consumer, so its producers' backpressure policies follow a consumer in another process,
 * with no thread and no socket between them. {@code io.sluice.record.MappedRecordRing} provides
 * them for a ring of records in a memory-mapped file; an implementation of your own must give the
 * orderings each method names.
 *
 * <p>Called by the producer's thread on its claim and publish paths, and by a thread that closes
 * the ring; never blocks, never allocates.
 */
public interface SharedPositions {
    /**
     * {@return the highest published sequence: an acquire read, so the records up to it are
     * visible; read when the ring is built (where a producer resumes) and by this JVM's readers}
     */
    long cursor();

    /**
     * Publishes every sequence up to {@code sequence}: a release store, so the consumer that
     * reads it with acquire sees every record written before.
     *
     * @param sequence the new cursor
     */
    void publishCursor(long sequence);

    /**
     * {@return the highest sequence the consumer has finished: an acquire read, so its reads of
     * those records happened before the producer reuses them}
     */
    long consumerPosition();

    /** {@return a value the consumer changes at least once per heartbeat while it is alive} */
    long consumerHeartbeat();

    /**
     * {@return how long the producer may see no change of {@link #consumerHeartbeat()} while
     * the ring is full before it takes the consumer for dead and closes the ring; positive}
     */
    long heartbeatTimeoutNanos();

    /**
     * Tells the consumer the ring is closed and no sequence after {@code finalSequence} will be
     * published, so it can drain to it and stop.
     *
     * @param finalSequence the last sequence claimed before the close
     */
    void close(long finalSequence);

    /** {@return what holds the positions, for messages: for example the file} */
    String describe();
}
