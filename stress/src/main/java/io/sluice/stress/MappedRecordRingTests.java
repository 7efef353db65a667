package io.sluice.stress;

import io.sluice.record.MappedRecordRing;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A record ring's file opened while another thread is creating it: the opener is told the file
 * is missing or still being created, or opens a ring with the header the creator wrote, never a
 * ring with a half-written header. (Two threads, each with its own mapping of the file, as two
 * processes would have.)
 */
public final class MappedRecordRingTests {
    private static final Path DIRECTORY = directory();
    private static final AtomicLong FILES = new AtomicLong();
    /**
     * Every so many states, a collection: Java unmaps a file only when its buffer is collected,
     * and tens of thousands of states' mappings would otherwise exhaust the process's map count
     * (the creator and opener then fail to map, which is the test's machinery failing, not the ring).
     */
    private static final int STATES_PER_COLLECTION = 1_000;
    private static final AtomicLong CLEANED = new AtomicLong();

    private MappedRecordRingTests() {
    }

    private static Path directory() {
        try {
            Path shm = Path.of("/dev/shm");
            Path directory = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "sluice-jcstress") : Files.createTempDirectory("sluice-jcstress");
            directory.toFile().deleteOnExit(); // empty by then: each test's arbiter deletes its file
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @JCStressTest
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "created; the opener found no file or a file still being created")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "created; the opener opened it with the creator's header")
    @Outcome(id = "1, 2", expect = FORBIDDEN, desc = "the opener read a header the creator never wrote")
    @Outcome(id = "1, 3", expect = FORBIDDEN, desc = "the opener failed for a reason other than a file not ready")
    @Outcome(expect = FORBIDDEN, desc = "the creator failed")
    @State
    public static class OpenRacingCreate {
        private final Path file = DIRECTORY.resolve("ring-" + FILES.incrementAndGet());

        @Actor
        public void creator(II_Result r) {
            // Each side lets go of its file handle at once (the mapping stays): JCStress runs many
            // states before their arbiters, and open handles would run out first.
            try (MappedRecordRing created = MappedRecordRing.create(file, 16, 8)) {
                r.r1 = created.recordLength() == 16 ? 1 : -1;
            } catch (IOException e) {
                r.r1 = -1;
            }
        }

        @Actor
        public void opener(II_Result r) {
            try (MappedRecordRing opened = MappedRecordRing.open(file)) {
                r.r2 = opened.recordLength() == 16 && opened.capacity() == 8 && opened.cursor() == -1
                        && opened.consumerPosition() == -1 ? 1 : 2;
            } catch (IOException e) {
                String message = String.valueOf(e.getMessage());
                boolean notReady = e instanceof java.nio.file.NoSuchFileException
                        || message.contains("still being created");
                r.r2 = notReady ? 0 : 3;
            }
        }

        @Arbiter
        public void cleanUp() {
            try {
                Files.deleteIfExists(file);
                if (CLEANED.incrementAndGet() % STATES_PER_COLLECTION == 0) {
                    System.gc();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
