package io.sluice.record;

import io.sluice.RingBuffer;
import io.sluice.RingBufferBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The records of a record ring: fixed-size records laid out back to back in one flat buffer,
 * one record per slot, addressed by sequence. A record ring is a {@link RingBuffer} of
 * {@code Records} {@linkplain RingBuffer#builderOverStorage built over this storage}: the ring's
 * {@code get(sequence)} returns this one object for every sequence, and each field is read or
 * written with the sequence and the field's byte offset in the record:
 *
 * <pre>{@code
 * RingBuffer<Records> ring = Records.onHeap(16).capacity(1 << 16).producerType(ProducerType.SINGLE).build();
 * Producer<Records> producer = ring.newProducer("quotes");
 * Claim<Records> claim = producer.claim();
 * claim.get().putLong(claim.firstSequence(), 0, price).putInt(claim.firstSequence(), 8, quantity);
 * claim.commit();
 * // a consumer: EventHandler<Records> handler = (records, sequence, endOfBatch) -> records.getLong(sequence, 0);
 * }</pre>
 *
 * Everything else is the ring's: claims under the producer's backpressure policy, publication,
 * gating, the consumers and pipelines, counters, snapshots and JFR events. Where an object ring
 * moves a reference to an event object per slot, a record ring moves the record's bytes: a
 * record of 8 to 64 bytes shares its cache line with its neighbours.
 *
 * <h2>Layout</h2>
 * The record length is a multiple of 8 bytes from 8 to {@link #MAX_RECORD_LENGTH}, so every
 * {@code long} at an offset that is a multiple of 8 is aligned; records of sequence {@code s}
 * start at byte {@code (s & (capacity - 1)) * recordLength}. The buffer is on the heap
 * ({@link #onHeap}), off the heap ({@link #offHeap}, aligned to 64 bytes), or a memory-mapped
 * file ({@link #inMappedFile}); fields are in the platform's byte order.
 *
 * <h2>Bounds</h2>
 * A negative sequence is a claim's failed outcome, never a record, and every accessor refuses
 * it. Offsets are checked against the record length only when the JVM runs with
 * {@code -Dio.sluice.records.checkOffsets=true} (a constant the JIT folds, so the check costs
 * nothing when off): without it a field written past the record's end lands in the next record.
 * The buffer's own bounds are always checked, so no access leaves the buffer.
 *
 * <h2>Thread-safety</h2>
 * The accessors are plain reads and writes; the ring orders them. A producer writes a record
 * between its claim and its publish; a consumer reads it once its barrier shows the sequence
 * available and until its own sequence passes it, as with an object ring's events. Any number
 * of threads may use one {@code Records} for different sequences. Nothing here allocates or blocks.
 */
public final class Records {
    /** The longest record: 4096 bytes. */
    public static final int MAX_RECORD_LENGTH = 4096;
    /** Whether accessors check offsets against the record length: {@code -Dio.sluice.records.checkOffsets=true}. */
    static final boolean CHECK_OFFSETS = Boolean.getBoolean("io.sluice.records.checkOffsets");
    /** Off-heap records start on a cache line. */
    private static final int ALIGNMENT = 64;

    // Views of the buffer as longs, ints and doubles at byte indexes, plain (no ordering: the
    // ring's claim and publish order every access). Tried on a direct buffer with the bench's
    // throughput cells (1P1C, busy spin, two launches each): the buffer's own getLong/putLong
    // ran the ring at 35-43 M records/s, these views at 114-117 M.
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle DOUBLES = MethodHandles.byteBufferViewVarHandle(double[].class, ByteOrder.nativeOrder());
    private final ByteBuffer buffer;
    private final int recordLength;
    private final int mask;
    private final String storage;

    private Records(ByteBuffer buffer, int recordLength, int capacity, String storage) {
        this.buffer = buffer.order(ByteOrder.nativeOrder());
        this.recordLength = recordLength;
        this.mask = capacity - 1;
        this.storage = storage;
    }

    /**
     * Starts building a record ring whose records are on the heap (one {@code byte[]}).
     *
     * @param recordLength bytes per record: a multiple of 8 from 8 to {@link #MAX_RECORD_LENGTH}
     * @return a ring builder with the defaults of {@link RingBuffer#builder}; its capacity is the number of records
     * @throws IllegalArgumentException if the record length is not one of those
     */
    public static RingBufferBuilder<Records> onHeap(int recordLength) {
        checkRecordLength(recordLength);
        return RingBuffer.builderOverStorage(capacity ->
                new Records(ByteBuffer.wrap(new byte[bufferLength(capacity, recordLength)]), recordLength, capacity,
                        "heap"));
    }

    /**
     * Starts building a record ring whose records are off the heap, in a direct buffer whose
     * first record starts on a 64-byte boundary. The memory is freed when the ring becomes
     * unreachable.
     *
     * @param recordLength bytes per record: a multiple of 8 from 8 to {@link #MAX_RECORD_LENGTH}
     * @return a ring builder with the defaults of {@link RingBuffer#builder}; its capacity is the number of records
     * @throws IllegalArgumentException if the record length is not one of those
     */
    public static RingBufferBuilder<Records> offHeap(int recordLength) {
        checkRecordLength(recordLength);
        return RingBuffer.builderOverStorage(capacity -> {
            int length = bufferLength(capacity, recordLength);
            // alignedSlice rounds the start up and the end down to the alignment: room for both.
            ByteBuffer aligned = ByteBuffer.allocateDirect(length + 2 * ALIGNMENT).alignedSlice(ALIGNMENT);
            return new Records(aligned.limit(length).slice(), recordLength, capacity, "off-heap");
        });
    }

    /**
     * Starts building a record ring whose records live in a memory-mapped file, created or
     * resized to {@code capacity × recordLength} bytes when the ring is built. The file holds
     * records only: it is storage for one process's ring (for instance one larger than the heap
     * should hold), not a ring another process can open (that is {@link MappedRecordRing}), and
     * what it held before is overwritten
     * as sequences are published.
     *
     * @param file the file to map
     * @param recordLength bytes per record: a multiple of 8 from 8 to {@link #MAX_RECORD_LENGTH}
     * @return a ring builder with the defaults of {@link RingBuffer#builder}; its capacity is the number of records
     * @throws IllegalArgumentException if the record length is not one of those
     * @throws UncheckedIOException from {@code build()} if the file cannot be opened or mapped, naming the file
     * @throws IllegalArgumentException from {@code build()} if the file holds a {@link MappedRecordRing}
     */
    public static RingBufferBuilder<Records> inMappedFile(Path file, int recordLength) {
        Objects.requireNonNull(file, "file");
        checkRecordLength(recordLength);
        return RingBuffer.builderOverStorage(capacity -> {
            int length = bufferLength(capacity, recordLength);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                refuseSharedRing(file, channel);
                MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
                return new Records(mapped, recordLength, capacity, "mapped file " + file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map the records of a ring onto " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /** Records over {@code region}, which holds exactly {@code capacity × recordLength} bytes. */
    static Records over(ByteBuffer region, int recordLength, int capacity, String storage) {
        return new Records(region, recordLength, capacity, storage);
    }

    /** A ring another process shares would be overwritten from its header on: refused, naming the file. */
    private static void refuseSharedRing(Path file, FileChannel channel) throws IOException {
        if (channel.size() < Long.BYTES) {
            return;
        }
        ByteBuffer first = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder());
        channel.read(first, 0);
        if (first.getLong(0) == MappedRecordRing.MAGIC) {
            throw new IllegalArgumentException(file + " holds a ring two processes share; open it with "
                    + "MappedRecordRing.open, not as one process's storage, which would overwrite its header");
        }
    }

    static void checkRecordLength(int recordLength) {
        if (recordLength < 8 || recordLength > MAX_RECORD_LENGTH || recordLength % 8 != 0) {
            throw new IllegalArgumentException("record length must be a multiple of 8 from 8 to " + MAX_RECORD_LENGTH
                    + " bytes: " + recordLength);
        }
    }

    private static int bufferLength(int capacity, int recordLength) {
        long length = (long) capacity * recordLength;
        if (length > Integer.MAX_VALUE - 2 * ALIGNMENT) {
            throw new IllegalArgumentException("capacity " + capacity + " × record length " + recordLength + " = "
                    + length + " bytes is more than one buffer holds (2^31 - 129 bytes)");
        }
        return (int) length;
    }

    /**
     * The byte index of {@code offset} in the record of {@code sequence}.
     *
     * @param size the field's size in bytes
     */
    private int indexOf(long sequence, int offset, int size) {
        if (sequence < 0) {
            throw notASequence(sequence);
        }
        if (CHECK_OFFSETS && (offset < 0 || offset > recordLength - size)) {
            throw outsideRecord(offset, size);
        }
        return (int) (sequence & mask) * recordLength + offset;
    }

    private IllegalArgumentException notASequence(long value) {
        String outcome = value == RingBuffer.INSUFFICIENT_CAPACITY ? " (INSUFFICIENT_CAPACITY: a try claim found the ring full)"
                : value == RingBuffer.TIMED_OUT ? " (TIMED_OUT: the claim's deadline passed)"
                : value == RingBuffer.DROPPED ? " (DROPPED: the policy shed the record)"
                : "";
        return new IllegalArgumentException("sequence " + value + outcome + " names no record"
                + ": a claim that got nothing returns a negative outcome; test it before writing");
    }

    private IndexOutOfBoundsException outsideRecord(int offset, int size) {
        return new IndexOutOfBoundsException("a field of " + size + " bytes at offset " + offset
                + " does not fit in a record of " + recordLength + " bytes");
    }

    /**
     * Reads a {@code long}.
     *
     * @param sequence the record's sequence
     * @param offset the field's byte offset in the record
     * @return the field
     * @throws IllegalArgumentException if {@code sequence} is negative
     */
    public long getLong(long sequence, int offset) {
        return (long) LONGS.get(buffer, indexOf(sequence, offset, Long.BYTES));
    }

    /**
     * Writes a {@code long}.
     *
     * @param sequence the record's sequence
     * @param offset the field's byte offset in the record
     * @param value the field
     * @return this, to write the next field
     * @throws IllegalArgumentException if {@code sequence} is negative; nothing is written
     */
    public Records putLong(long sequence, int offset, long value) {
        LONGS.set(buffer, indexOf(sequence, offset, Long.BYTES), value);
        return this;
    }

    /**
     * Reads an {@code int}.
     *
     * @param sequence the record's sequence
     * @param offset the field's byte offset in the record
     * @return the field
     * @throws IllegalArgumentException if {@code sequence} is negative
     */
    public int getInt(long sequence, int offset) {
        return (int) INTS.get(buffer, indexOf(sequence, offset, Integer.BYTES));
    }

    /**
     * Writes an {@code int}.
     *
     * @param sequence the record's sequence
     * @param offset the field's byte offset in the record
     * @param value the field
     * @return this, to write the next field
     * @throws IllegalArgumentException if {@code sequence} is negative; nothing is written
     */
    public Records putInt(long sequence, int offset, int value) {
        INTS.set(buffer, indexOf(sequence, offset, Integer.BYTES), value);
        return this;
    }

    /**
     * Reads a {@code double}.
     *
     * @param sequence the record's sequence
     * @param offset the field's byte offset in the record
     * @return the field
     * @throws IllegalArgumentException if {@code sequence} is negative
     */
    public double getDouble(long sequence, int offset) {
        return (double) DOUBLES.get(buffer, indexOf(sequence, offset, Double.BYTES));
    }

    /**
     * Writes a {@code double}.
     *
     * @param sequence the record's sequence
     * @param offset the field's byte offset in the record
     * @param value the field
     * @return this, to write the next field
     * @throws IllegalArgumentException if {@code sequence} is negative; nothing is written
     */
    public Records putDouble(long sequence, int offset, double value) {
        DOUBLES.set(buffer, indexOf(sequence, offset, Double.BYTES), value);
        return this;
    }

    /**
     * Copies {@code length} bytes of the record, from {@code offset}, into {@code target}.
     *
     * @param sequence the record's sequence
     * @param offset the first byte's offset in the record
     * @param target where to copy them
     * @param targetOffset where in {@code target} the first byte goes
     * @param length how many bytes
     * @throws IllegalArgumentException if {@code sequence} is negative
     * @throws IndexOutOfBoundsException if the range does not fit in {@code target}, or (checked
     *     always, since a range may be long) in the record
     */
    public void getBytes(long sequence, int offset, byte[] target, int targetOffset, int length) {
        Objects.checkFromIndexSize(targetOffset, length, target.length);
        checkRange(offset, length);
        buffer.get(indexOf(sequence, offset, length), target, targetOffset, length);
    }

    /**
     * Copies {@code length} bytes from {@code source} into the record, from {@code offset}.
     *
     * @param sequence the record's sequence
     * @param offset the first byte's offset in the record
     * @param source the bytes
     * @param sourceOffset where in {@code source} the first byte is
     * @param length how many bytes
     * @return this, to write the next field
     * @throws IllegalArgumentException if {@code sequence} is negative; nothing is written
     * @throws IndexOutOfBoundsException if the range does not fit in {@code source}, or (checked
     *     always, since a range may be long) in the record; nothing is written
     */
    public Records putBytes(long sequence, int offset, byte[] source, int sourceOffset, int length) {
        Objects.checkFromIndexSize(sourceOffset, length, source.length);
        checkRange(offset, length);
        buffer.put(indexOf(sequence, offset, length), source, sourceOffset, length);
        return this;
    }

    private void checkRange(int offset, int length) {
        if (offset < 0 || length > recordLength - offset) {
            throw new IndexOutOfBoundsException("a range of " + length + " bytes at offset " + offset
                    + " does not fit in a record of " + recordLength + " bytes");
        }
    }

    /** {@return the bytes per record} */
    public int recordLength() {
        return recordLength;
    }

    /** {@return the number of records: the ring's capacity} */
    public int capacity() {
        return mask + 1;
    }

    /** {@return whether the records are off the heap (a direct or mapped buffer)} */
    public boolean isOffHeap() {
        return buffer.isDirect();
    }

    @Override
    public String toString() {
        return "Records{" + capacity() + " × " + recordLength + " bytes, " + storage + '}';
    }
}
