package io.sluice.record;

import io.sluice.Claim;
import io.sluice.FakeClock;
import io.sluice.ProducerType;
import io.sluice.Producer;
import io.sluice.RingBuffer;
import io.sluice.RingClosedException;
import io.sluice.RingKind;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.RateLimiter;
import io.sluice.consumer.EventHandler;
import io.sluice.consumer.EventPoller;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.metrics.RingSnapshot;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.StopResult;
import io.sluice.testkit.Await;
import io.sluice.testkit.ConsumerThread;
import io.sluice.wait.BlockingWaitStrategy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record ring keeps the object ring's contracts (claims, publication, gating, abort, close and
 * drain, consumers, pipelines, counters) with its records flat in one buffer, on every ring kind
 * and every storage.
 */
class RecordRingTest {
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private static RingBuffer<Records> ring(RingKind kind, RecordStorageKind storage, int recordLength, int capacity) {
        return kind.configure(storage.builder(recordLength)).name("records").capacity(capacity)
                .waitStrategy(new BlockingWaitStrategy()).build();
    }

    /** Collects the first long of every record a consumer is handed, in order. */
    private static final class Collector implements EventHandler<Records> {
        final List<Long> values = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(Records records, long sequence, boolean endOfBatch) {
            values.add(records.getLong(sequence, 0));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.record.RecordStorageKind#withRingKinds")
    void aCommittedRecordReadsBackEveryFieldItWasWritten(RingKind kind, RecordStorageKind storage) throws Exception {
        RingBuffer<Records> ring = ring(kind, storage, 32, 8);
        Producer<Records> producer = ring.newProducer("p");
        byte[] tag = {1, 2, 3, 4, 5, 6, 7};

        Claim<Records> claim = producer.claim();
        long s = claim.firstSequence();
        claim.get().putLong(s, 0, 42L).putInt(s, 8, -7).putDouble(s, 16, 2.5).putBytes(s, 24, tag, 0, tag.length);
        claim.commit();

        Records records = ring.get(s);
        assertTrue(ring.isPublished(s));
        assertEquals(42L, records.getLong(s, 0));
        assertEquals(-7, records.getInt(s, 8));
        assertEquals(2.5, records.getDouble(s, 16));
        byte[] read = new byte[tag.length];
        records.getBytes(s, 24, read, 0, read.length);
        assertArrayEquals(tag, read);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.record.RecordStorageKind#withRingKinds")
    void everySlotHoldsItsOwnRecordWithoutOverlappingItsNeighbours(RingKind kind, RecordStorageKind storage)
            throws Exception {
        RingBuffer<Records> ring = ring(kind, storage, 16, 8);
        Records records = ring.get(0);
        long hi = ring.next(8);
        for (long s = 0; s <= hi; s++) {
            records.putLong(s, 0, s * 10).putLong(s, 8, -s);
        }
        ring.publish(0, hi);

        for (long s = 0; s <= hi; s++) {
            assertEquals(s * 10, records.getLong(s, 0), "first field of record " + s);
            assertEquals(-s, records.getLong(s, 8), "second field of record " + s);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.record.RecordStorageKind#withRingKinds")
    void aConsumerReadsEveryRecordInOrderAcrossManyWrapsOfTheBuffer(RingKind kind, RecordStorageKind storage)
            throws Exception {
        RingBuffer<Records> ring = ring(kind, storage, 8, 4);
        Collector collector = new Collector();
        ConsumerThread<Records> consumer = ConsumerThread.start(ring, collector);
        try (RecordProducer producer = new RecordProducer(ring, "p")) {
            for (long i = 0; i < 1000; i++) {
                assertTrue(producer.offer(i));
            }
        }
        consumer.awaitSequence(999);
        consumer.stop();

        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            expected.add(i);
        }
        assertEquals(expected, collector.values);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.record.RecordStorageKind#withRingKinds")
    void aBatchClaimThatCrossesTheEndOfTheBufferContinuesAtItsStart(RingKind kind, RecordStorageKind storage)
            throws Exception {
        RingBuffer<Records> ring = ring(kind, storage, 24, 8);
        EventPoller<Records> poller = EventPoller.create(ring);
        ring.addGatingSequence(poller.sequence());
        List<Long> seen = new ArrayList<>();
        EventPoller.Handler<Records> collect = (records, sequence, endOfBatch) -> seen.add(records.getLong(sequence, 16));
        Producer<Records> producer = ring.newProducer("p");
        Claim<Records> first = producer.claim(6);
        for (int i = 0; i < 6; i++) {
            first.get().putLong(first.firstSequence() + i, 16, i);
        }
        first.commit();
        poller.poll(collect);

        Claim<Records> wrapping = producer.claim(4); // sequences 6..9: slots 6, 7, 0, 1
        assertEquals(6, wrapping.firstSequence());
        for (int i = 0; i < 4; i++) {
            wrapping.get().putLong(wrapping.firstSequence() + i, 16, 100 + i);
        }
        wrapping.commit();
        poller.poll(collect);

        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 100L, 101L, 102L, 103L), seen);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.record.RecordStorageKind#withRingKinds")
    void aProducerNeverOverwritesARecordItsConsumerHasNotRead(RingKind kind, RecordStorageKind storage) {
        RingBuffer<Records> ring = ring(kind, storage, 8, 4);
        EventPoller<Records> poller = EventPoller.create(ring);
        ring.addGatingSequence(poller.sequence());
        RecordProducer producer = new RecordProducer(ring, "p");

        for (long i = 0; i < 4; i++) {
            assertTrue(producer.tryOffer(i));
        }
        assertFalse(producer.tryOffer(99), "the fifth record would overwrite the unread first");
        for (long s = 0; s < 4; s++) {
            assertEquals(s, ring.get(s).getLong(s, 0));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.record.RecordStorageKind#withRingKinds")
    void consumersPassOverAnAbortedRecord(RingKind kind, RecordStorageKind storage) throws Exception {
        RingBuffer<Records> ring = ring(kind, storage, 8, 8);
        Collector collector = new Collector();
        ConsumerThread<Records> consumer = ConsumerThread.start(ring, collector);
        try (RecordProducer producer = new RecordProducer(ring, "p")) {
            producer.offer(1);
            Claim<Records> aborted = producer.handle().claim();
            aborted.get().putLong(aborted.firstSequence(), 0, -1);
            aborted.abort();
            producer.offer(3);
        }
        // A single-producer ring takes the aborted claim back, so 3 is at sequence 1 there, 2 elsewhere.
        consumer.awaitSequence(ring.cursor());
        consumer.stop();

        assertEquals(List.of(1L, 3L), collector.values);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.record.RecordStorageKind#withRingKinds")
    void closeReleasesAWaitingOfferAndThePipelineDrainsEveryRecordPublishedBeforeIt(RingKind kind,
            RecordStorageKind storage) throws Exception {
        RingBuffer<Records> ring = kind.configure(storage.builder(8)).name("records").capacity(4)
                .waitStrategy(new BlockingWaitStrategy()).backpressure(BackpressurePolicy.block()).build();
        CountDownLatch release = new CountDownLatch(1);
        Collector collector = new Collector();
        Pipeline.Builder<Records> b = Pipeline.builder(ring);
        b.handler("held", (records, sequence, endOfBatch) -> {
            release.await(); // holds the first record, so the ring fills behind it
            collector.onEvent(records, sequence, endOfBatch);
        });
        Pipeline<Records> pipeline = b.build();
        pipeline.start();
        RecordProducer producer = new RecordProducer(ring, "p");
        for (long i = 0; i < 4; i++) {
            producer.offer(i);
        }
        AtomicReference<Throwable> waiting = new AtomicReference<>();
        Thread offering = new Thread(() -> {
            try {
                producer.offer(4);
            } catch (Throwable t) {
                waiting.set(t);
            }
        });
        offering.start();
        Await.parked(offering);

        ring.close("test", null);
        Await.joined(offering);
        release.countDown();
        StopResult result = pipeline.drainAndStop(DRAIN);

        assertTrue(waiting.get() instanceof RingClosedException, String.valueOf(waiting.get()));
        assertTrue(result.drained(), result.toString());
        assertEquals(List.of(0L, 1L, 2L, 3L), collector.values);
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void eachOfSeveralGatingConsumersReadsEveryRecord(RingKind kind) throws Exception {
        RingBuffer<Records> ring = ring(kind, RecordStorageKind.OFF_HEAP, 8, 16);
        Pipeline.Builder<Records> b = Pipeline.builder(ring);
        Collector[] collectors = {new Collector(), new Collector(), new Collector()};
        for (int i = 0; i < collectors.length; i++) {
            b.handler("c" + i, collectors[i]);
        }
        Pipeline<Records> pipeline = b.build();
        pipeline.start();
        try (RecordProducer producer = new RecordProducer(ring, "p")) {
            for (long i = 0; i < 5000; i++) {
                producer.offer(i);
            }
        }
        assertTrue(pipeline.drainAndStop(DRAIN).drained());

        for (Collector collector : collectors) {
            assertEquals(5000, collector.values.size());
            assertEquals(4999L, collector.values.get(4999));
        }
    }

    @Test
    void anOfferThePolicyShedsReturnsFalseAndIsCountedAsADrop() throws Exception {
        RingBuffer<Records> ring = Records.onHeap(8).name("shed").capacity(2).backpressure(BackpressurePolicy.shed())
                .build();
        ring.addGatingSequence(EventPoller.create(ring).sequence());
        RecordProducer producer = new RecordProducer(ring, "p");

        assertTrue(producer.offer(1));
        assertTrue(producer.offer(2));
        assertFalse(producer.offer(3));

        ProducerSnapshot snapshot = producer.handle().snapshot(new ProducerSnapshot());
        assertEquals(1, snapshot.drops());
        assertEquals(1, ring.snapshot(new RingSnapshot()).drops());
    }

    @Test
    void anOfferWhoseDeadlinePassesReturnsFalseAndIsCountedAsATimeout() throws Exception {
        RingBuffer<Records> ring = Records.onHeap(8).name("timeout").capacity(1)
                .backpressure(BackpressurePolicy.park().withTimeout(1, TimeUnit.MILLISECONDS)).build();
        ring.addGatingSequence(EventPoller.create(ring).sequence());
        RecordProducer producer = new RecordProducer(ring, "p");

        assertTrue(producer.offer(1));
        assertFalse(producer.offer(2));

        assertEquals(1, producer.handle().snapshot(new ProducerSnapshot()).timeouts());
    }

    @Test
    void aFailedClaimsOutcomeIsRefusedAsARecordSequence() {
        Records records = Records.onHeap(8).capacity(4).build().get(0);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> records.putLong(RingBuffer.TIMED_OUT, 0, 1));
        assertTrue(e.getMessage().contains("TIMED_OUT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> records.getLong(RingBuffer.INSUFFICIENT_CAPACITY, 0));
        assertThrows(IllegalArgumentException.class, () -> records.getDouble(RingBuffer.DROPPED, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 12, -8, Records.MAX_RECORD_LENGTH + 8})
    void aRecordLengthThatIsNotAPositiveMultipleOfEightUpToTheMaximumIsRefusedByName(int recordLength) {
        for (RecordStorageKind storage : RecordStorageKind.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> storage.builder(recordLength));
            assertTrue(e.getMessage().endsWith(": " + recordLength), e.getMessage());
        }
    }

    @Test
    void aByteRangeThatDoesNotFitInTheRecordIsRefusedAndWritesNothing() {
        RingBuffer<Records> ring = Records.onHeap(16).capacity(2).build();
        Records records = ring.get(0);
        records.putLong(1, 0, 77);

        assertThrows(IndexOutOfBoundsException.class, () -> records.putBytes(0, 8, new byte[9], 0, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> records.getBytes(0, -1, new byte[4], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> records.putBytes(0, 0, new byte[4], 2, 4));

        assertEquals(77, records.getLong(1, 0), "the next record is untouched");
    }

    @Test
    void aCapacityWhoseRecordsExceedOneBufferIsRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Records.offHeap(4096).capacity(1 << 20).build());
        assertTrue(e.getMessage().contains("1048576") && e.getMessage().contains("4096"), e.getMessage());
    }

    @Test
    void everySequenceOfTheRingReadsTheSameRecords() {
        RingBuffer<Records> ring = Records.offHeap(8).capacity(4).build();

        assertSame(ring.get(0), ring.get(3));
        assertSame(ring.get(0), ring.get(1L << 40));
        assertEquals(4, ring.get(0).capacity());
        assertEquals(8, ring.get(0).recordLength());
        assertTrue(ring.get(0).isOffHeap());
    }

    @Test
    void aMappedFileRingsRecordsAreTheFilesBytes() throws Exception {
        Path file = Files.createTempFile("sluice-records", ".ring");
        try {
            RingBuffer<Records> ring = Records.inMappedFile(file, 16).capacity(4).build();
            new RecordProducer(ring, "p").offer(0x0102030405060708L);

            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder());
            assertEquals(4 * 16, bytes.capacity());
            assertEquals(0x0102030405060708L, bytes.getLong(0));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aFileThatHoldsARingTwoProcessesShareIsRefusedAsOneProcesssStorage() throws Exception {
        Path file = Files.createTempDirectory("sluice-shared").resolve("shared.ring");
        try {
            MappedRecordRing.create(file, 8, 4).close();

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Records.inMappedFile(file, 8).capacity(4).build());
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("MappedRecordRing.open"),
                    e.getMessage());
            try (MappedRecordRing intact = MappedRecordRing.open(file)) {
                assertEquals(8, intact.recordLength(), "the header is as it was");
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }

    @Test
    void aFileThatCannotBeMappedFailsTheBuildNamingTheFile() throws Exception {
        Path directory = Files.createTempDirectory("sluice-not-a-file");
        try {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> Records.inMappedFile(directory, 8).capacity(4).build());
            assertTrue(e.getMessage().contains(directory.toString()), e.getMessage());
        } finally {
            Files.deleteIfExists(directory);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.Policies#producerTypesAndWaitingPolicies")
    void underEveryWaitingPolicyAProducerStallsBehindASlowConsumerAndEveryRecordArrivesInOrder(ProducerType type,
            Supplier<BackpressurePolicy> policy) throws Exception {
        RingBuffer<Records> ring = Records.onHeap(8).name("slow").capacity(16).producerType(type)
                .waitStrategy(new BlockingWaitStrategy()).backpressure(policy.get()).build();
        long[] expected = {0};
        List<String> errors = new CopyOnWriteArrayList<>();
        ConsumerThread<Records> consumer = ConsumerThread.start(ring, (records, sequence, endOfBatch) -> {
            if (records.getLong(sequence, 0) != expected[0]++) {
                errors.add("record " + sequence + " holds " + records.getLong(sequence, 0));
            }
            if (sequence % 16 == 0) {
                LockSupport.parkNanos(20_000); // a consumer that keeps falling behind
            }
        });
        RecordProducer producer = new RecordProducer(ring, "p");
        for (long i = 0; i < 20_000; i++) {
            assertTrue(producer.offer(i));
        }
        consumer.awaitSequence(19_999);
        consumer.stop();

        assertEquals(List.of(), errors);
        assertTrue(producer.handle().snapshot(new ProducerSnapshot()).stalls() > 0, "the producer never stalled");
    }

    @Test
    void aRateLimitedProducerOffersOnlyAsFastAsItsPermitsAllow() {
        FakeClock clock = new FakeClock();
        RingBuffer<Records> ring = Records.onHeap(8).name("limited").capacity(64)
                .backpressure(BackpressurePolicy.park().withRateLimit(new RateLimiter(1000, 2, clock))).build();
        RecordProducer producer = new RecordProducer(ring, "p");

        assertTrue(producer.tryOffer(1));
        assertTrue(producer.tryOffer(2));
        assertFalse(producer.tryOffer(3), "the burst of 2 is spent");
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertTrue(producer.tryOffer(3), "a millisecond at 1000/s brings one permit");

        assertEquals(2, ring.cursor());
    }
}
