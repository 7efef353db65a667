package io.sluice.record;

import io.sluice.AllocationWindows;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.RingClosedException;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.EventPoller;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record ring in a mapped file: what one side writes the other reads, backpressure follows the
 * reader, a dead reader is detected, both sides resume, and a file that is not a ring is refused
 * by name. Here both sides are in one JVM, each with its own mapping of the file, as two
 * processes would have; {@link TwoProcessRecordRingTest} runs the reader in a second JVM.
 */
class MappedRecordRingTest {
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);

    @TempDir
    Path directory;
    private final List<MappedRecordRing> opened = new ArrayList<>();

    @AfterEach
    void closeFiles() throws IOException {
        for (MappedRecordRing ring : opened) {
            ring.close();
        }
    }

    private MappedRecordRing create(String name, int recordLength, int capacity) throws IOException {
        MappedRecordRing ring = MappedRecordRing.create(directory.resolve(name), recordLength, capacity);
        opened.add(ring);
        return ring;
    }

    private MappedRecordRing open(Path file) throws IOException {
        MappedRecordRing ring = MappedRecordRing.open(file);
        opened.add(ring);
        return ring;
    }

    /** Reads every record's first long into {@code into}; returns how many. */
    private static int readAll(MappedRecordRing.Reader reader, List<Long> into) throws Exception {
        return reader.poll((records, sequence, endOfBatch) -> into.add(records.getLong(sequence, 0)));
    }

    private static String message(Class<? extends Throwable> type, ThrowingCall call) {
        return assertThrows(type, call::run).getMessage();
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void aRecordThePublisherWritesIsReadThroughAnotherMappingWithEveryField() throws Exception {
        MappedRecordRing producerSide = create("fields.ring", 24, 8);
        RingBuffer<Records> ring = producerSide.producer(HEARTBEAT).build();
        MappedRecordRing.Reader reader = open(producerSide.file()).reader();

        long s = ring.next();
        ring.get(s).putLong(s, 0, 42).putDouble(s, 8, 2.5).putInt(s, 16, -3);
        ring.publish(s);

        List<String> read = new ArrayList<>();
        assertEquals(1, reader.poll((records, sequence, end) -> read.add(records.getLong(sequence, 0) + " "
                + records.getDouble(sequence, 8) + " " + records.getInt(sequence, 16))));
        assertEquals(List.of("42 2.5 -3"), read);
        assertEquals(0, producerSide.consumerPosition());
    }

    @Test
    void theProducersPolicyWaitsForTheReaderAcrossManyLapsAndNothingIsLost() throws Exception {
        MappedRecordRing producerSide = create("laps.ring", 8, 4);
        RingBuffer<Records> ring = producerSide.producer(HEARTBEAT).backpressure(BackpressurePolicy.park()).build();
        MappedRecordRing.Reader reader = open(producerSide.file()).reader();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try (RecordProducer offers = new RecordProducer(ring, "p")) {
                for (long i = 0; i < 10_000; i++) {
                    offers.offer(i);
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        producer.start();
        List<Long> read = new ArrayList<>();
        while (read.size() < 10_000 && failed.get() == null) {
            if (readAll(reader, read) == 0) {
                Thread.onSpinWait();
            }
        }
        producer.join();

        assertEquals(null, failed.get());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(i, read.get(i), "record " + i);
        }
        assertEquals(10_000, read.size());
    }

    @Test
    void aFullRingWhoseReaderStopsBeatingIsClosedAfterTheHeartbeatTimeoutNamingTheFile() throws Exception {
        MappedRecordRing producerSide = create("abandoned.ring", 8, 2);
        RingBuffer<Records> ring = producerSide.producer(Duration.ofMillis(200))
                .backpressure(BackpressurePolicy.park()).build();
        open(producerSide.file()).reader().beat(); // alive once, then never again
        RecordProducer offers = new RecordProducer(ring, "p");
        offers.offer(1);
        offers.offer(2);

        String message = message(RingClosedException.class, () -> offers.offer(3));

        assertTrue(message.contains(producerSide.file().toString()) && message.contains("no heartbeat"), message);
        assertTrue(ring.isClosed());
        assertTrue(producerSide.isClosed(), "the file tells the reader where records end");
    }

    @Test
    void aFullRingWhoseReaderKeepsBeatingWaitsPastTheHeartbeatTimeout() throws Exception {
        MappedRecordRing producerSide = create("slow.ring", 8, 2);
        RingBuffer<Records> ring = producerSide.producer(Duration.ofMillis(500))
                .backpressure(BackpressurePolicy.park()).build();
        MappedRecordRing.Reader reader = open(producerSide.file()).reader();
        RecordProducer offers = new RecordProducer(ring, "p");
        offers.offer(1);
        offers.offer(2);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread waiting = new Thread(() -> {
            try {
                offers.offer(3);
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        waiting.start();
        // The reader beats without reading for three timeouts: the producer keeps waiting, then gets its room.
        long until = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
        while (System.nanoTime() < until) {
            reader.beat();
            Thread.sleep(10);
        }
        assertTrue(waiting.isAlive(), "still waiting for room");
        List<Long> read = new ArrayList<>();
        while (read.size() < 3) {
            readAll(reader, read);
        }
        waiting.join();

        assertEquals(null, failed.get());
        assertEquals(List.of(1L, 2L, 3L), read);
    }

    @Test
    void aReaderThatOpensTheFileAgainResumesAfterTheLastReleasedRecord() throws Exception {
        MappedRecordRing producerSide = create("resume.ring", 8, 8);
        RecordProducer offers = new RecordProducer(producerSide.producer(HEARTBEAT).build(), "p");
        for (long i = 0; i < 5; i++) {
            offers.offer(i);
        }
        MappedRecordRing first = MappedRecordRing.open(producerSide.file());
        List<Long> read = new ArrayList<>();
        first.reader().poll((records, sequence, end) -> read.add(records.getLong(sequence, 0)), 3);
        first.close(); // as a process that exits: its reader lock goes with it

        MappedRecordRing.Reader again = open(producerSide.file()).reader();
        readAll(again, read);

        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), read);
    }

    @Test
    void aProducerThatOpensTheFileAgainResumesAtTheCursor() throws Exception {
        MappedRecordRing first = MappedRecordRing.create(directory.resolve("producer.ring"), 8, 8);
        RecordProducer offers = new RecordProducer(first.producer(HEARTBEAT).build(), "p");
        offers.offer(10);
        offers.offer(11);
        first.close();

        RingBuffer<Records> ring = open(first.file()).producer(HEARTBEAT).build();
        new RecordProducer(ring, "p").offer(12);

        assertEquals(2, ring.cursor());
        List<Long> read = new ArrayList<>();
        readAll(open(first.file()).reader(), read);
        assertEquals(List.of(10L, 11L, 12L), read);
    }

    @Test
    void aProducerThatOpensAFullRingAgainOverwritesNoRecordTheReaderHasNotFinished() throws Exception {
        MappedRecordRing first = MappedRecordRing.create(directory.resolve("full.ring"), 8, 4);
        RecordProducer offers = new RecordProducer(first.producer(HEARTBEAT).build(), "p");
        for (long i = 0; i < 4; i++) {
            offers.offer(i);
        }
        first.close();

        RecordProducer again = new RecordProducer(open(first.file()).producer(HEARTBEAT).build(), "p");

        assertFalse(again.tryOffer(4), "the reader has read none of the four records");
        List<Long> read = new ArrayList<>();
        readAll(open(first.file()).reader(), read);
        assertEquals(List.of(0L, 1L, 2L, 3L), read);
        assertTrue(again.tryOffer(4));
    }

    @Test
    void closingTheProducersRingTellsTheReaderWhereTheRecordsEnd() throws Exception {
        MappedRecordRing producerSide = create("closed.ring", 8, 8);
        RingBuffer<Records> ring = producerSide.producer(HEARTBEAT).build();
        RecordProducer offers = new RecordProducer(ring, "p");
        offers.offer(1);
        offers.offer(2);
        MappedRecordRing.Reader reader = open(producerSide.file()).reader();

        ring.close("done", null);
        assertFalse(reader.isDrained(), "two records still to read");
        readAll(reader, new ArrayList<>());

        assertTrue(reader.isDrained());
    }

    @Test
    void aReaderSeesWhetherAProducerHoldsTheFile() throws Exception {
        MappedRecordRing producerSide = MappedRecordRing.create(directory.resolve("attached.ring"), 8, 8);
        producerSide.producer(HEARTBEAT).build();
        MappedRecordRing.Reader reader = open(producerSide.file()).reader();
        // Within one JVM the lock of another channel shows as held: the producer is attached.
        assertTrue(reader.producerAttached());

        producerSide.close();

        assertFalse(reader.producerAttached());
    }

    @Test
    void aSecondReaderOrProducerOfOneFileIsRefusedByName() throws Exception {
        MappedRecordRing producerSide = create("one-each.ring", 8, 8);
        producerSide.producer(HEARTBEAT).build();
        MappedRecordRing readerSide = open(producerSide.file());
        readerSide.reader();

        assertTrue(message(IOException.class, readerSide::reader).contains("already has a reader"));
        assertTrue(message(UncheckedIOException.class, () -> readerSide.producer(HEARTBEAT).build())
                .contains("already has a producer"));
    }

    @Test
    void aProducerRingThatWouldBlockOrHaveManyProducersIsRefusedAtBuild() throws Exception {
        MappedRecordRing producerSide = create("refused.ring", 8, 8);

        String blocking = message(IllegalStateException.class,
                () -> producerSide.producer(HEARTBEAT).backpressure(BackpressurePolicy.block()).build());
        assertTrue(blocking.contains("would block") && blocking.contains(producerSide.file().toString()), blocking);
        String multi = message(IllegalStateException.class,
                () -> producerSide.producer(HEARTBEAT).producerType(ProducerType.MULTI).build());
        assertTrue(multi.contains("MULTI"), multi);
        producerSide.producer(HEARTBEAT).build(); // the refused builds took no lock
    }

    @Test
    void aBlockingProducerHandleOfASharedRingIsRefusedSayingWhy() throws Exception {
        RingBuffer<Records> ring = create("handle.ring", 8, 8).producer(HEARTBEAT).build();

        String message = message(IllegalArgumentException.class, () -> ring.newProducer("p", BackpressurePolicy.block()));
        assertTrue(message.contains("another process") && message.contains("polling policy"), message);
    }

    @Test
    void offeringAndReadingAcrossTheFileAllocateNothingAfterWarmUp() throws Exception {
        MappedRecordRing producerSide = create("allocation.ring", 8, 1024);
        RecordProducer offers = new RecordProducer(producerSide.producer(HEARTBEAT).build(), "p");
        MappedRecordRing.Reader reader = open(producerSide.file()).reader();
        long[] sum = {0};
        EventPoller.Handler<Records> add = (records, sequence, end) -> {
            sum[0] += records.getLong(sequence, 0);
            return true;
        };
        AllocationWindows.Work lap = () -> {
            for (int round = 0; round < 1_000; round++) {
                for (long i = 0; i < 1_000; i++) {
                    offers.offer(i);
                }
                try {
                    while (reader.poll(add) > 0) {
                        // read the lap
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        };
        lap.run();

        AllocationWindows.assertSteadyStateAllocatesNothing("offer and poll over a mapped file",
                AllocationWindows.measure(lap));
    }

    @Test
    void aProducerRingOfAnotherCapacityThanTheFileIsRefusedNamingBoth() throws Exception {
        MappedRecordRing producerSide = create("capacity.ring", 8, 8);

        String message = message(IllegalArgumentException.class, () -> producerSide.producer(HEARTBEAT).capacity(16).build());
        assertTrue(message.contains("8") && message.contains("16"), message);
    }

    @Test
    void creatingOverAnExistingFileIsRefused() throws Exception {
        Path file = Files.writeString(directory.resolve("exists.ring"), "x");

        assertThrows(FileAlreadyExistsException.class, () -> MappedRecordRing.create(file, 8, 8));
    }

    @Test
    void aFileThatIsNotARingIsRefusedNamingTheFile() throws Exception {
        Path file = directory.resolve("not-a-ring.bin");
        byte[] text = new byte[4096];
        java.util.Arrays.fill(text, (byte) 'x');
        Files.write(file, text);

        String message = message(IOException.class, () -> MappedRecordRing.open(file));
        assertTrue(message.contains(file.toString()) && message.contains("is not a record ring"), message);
    }

    @Test
    void aFileShorterThanTheHeaderIsRefused() throws Exception {
        Path file = Files.write(directory.resolve("short.ring"), new byte[100]);

        String message = message(IOException.class, () -> MappedRecordRing.open(file));
        assertTrue(message.contains("100 bytes"), message);
    }

    @Test
    void aFileWhoseMagicIsNotWrittenYetIsRefusedAsStillBeingCreated() throws Exception {
        Path file = Files.write(directory.resolve("creating.ring"), new byte[MappedRecordRing.HEADER_LENGTH + 64]);

        String message = message(IOException.class, () -> MappedRecordRing.open(file));
        assertTrue(message.contains("still being created"), message);
    }

    @Test
    void aRingOfAnotherVersionIsRefusedNamingBothVersions() throws Exception {
        Path file = directory.resolve("v2.ring");
        MappedRecordRing.create(file, 8, 8).close();
        patchInt(file, 8, 2);

        String message = message(IOException.class, () -> MappedRecordRing.open(file));
        assertTrue(message.contains("version 2") && message.contains("version 1"), message);
    }

    @Test
    void aRingOfAnotherRecordLengthIsRefusedWhenOpenedForOne() throws Exception {
        Path file = directory.resolve("length.ring");
        MappedRecordRing.create(file, 8, 8).close();

        String message = message(IOException.class, () -> MappedRecordRing.open(file, 16));
        assertTrue(message.contains("records of 8 bytes, not the 16"), message);
        try (MappedRecordRing any = MappedRecordRing.open(file)) {
            assertEquals(8, any.recordLength());
        }
    }

    @Test
    void aTruncatedRingIsRefusedWithTheSizesItHasAndNeeds() throws Exception {
        Path file = directory.resolve("truncated.ring");
        MappedRecordRing.create(file, 8, 64).close();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(MappedRecordRing.HEADER_LENGTH + 100);
        }

        String message = message(IOException.class, () -> MappedRecordRing.open(file));
        assertTrue(message.contains("truncated") && message.contains((MappedRecordRing.HEADER_LENGTH + 100) + " bytes")
                && message.contains(String.valueOf(MappedRecordRing.HEADER_LENGTH + 512)), message);
    }

    @Test
    void aRingWrittenInTheOtherByteOrderIsRefused() throws Exception {
        Path file = directory.resolve("swapped.ring");
        MappedRecordRing.create(file, 8, 8).close();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer magic = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            channel.read(magic, 0);
            long swapped = Long.reverseBytes(magic.getLong(0));
            channel.write(ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, swapped), 0);
        }

        String message = message(IOException.class, () -> MappedRecordRing.open(file));
        assertTrue(message.contains("other byte order"), message);
    }

    @Test
    void aMissingFileIsRefusedByName() {
        Path file = directory.resolve("missing.ring");

        assertTrue(message(IOException.class, () -> MappedRecordRing.open(file)).contains(file.toString()));
    }

    private static void patchInt(Path file, int at, int value) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value), at);
        }
    }
}
