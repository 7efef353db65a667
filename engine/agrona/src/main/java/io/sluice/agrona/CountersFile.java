package io.sluice.agrona;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A memory-mapped file holding Agrona counters, written by one process and read by any number of
 * others (see {@link SluiceStat}). Layout: a 128-byte header (magic {@code SLCE}, version,
 * metadata and values lengths, writer pid, start time), then the counters' metadata buffer
 * ({@value CountersReader#METADATA_LENGTH} bytes per counter), then their values buffer
 * ({@value CountersReader#COUNTER_LENGTH} bytes per counter, one cache-line pair each).
 *
 * <p>The writer creates the file and allocates counters through {@link #manager()}; readers
 * {@link #open(Path)} it and use {@link #reader()}. The magic is written last, with a release store,
 * so a reader never sees a half-made header: until it is set, and before the file exists, a reader
 * gets {@link CountersFileNotReadyException} ({@link #open(Path, Duration)} waits instead). Needs Agrona's JVM flag (see the package docs).
 */
public final class CountersFile implements AutoCloseable {
    /** "SLCE". */
    public static final int MAGIC = 0x534C4345;
    /** The layout version this class writes and reads. */
    public static final int VERSION = 1;
    static final int HEADER_LENGTH = 128;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int METADATA_LENGTH_OFFSET = 8;
    private static final int VALUES_LENGTH_OFFSET = 12;
    private static final int PID_OFFSET = 16;
    private static final int START_MILLIS_OFFSET = 24;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Path path;
    private final MappedByteBuffer mapped;
    private final CountersManager manager;
    private final CountersReader reader;
    private final long pid;
    private final long startMillis;

    private CountersFile(Path path, MappedByteBuffer mapped, CountersManager manager, CountersReader reader,
                         long pid, long startMillis) {
        this.path = path;
        this.mapped = mapped;
        this.manager = manager;
        this.reader = reader;
        this.pid = pid;
        this.startMillis = startMillis;
    }

    /**
     * Creates (or replaces) the file, sized for {@code maxCounters}, for this process to write.
     *
     * @param path where to create it
     * @param maxCounters how many counters it can hold; from 1 to 100 000
     * @return the open file
     * @throws IllegalArgumentException if {@code maxCounters} is out of range
     */
    public static CountersFile create(Path path, int maxCounters) {
        Objects.requireNonNull(path, "path");
        if (maxCounters < 1 || maxCounters > 100_000) {
            throw new IllegalArgumentException("maxCounters must be from 1 to 100000: " + maxCounters);
        }
        int metadataLength = maxCounters * CountersReader.METADATA_LENGTH;
        int valuesLength = maxCounters * CountersReader.COUNTER_LENGTH;
        File file = path.toFile();
        IoUtil.deleteIfExists(file);
        MappedByteBuffer mapped = IoUtil.mapNewFile(file, (long) HEADER_LENGTH + metadataLength + valuesLength);
        UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        UnsafeBuffer metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength);
        UnsafeBuffer values = new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength);
        long pid = ProcessHandle.current().pid();
        long startMillis = System.currentTimeMillis();
        header.putInt(VERSION_OFFSET, VERSION);
        header.putInt(METADATA_LENGTH_OFFSET, metadataLength);
        header.putInt(VALUES_LENGTH_OFFSET, valuesLength);
        header.putLong(PID_OFFSET, pid);
        header.putLong(START_MILLIS_OFFSET, startMillis);
        // Release: a reader that sees the magic sees the rest of the header.
        header.putIntRelease(MAGIC_OFFSET, MAGIC);
        CountersManager manager = new CountersManager(metadata, values);
        return new CountersFile(path, mapped, manager, manager, pid, startMillis);
    }

    /**
     * Opens a file another process (or this one) created, to read its counters; does not wait.
     *
     * @param path the file
     * @return the open file, read-only in intent
     * @throws CountersFileNotReadyException if the file does not exist yet, or its writer has not
     *     finished creating it (try again, or use {@link #open(Path, Duration)})
     * @throws IllegalArgumentException if the file is complete but not a Sluice counters file of this version
     */
    public static CountersFile open(Path path) {
        Objects.requireNonNull(path, "path");
        File file = path.toFile();
        if (!file.isFile()) {
            throw new CountersFileNotReadyException(path, "no counters file yet");
        }
        if (file.length() < HEADER_LENGTH) {
            // The writer sizes the file before it writes the header: a short file is either being
            // created or is not a counters file; the magic cannot be read to tell which.
            throw new CountersFileNotReadyException(path, "counters file shorter than its header (still being created?)");
        }
        MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "sluice counters");
        UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        // Acquire: pairs with the writer's release of the magic, written after the rest of the header.
        int magic = header.getIntAcquire(MAGIC_OFFSET);
        if (magic == 0) {
            IoUtil.unmap(mapped);
            throw new CountersFileNotReadyException(path, "counters file not initialised yet (its writer is creating it)");
        }
        if (magic != MAGIC) {
            IoUtil.unmap(mapped);
            throw new IllegalArgumentException("not a Sluice counters file (magic " + Integer.toHexString(magic) + "): " + path);
        }
        int version = header.getInt(VERSION_OFFSET);
        if (version != VERSION) {
            IoUtil.unmap(mapped);
            throw new IllegalArgumentException("counters file version " + version + ", this reader knows " + VERSION + ": " + path);
        }
        int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        if (mapped.capacity() < (long) HEADER_LENGTH + metadataLength + valuesLength) {
            IoUtil.unmap(mapped);
            throw new IllegalArgumentException("counters file truncated: its header describes "
                    + ((long) HEADER_LENGTH + metadataLength + valuesLength) + " bytes, it has " + file.length() + ": " + path);
        }
        UnsafeBuffer metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength);
        UnsafeBuffer values = new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength);
        return new CountersFile(path, mapped, null, new CountersReader(metadata, values),
                header.getLong(PID_OFFSET), header.getLong(START_MILLIS_OFFSET));
    }

    /**
     * Opens a counters file, waiting up to {@code timeout} for it to appear and for its writer
     * to finish creating it, as Aeron's {@code AeronStat} waits for its CnC file. Waits parked,
     * looking every 10 ms. Blocks the calling thread; answers to interrupt.
     *
     * @param path the file
     * @param timeout the most to wait; zero looks once
     * @return the open file, read-only in intent
     * @throws CountersFileNotReadyException if the file is still not ready when the timeout passes
     * @throws IllegalArgumentException if the file is complete but not a Sluice counters file of
     *     this version, or the timeout is negative
     * @throws InterruptedException if interrupted while waiting
     */
    public static CountersFile open(Path path, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0: " + timeout);
        }
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
        while (true) {
            try {
                return open(path);
            } catch (CountersFileNotReadyException notReady) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new CountersFileNotReadyException(path, "no initialised counters file after " + timeout.toMillis()
                            + " ms (is the writing process running, and exporting to this file?)");
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for counters file " + path);
                }
                LockSupport.parkNanos(Math.min(remaining, POLL_NANOS));
            }
        }
    }

    /**
     * {@return the manager to allocate and update counters with}
     * @throws IllegalStateException if this file was opened for reading
     */
    public CountersManager manager() {
        if (manager == null) {
            throw new IllegalStateException("counters file " + path + " was opened for reading");
        }
        return manager;
    }

    /** {@return a reader over the counters} */
    public CountersReader reader() {
        return reader;
    }

    /** {@return the process id of the writer} */
    public long writerPid() {
        return pid;
    }

    /** {@return when the writer created the file, in epoch milliseconds} */
    public long startMillis() {
        return startMillis;
    }

    /** {@return the file's path} */
    public Path path() {
        return path;
    }

    /** Unmaps the file; the file itself stays for readers (delete it when the process ends). */
    @Override
    public void close() {
        IoUtil.unmap(mapped);
    }
}
