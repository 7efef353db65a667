package io.sluice.record;

import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.RingBufferBuilder;
import io.sluice.SharedPositions;
import io.sluice.consumer.EventPoller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;

/**
 * A record ring in a memory-mapped file, for one producer process and one consumer process: the
 * file holds a self-describing header (magic, which also marks the byte order, version, record
 * length, capacity), the producer's cursor, the consumer's position and heartbeat and the close,
 * each on cache lines of its own, then the records. The producer's ring ({@link #producer(Duration)}) is an ordinary
 * {@code RingBuffer<Records>} whose every backpressure policy that polls (spin, yield, park,
 * timeouts, shedding, rate limits) follows the consumer in the other process: backpressure crosses
 * the process boundary with no thread and no socket. The consumer reads with a {@link Reader}.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>A consumer that dies ({@code kill -9}) stops beating. A producer whose ring is full and
 *       whose consumer's heartbeat stays still for the heartbeat timeout closes its ring: waiting
 *       and later claims throw {@link io.sluice.RingClosedException} naming the file. The ring is
 *       then abandoned by that producer; open the file again (a new producer resumes at the
 *       cursor) once a consumer is back.</li>
 *   <li>A consumer that opens the file again resumes after the last position the previous one
 *       released: no record is lost or read twice, provided the previous consumer released its
 *       position only after it finished with the records (as {@link Reader#poll} does).</li>
 *   <li>A producer that dies leaves the cursor at its last publish; a reader sees
 *       {@link Reader#producerAttached()} false, and a new producer resumes at the cursor.</li>
 *   <li>Opening a file that is not a ring, is of another version, byte order or record length, is
 *       truncated, or is still being created fails at once with an {@link IOException} naming
 *       the file and the reason: the creator writes the magic last, with release.</li>
 *   <li>One producer and one reader at a time, each enforced with a lock on its region of the
 *       file, which the operating system releases when its process dies.</li>
 * </ul>
 *
 * <h2>Thread-safety</h2>
 * Creating and opening are safe from any thread. The producer ring follows the ring's own rules
 * (one producer thread); a {@link Reader} is for one thread at a time. Nothing here blocks;
 * reading and publishing allocate nothing.
 */
public final class MappedRecordRing implements AutoCloseable {
    /** The file format version this library writes and reads. */
    public static final int VERSION = 1;
    /** Bytes before the first record: the header and the positions. */
    public static final int HEADER_LENGTH = 1024;
    /**
     * "SLUICERG", the file's first eight bytes once it is created; read in the other byte order it
     * is this value's byte reversal, so it is also the file's byte-order mark.
     */
    static final long MAGIC = 0x534C554943455247L;

    // Header layout. Each position sits on 128 bytes of its own (two cache lines, for the adjacent-line prefetcher).
    private static final int MAGIC_AT = 0;
    private static final int VERSION_AT = 8;
    private static final int RECORD_LENGTH_AT = 16;
    private static final int CAPACITY_AT = 20;
    private static final int CURSOR_AT = 128;
    private static final int CONSUMER_AT = 256;
    private static final int HEARTBEAT_AT = 384;
    private static final int CLOSED_AT = 512;
    private static final int FINAL_AT = 520;
    /** Where the producer and the reader take their locks: a byte of each one's own line. */
    private static final int PRODUCER_LOCK_AT = 640;
    private static final int READER_LOCK_AT = 768;

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final Path file;
    private final FileChannel channel;
    private final MappedByteBuffer map;
    private final int recordLength;
    private final int capacity;
    private final Records records;

    private MappedRecordRing(Path file, FileChannel channel, MappedByteBuffer map, int recordLength, int capacity) {
        this.file = file;
        this.channel = channel;
        this.map = map;
        this.recordLength = recordLength;
        this.capacity = capacity;
        this.records = Records.over(map.slice(HEADER_LENGTH, capacity * recordLength).order(ByteOrder.nativeOrder()),
                recordLength, capacity, "mapped ring " + file);
    }

    /**
     * Creates the file and initialises the ring in it: cursor and consumer position at -1
     * (nothing published, nothing consumed). The magic goes in last, with release, so a process
     * that opens the file meanwhile is told it is still being created.
     *
     * @param file a file that does not exist yet
     * @param recordLength bytes per record: a multiple of 8 from 8 to {@link Records#MAX_RECORD_LENGTH}
     * @param capacity the number of records, a power of two from 1 to 2<sup>30</sup>
     * @return the ring, mapped
     * @throws IllegalArgumentException if the record length or capacity is not one of those
     * @throws IOException if the file exists or cannot be created, naming it
     */
    public static MappedRecordRing create(Path file, int recordLength, int capacity) throws IOException {
        Objects.requireNonNull(file, "file");
        Records.checkRecordLength(recordLength);
        if (capacity < 1 || capacity > RingBuffer.MAX_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two from 1 to 2^30: " + capacity);
        }
        long length = HEADER_LENGTH + (long) capacity * recordLength;
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("capacity " + capacity + " × record length " + recordLength
                    + " is more than one mapping holds (2^31 - 1 bytes with the header)");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
            map.order(ByteOrder.nativeOrder());
            map.putInt(VERSION_AT, VERSION).putInt(RECORD_LENGTH_AT, recordLength)
                    .putInt(CAPACITY_AT, capacity);
            // Plain: nobody reads these before the magic, whose release below publishes them.
            LONGS.set(map, CURSOR_AT, -1L);
            LONGS.set(map, CONSUMER_AT, -1L);
            LONGS.set(map, FINAL_AT, -1L);
            // Release: whoever reads the magic with acquire sees the whole header.
            LONGS.setRelease(map, MAGIC_AT, MAGIC);
            return new MappedRecordRing(file, channel, map, recordLength, capacity);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens a ring another process created, whatever its record length.
     *
     * @param file the ring's file
     * @return the ring, mapped
     * @throws IOException naming the file and the reason, if it does not exist, is not a ring, is
     *     of another version or byte order, is truncated or is still being created
     */
    public static MappedRecordRing open(Path file) throws IOException {
        return open(file, 0);
    }

    /**
     * Opens a ring another process created, whose records must be {@code recordLength} bytes.
     *
     * @param file the ring's file
     * @param recordLength the record length the caller reads and writes
     * @return the ring, mapped
     * @throws IOException naming the file and the reason, as {@link #open(Path)}, or if its records
     *     are of another length
     */
    public static MappedRecordRing open(Path file, int recordLength) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no record ring there");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            if (size < HEADER_LENGTH) {
                throw refused(file, "is not a record ring, or is still being created: " + size
                        + " bytes, less than the " + HEADER_LENGTH + "-byte header");
            }
            MappedByteBuffer header = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_LENGTH);
            header.order(ByteOrder.nativeOrder());
            // Acquire: pairs with the creator's release of the magic, written after everything else.
            long magic = (long) LONGS.getAcquire(header, MAGIC_AT);
            if (magic == 0) {
                throw refused(file, "is still being created (its magic is not written yet), or is not a record ring");
            }
            if (magic != MAGIC && Long.reverseBytes(magic) == MAGIC) {
                throw refused(file, "was written with the other byte order");
            }
            if (magic != MAGIC) {
                throw refused(file, String.format("is not a record ring: it starts 0x%016x", magic));
            }
            int version = header.getInt(VERSION_AT);
            if (version != VERSION) {
                throw refused(file, "is a record ring of format version " + version + "; this library reads version " + VERSION);
            }
            int length = header.getInt(RECORD_LENGTH_AT);
            int records = header.getInt(CAPACITY_AT);
            if (length < 8 || length > Records.MAX_RECORD_LENGTH || length % 8 != 0 || records < 1
                    || records > RingBuffer.MAX_CAPACITY || Integer.bitCount(records) != 1) {
                throw refused(file, "has a damaged header: record length " + length + ", capacity " + records);
            }
            if (recordLength != 0 && length != recordLength) {
                throw refused(file, "holds records of " + length + " bytes, not the " + recordLength + " asked for");
            }
            long expected = HEADER_LENGTH + (long) records * length;
            if (size != expected) {
                throw refused(file, "is truncated or damaged: " + size + " bytes, where a ring of " + records
                        + " records of " + length + " bytes takes " + expected);
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, expected);
            map.order(ByteOrder.nativeOrder());
            return new MappedRecordRing(file, channel, map, length, records);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static IOException refused(Path file, String reason) {
        return new IOException("cannot open " + file + " as a record ring: it " + reason);
    }

    /**
     * Starts building the producer's ring over this file: one producer, this file's capacity and
     * records, its cursor and consumer in the file. Set the policy, wait strategy, watermarks or
     * name on the builder as for any ring, but not the capacity or producer type; the policy
     * must poll ({@code block()} is refused, see {@link RingBufferBuilder#sharedPositions}).
     * {@code build()} takes the file's producer lock, for as long as this process holds the file
     * open, and throws {@link UncheckedIOException} if another producer holds it.
     *
     * @param heartbeatTimeout how long the ring may be full while the consumer's heartbeat stays
     *     still before the producer takes the consumer for dead and closes the ring
     * @return a ring builder
     */
    public RingBufferBuilder<Records> producer(Duration heartbeatTimeout) {
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
            throw new IllegalArgumentException("heartbeatTimeout must be positive: " + heartbeatTimeout);
        }
        long timeoutNanos = heartbeatTimeout.toNanos();
        return RingBuffer.builderOverStorage(ringCapacity -> {
            if (ringCapacity != capacity) {
                throw new IllegalArgumentException("the ring over " + file + " has the file's capacity " + capacity
                        + ", not " + ringCapacity);
            }
            try {
                lock(PRODUCER_LOCK_AT, "producer");
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            return records;
        }).name(file.getFileName().toString()).capacity(capacity).producerType(ProducerType.SINGLE)
                .sharedPositions(new FilePositions(timeoutNanos));
    }

    /**
     * The consumer of this file, resuming after the position the previous consumer released.
     * Takes the file's reader lock, for as long as this process holds the file open.
     *
     * @return the reader
     * @throws IOException if another process (or another reader of this one) holds the reader lock
     */
    public Reader reader() throws IOException {
        lock(READER_LOCK_AT, "reader");
        return new Reader();
    }

    private void lock(int at, String role) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock(at, 1, false);
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException(file + " already has a " + role + ": one " + role + " at a time, in any process");
        }
    }

    /** {@return the file} */
    public Path file() {
        return file;
    }

    /** {@return the bytes per record} */
    public int recordLength() {
        return recordLength;
    }

    /** {@return the number of records} */
    public int capacity() {
        return capacity;
    }

    /** {@return the highest sequence the producer has published; -1 before the first} Thread-safe. */
    public long cursor() {
        // Acquire: pairs with the producer's release, so the records up to the cursor are visible.
        return (long) LONGS.getAcquire(map, CURSOR_AT);
    }

    /** {@return the highest sequence the consumer has finished; -1 before the first} Thread-safe. */
    public long consumerPosition() {
        // Acquire: pairs with the reader's release, so its reads of those records are done before reuse.
        return (long) LONGS.getAcquire(map, CONSUMER_AT);
    }

    /** {@return whether the producer has closed the ring} Thread-safe. */
    public boolean isClosed() {
        // Acquire: pairs with the close's release, so the final sequence written before it is visible.
        return (long) LONGS.getAcquire(map, CLOSED_AT) != 0;
    }

    /**
     * Releases this process's locks on the file (its producer or reader role) and the file handle;
     * the mapping stays valid until it is unreachable. Closing the producer's ring is separate:
     * {@code ring.close(...)} tells the consumer where the records end.
     *
     * @throws IOException if the file handle cannot be closed
     */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "MappedRecordRing{" + file + ", " + capacity + " × " + recordLength + " bytes, cursor=" + cursor()
                + ", consumer=" + consumerPosition() + (isClosed() ? ", closed" : "") + '}';
    }

    /** The producer's view of the file's positions. */
    private final class FilePositions implements SharedPositions {
        private final long heartbeatTimeoutNanos;

        FilePositions(long heartbeatTimeoutNanos) {
            this.heartbeatTimeoutNanos = heartbeatTimeoutNanos;
        }

        @Override
        public long cursor() {
            return MappedRecordRing.this.cursor();
        }

        @Override
        public void publishCursor(long sequence) {
            // Release: the consumer that acquires the cursor sees the records written before.
            LONGS.setRelease(map, CURSOR_AT, sequence);
        }

        @Override
        public long consumerPosition() {
            return MappedRecordRing.this.consumerPosition();
        }

        @Override
        public long consumerHeartbeat() {
            // Opaque: a value, not an ordering; the producer only asks whether it changed.
            return (long) LONGS.getOpaque(map, HEARTBEAT_AT);
        }

        @Override
        public long heartbeatTimeoutNanos() {
            return heartbeatTimeoutNanos;
        }

        @Override
        public void close(long finalSequence) {
            LONGS.setRelease(map, FINAL_AT, finalSequence);
            // Release, after the final sequence: a reader that sees the close sees where records end.
            LONGS.setRelease(map, CLOSED_AT, 1L);
        }

        @Override
        public String describe() {
            return file.toString();
        }
    }

    /**
     * The consumer of the file: reads what the producer published, in order, releases its
     * position after each poll and beats the heartbeat on every poll. Poll at least once per
     * heartbeat timeout while the ring may be full, or the producer takes this consumer for dead.
     * For one thread at a time; allocation-free.
     */
    public final class Reader {
        private long next = consumerPosition() + 1;
        private long beats;

        private Reader() {
        }

        /**
         * Hands every record published and not yet read to {@code handler}, in sequence order,
         * then releases the position and beats.
         *
         * @param handler receives the records (it may return false to stop early)
         * @return the number of records handled
         * @throws Exception what the handler threw; the records before it are released, and the
         *     one it threw on is handed again on the next poll
         */
        public int poll(EventPoller.Handler<? super Records> handler) throws Exception {
            return poll(handler, Integer.MAX_VALUE);
        }

        /**
         * As {@link #poll(EventPoller.Handler)}, handing at most {@code limit} records.
         *
         * @param handler receives the records (it may return false to stop early)
         * @param limit the most records to hand over, at least 1
         * @return the number of records handled
         * @throws Exception what the handler threw, as {@link #poll(EventPoller.Handler)}
         */
        public int poll(EventPoller.Handler<? super Records> handler, int limit) throws Exception {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1: " + limit);
            }
            beat();
            long available = cursor();
            long first = next;
            if (available < first) {
                return 0;
            }
            long end = Math.min(available, first + limit - 1);
            long done = first - 1;
            try {
                for (long s = first; s <= end; s++) {
                    boolean more = handler.onEvent(records, s, s == end);
                    done = s;
                    if (!more) {
                        break;
                    }
                }
            } finally {
                if (done >= first) {
                    // Release: every read of these records happens before the producer reuses them.
                    LONGS.setRelease(map, CONSUMER_AT, done);
                    next = done + 1;
                }
            }
            return (int) (done - first + 1);
        }

        /** Tells the producer this consumer is alive, without reading: for a consumer busy elsewhere. */
        public void beat() {
            // Opaque: the producer only watches the value change; no ordering is needed.
            LONGS.setOpaque(map, HEARTBEAT_AT, ++beats);
        }

        /** {@return the next sequence this reader will hand over} */
        public long nextSequence() {
            return next;
        }

        /**
         * {@return whether the producer closed the ring and this reader has read every record up
         * to the close's final sequence: nothing more will come}
         */
        public boolean isDrained() {
            return isClosed() && next > (long) LONGS.getAcquire(map, FINAL_AT);
        }

        /**
         * Whether a producer process holds the file's producer lock now: false once the producer
         * has died or released the file. Tries the lock and lets it go at once.
         *
         * @return whether a producer is attached
         * @throws IOException if the lock cannot be tried
         */
        public boolean producerAttached() throws IOException {
            FileLock probe;
            try {
                probe = channel.tryLock(PRODUCER_LOCK_AT, 1, false);
            } catch (OverlappingFileLockException e) {
                return true; // this very process is the producer
            }
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        }
    }
}
