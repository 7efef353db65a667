package io.sluice.record;

import io.sluice.RingBuffer;
import io.sluice.RingClosedException;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.EventPoller;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mapped record ring between two JVMs: the producer here, the reader in a child JVM
 * ({@link RecordRingReaderProcess}). Backpressure crosses the boundary; a reader killed with
 * {@code SIGKILL} releases a waiting producer once its heartbeat timeout passes; a new reader
 * resumes where the dead one stopped, and a new producer where the closed one did; a producer
 * killed mid-life ({@link RecordRingWriterProcess}) leaves what it published, and a new one
 * resumes at its cursor.
 */
class TwoProcessRecordRingTest {
    private static final long WAIT_SECONDS = 120;

    @TempDir
    Path directory;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    /** Starts the reader process on {@code file}, on this build's classes. */
    private Process reader(Path file, long last, long... stopAfter) throws IOException {
        List<String> args = new ArrayList<>(List.of(file.toString(), Long.toString(last)));
        for (long n : stopAfter) {
            args.add(Long.toString(n));
        }
        return child(RecordRingReaderProcess.class, args);
    }

    private Process child(Class<?> main, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                        + Path.of("target/test-classes").toAbsolutePath(), main.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(process);
        return process;
    }

    /** The child's next line of output, waiting for it (the child ends the line when it has one). */
    private static String nextLine(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertNotNull(line, "the reader process ended without a word");
        return line;
    }

    /** Offers {@code from..to} as records, each holding its own sequence. */
    private static void offer(RecordProducer offers, long from, long to) throws InterruptedException {
        for (long i = from; i <= to; i++) {
            offers.offer(i);
        }
    }

    private static long sum(long from, long to) {
        return (from + to) * (to - from + 1) / 2;
    }

    @Test
    void everyRecordTheProducerPublishesReachesTheReaderProcessInOrderThroughASmallRing() throws Exception {
        long last = 199_999;
        try (MappedRecordRing file = MappedRecordRing.create(directory.resolve("two.ring"), 8, 64)) {
            RingBuffer<Records> ring = file.producer(Duration.ofSeconds(30)).backpressure(BackpressurePolicy.park()).build();
            Process child = reader(file.file(), last);
            try (RecordProducer offers = new RecordProducer(ring, "p")) {
                offer(offers, 0, last);
            }
            String done = nextLine(child);
            assertTrue(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));

            assertEquals("done 200000 0 " + sum(0, last) + " ok", done);
            assertTrue(ring.snapshot(new io.sluice.metrics.RingSnapshot()).stalls() > 0,
                    "a 64-record ring between two processes: the producer must have waited for the reader");
        }
    }

    @Test
    void aKilledReaderReleasesTheWaitingProducerAndBothResumeWithNothingLostOrRepeated() throws Exception {
        Path path = directory.resolve("killed.ring");
        long last = 4_999;
        MappedRecordRing file = MappedRecordRing.create(path, 8, 64);
        RingBuffer<Records> ring = file.producer(Duration.ofMillis(500)).backpressure(BackpressurePolicy.park()).build();
        Process first = reader(path, last, 1_000);
        RecordProducer offers = new RecordProducer(ring, "p");
        AtomicReference<Throwable> stopped = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                offer(offers, 0, last);
            } catch (Throwable t) {
                stopped.set(t);
            }
        });
        producer.start();

        assertEquals("stopped 999", nextLine(first));
        first.destroyForcibly(); // SIGKILL: no clean-up in the reader process
        assertTrue(first.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        producer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertTrue(stopped.get() instanceof RingClosedException, String.valueOf(stopped.get()));
        assertTrue(stopped.get().getMessage().contains("no heartbeat"), stopped.get().getMessage());
        long published = ring.cursor();
        file.close();

        // A new reader resumes after 999; a new producer resumes after what the first one published.
        Process second = reader(path, last);
        try (MappedRecordRing again = MappedRecordRing.open(path, 8);
             RecordProducer resumed = new RecordProducer(again.producer(Duration.ofSeconds(30)).build(), "p")) {
            offer(resumed, published + 1, last);
            String done = nextLine(second);
            assertTrue(second.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));

            assertEquals("done " + (last - 999) + " 1000 " + sum(1_000, last) + " ok", done);
        }
    }

    @Test
    void aKilledProducerLeavesItsRecordsToTheReaderAndANewProducerResumesAtTheCursor() throws Exception {
        Path path = directory.resolve("producer-killed.ring");
        try (MappedRecordRing file = MappedRecordRing.create(path, 8, 4096)) {
            MappedRecordRing.Reader reader = file.reader();
            Process writer = child(RecordRingWriterProcess.class, List.of(path.toString(), "999"));

            assertEquals("stopped 999", nextLine(writer));
            assertTrue(reader.producerAttached());
            writer.destroyForcibly(); // SIGKILL: the lock goes with the process
            assertTrue(writer.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
            assertFalse(reader.producerAttached(), "no producer holds the file once it is dead");

            List<Long> read = new ArrayList<>();
            EventPoller.Handler<Records> collect = (records, sequence, end) -> read.add(records.getLong(sequence, 0));
            reader.poll(collect);
            assertEquals(1_000, read.size(), "everything the dead producer published");
            try (MappedRecordRing again = MappedRecordRing.open(path, 8);
                 RecordProducer resumed = new RecordProducer(again.producer(Duration.ofSeconds(30)).build(), "p")) {
                offer(resumed, 1_000, 1_999);
            }
            reader.poll(collect);

            for (int i = 0; i < read.size(); i++) {
                assertEquals(i, read.get(i), "record " + i);
            }
            assertEquals(2_000, read.size());
        }
    }
}
