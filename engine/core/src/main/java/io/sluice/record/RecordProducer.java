package io.sluice.record;

import io.sluice.Producer;
import io.sluice.RingBuffer;
import io.sluice.backpressure.BackpressurePolicy;

import java.util.Objects;

/**
 * A producer handle of a record ring with one-call offers of 8-byte records: {@link #offer(long)}
 * claims one record under the handle's {@link BackpressurePolicy}, writes the value at offset 0
 * and publishes it. For longer records, or several fields, claim through {@link #handle()} and
 * write through {@link Records}.
 *
 * <p>Not thread-safe: one thread at a time, as for any producer handle. The offers allocate
 * nothing; {@link #offer(long)} waits as the policy says, {@link #tryOffer(long)} never waits.
 * Every stall, drop and timeout is counted on the handle, as for any claim.
 */
public final class RecordProducer implements AutoCloseable {
    private final Producer<Records> handle;
    private final Records records;

    /**
     * A new handle of {@code ring} under the ring's policy.
     *
     * @param ring a record ring
     * @param name how the producer appears in metrics and JFR events
     */
    public RecordProducer(RingBuffer<Records> ring, String name) {
        this(ring, name, ring.backpressurePolicy());
    }

    /**
     * A new handle of {@code ring} under its own policy.
     *
     * @param ring a record ring
     * @param name how the producer appears in metrics and JFR events
     * @param policy what its claims do when capacity is short
     * @throws IllegalArgumentException if the policy blocks and the ring was not built for
     *     blocking producers
     */
    public RecordProducer(RingBuffer<Records> ring, String name, BackpressurePolicy policy) {
        Objects.requireNonNull(ring, "ring");
        this.records = ring.get(0);
        this.handle = ring.newProducer(name, policy);
    }

    /**
     * Publishes one record holding {@code value} at offset 0 (the rest of a longer record keeps
     * what it held), applying the policy when the ring is full.
     *
     * @param value the record's first 8 bytes
     * @return true if published; false if the policy dropped it ({@code shed}) or its deadline
     *     passed, as the handle's counters record
     * @throws InterruptedException if interrupted while the policy waits
     * @throws io.sluice.RingClosedException if the ring is closed
     */
    public boolean offer(long value) throws InterruptedException {
        long sequence = handle.next();
        if (sequence < 0) {
            return false;
        }
        records.putLong(sequence, 0, value);
        handle.publish(sequence);
        return true;
    }

    /**
     * Publishes one record holding {@code value} at offset 0 if the ring has room now (and the
     * policy's rate limit, if any, a permit).
     *
     * @param value the record's first 8 bytes
     * @return true if published; false if there was no room, without waiting
     * @throws io.sluice.RingClosedException if the ring is closed
     */
    public boolean tryOffer(long value) {
        long sequence = handle.tryNext();
        if (sequence < 0) {
            return false;
        }
        records.putLong(sequence, 0, value);
        handle.publish(sequence);
        return true;
    }

    /** {@return the handle: claims of one or more records, snapshots of its counters, close} */
    public Producer<Records> handle() {
        return handle;
    }

    /** {@return the ring's records, to write claimed records through} */
    public Records records() {
        return records;
    }

    /** Closes the handle; the ring keeps its counts. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "RecordProducer{" + handle + '}';
    }
}
