package io.sluice;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.EventPoller;
import io.sluice.metrics.ProducerCounter;
import io.sluice.pipeline.Pipeline;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claim object: commit publishes the whole claim, abort withdraws it, and every misuse is refused. */
class ClaimObjectTest {
    private static RingBuffer<LongEvent> ring(ProducerType type, int capacity) {
        return RingBuffer.builder(LongEvent.FACTORY).name("claims").capacity(capacity).producerType(type).build();
    }

    private static RingBuffer<LongEvent> ring(RingKind kind, int capacity) {
        return kind.configure(RingBuffer.builder(LongEvent.FACTORY)).name("claims").capacity(capacity).build();
    }

    private static void produce(Producer<LongEvent> producer, long value) throws InterruptedException {
        Claim<LongEvent> claim = producer.claim();
        claim.get().value = value;
        claim.commit();
    }

    private static void produceAborted(Producer<LongEvent> producer, int n) throws InterruptedException {
        Claim<LongEvent> claim = producer.claim(n);
        for (int i = 0; i < n; i++) {
            claim.get(i).value = -1; // written, then withdrawn: no handler may see it
        }
        claim.abort();
    }

    private static String message(Runnable misuse) {
        return assertThrows(IllegalStateException.class, misuse::run).getMessage();
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void commitPublishesTheClaimedSlot(RingKind kind) throws Exception {
        RingBuffer<LongEvent> ring = ring(kind, 8);
        Producer<LongEvent> producer = ring.newProducer("p");

        Claim<LongEvent> claim = producer.claim();
        claim.get().value = 7;
        assertFalse(ring.isPublished(0));
        claim.commit();

        assertTrue(ring.isPublished(0));
        assertEquals(7, ring.get(0).value);
        assertFalse(claim.isClaimed());
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void commitPublishesEverySlotOfAClaimOfSeveralAtOnce(RingKind kind) throws Exception {
        RingBuffer<LongEvent> ring = ring(kind, 8);
        Claim<LongEvent> claim = ring.newProducer("p").claim(3);

        assertEquals(3, claim.size());
        assertEquals(0, claim.firstSequence());
        assertEquals(2, claim.lastSequence());
        for (int i = 0; i < 3; i++) {
            claim.get(i).value = 10 + i;
            assertFalse(ring.isPublished(i));
        }
        claim.commit();

        for (int i = 0; i < 3; i++) {
            assertTrue(ring.isPublished(i));
            assertEquals(10 + i, ring.get(i).value);
        }
    }

    @Test
    void abortOnASingleProducerRingTakesTheClaimBack() throws Exception {
        RingBuffer<LongEvent> ring = ring(ProducerType.SINGLE, 8);
        Producer<LongEvent> producer = ring.newProducer("p");

        producer.claim(3).abort();

        assertEquals(-1, ring.cursor());
        assertEquals(8, ring.remainingCapacity());
        assertFalse(ring.hasAbortedClaims(), "taken back, so there is nothing for consumers to pass over");
        assertEquals(0, producer.claim().firstSequence(), "the next claim reuses the withdrawn sequences");
    }

    @Test
    void abortOnAMultiProducerRingPublishesSlotsMarkedAborted() throws Exception {
        RingBuffer<LongEvent> ring = ring(ProducerType.MULTI, 8);
        Producer<LongEvent> producer = ring.newProducer("p");

        produceAborted(producer, 2);
        produce(producer, 5);

        assertTrue(ring.hasAbortedClaims());
        assertTrue(ring.isPublished(1));
        assertTrue(ring.isAborted(0));
        assertTrue(ring.isAborted(1));
        assertFalse(ring.isAborted(2));
    }

    @Test
    void anAbortedSlotOfAnEarlierLapIsNotAbortedOnTheNext() throws Exception {
        RingBuffer<LongEvent> ring = ring(ProducerType.MULTI, 4);
        Producer<LongEvent> producer = ring.newProducer("p");
        produceAborted(producer, 1); // sequence 0
        for (int value = 1; value <= 4; value++) {
            produce(producer, value); // sequences 1..4; 4 reuses slot 0
        }
        assertTrue(ring.isAborted(0));
        assertFalse(ring.isAborted(4));
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void abortedSequencesAreCounted(RingKind kind) throws Exception {
        RingBuffer<LongEvent> ring = ring(kind, 8);
        Producer<LongEvent> producer = ring.newProducer("p");
        produceAborted(producer, 3);
        produce(producer, 1);

        assertEquals(3, producer.snapshot(new ProducerSnapshot()).get(ProducerCounter.ABORTS));
        assertEquals(3, ring.snapshot(new RingSnapshot()).get(ProducerCounter.ABORTS));
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aBatchProcessorPassesOverAbortedSlotsAndEndsTheBatchOnTheLastItHandles(RingKind kind)
            throws Exception {
        RingBuffer<LongEvent> ring = ring(kind, 16);
        List<String> seen = new CopyOnWriteArrayList<>();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(),
                (event, sequence, endOfBatch) -> seen.add(event.value + (endOfBatch ? "!" : "")));
        ring.addGatingSequence(processor.sequence()); // gating from the start; its thread starts once all is published
        Producer<LongEvent> producer = ring.newProducer("p");
        Producer<LongEvent> other = ring.newProducer("other");
        produce(producer, 1);
        Claim<LongEvent> open = other.claim(2); // aborted after a later claim was made, so marked on both kinds
        produce(producer, 2);
        open.get(0).value = -1;
        open.abort();
        produceAborted(producer, 1);
        Thread thread = new Thread(processor, "consumer");
        thread.start();
        long target = kind.producerType() == ProducerType.MULTI ? 4 : 3; // a single producer took its last claim back
        Await.until(() -> processor.sequence().getVolatile() == target, "the consumer to pass sequence " + target);
        processor.halt();
        Await.joined(thread);

        assertEquals(List.of("1", "2!"), seen);
    }

    @Test
    void aPollerPassesOverAbortedSlots() throws Exception {
        RingBuffer<LongEvent> ring = ring(ProducerType.MULTI, 8);
        EventPoller<LongEvent> poller = EventPoller.create(ring);
        ring.addGatingSequence(poller.sequence());
        Producer<LongEvent> producer = ring.newProducer("p");
        produce(producer, 1);
        produceAborted(producer, 1);
        produce(producer, 3);
        produceAborted(producer, 2);
        List<String> seen = new ArrayList<>();

        assertSame(EventPoller.State.PROCESSING, poller.poll((event, sequence, endOfBatch) -> {
            seen.add(sequence + (endOfBatch ? "!" : ""));
            return true;
        }));

        assertEquals(List.of("0", "2!"), seen);
        assertEquals(4, poller.sequence().getVolatile(), "the aborted slots are passed, not left to hold the ring");
    }

    @Test
    void aPipelineWithAWorkerPoolDeliversNoAbortedSlotAndDrains() throws Exception {
        RingBuffer<LongEvent> ring = ring(ProducerType.MULTI, 64);
        List<Long> handled = new CopyOnWriteArrayList<>();
        List<Long> pooled = new CopyOnWriteArrayList<>();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("handler", (event, sequence, end) -> handled.add(event.value));
        b.workerPool("pool", List.of((event, sequence, end) -> pooled.add(event.value),
                (event, sequence, end) -> pooled.add(event.value)));
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        Producer<LongEvent> producer = ring.newProducer("p");
        for (long value = 1; value <= 20; value++) {
            produce(producer, value);
            produceAborted(producer, 1);
        }

        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(30)).drained());

        assertEquals(20, handled.size());
        assertFalse(handled.contains(-1L));
        assertEquals(20, pooled.size());
        assertFalse(pooled.contains(-1L));
    }

    @Test
    void aSecondCommitIsRefused() throws Exception {
        Claim<LongEvent> claim = ring(ProducerType.MULTI, 8).newProducer("p").claim();
        claim.commit();
        assertTrue(message(claim::commit).contains("committed"));
    }

    @Test
    void aCommitAfterAnAbortIsRefused() throws Exception {
        Claim<LongEvent> claim = ring(ProducerType.MULTI, 8).newProducer("p").claim();
        claim.abort();
        assertTrue(message(claim::commit).contains("aborted"));
        assertTrue(message(claim::abort).contains("aborted"));
    }

    @Test
    void theSlotsOfAFinishedClaimCannotBeWritten() throws Exception {
        Claim<LongEvent> claim = ring(ProducerType.SINGLE, 8).newProducer("p").claim();
        claim.commit();
        assertTrue(message(claim::get).startsWith("get(): claim of sequences 0..0 by producer p on ring claims: committed"));
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aFailedTryClaimHoldsItsOutcomeAndNoSlot(RingKind kind) throws Exception {
        RingBuffer<LongEvent> ring = ring(kind, 4);
        ring.addGatingSequence(new Sequence()); // a consumer that never moves
        Producer<LongEvent> producer = ring.newProducer("p");
        for (int i = 0; i < 4; i++) {
            produce(producer, i);
        }

        Claim<LongEvent> claim = producer.tryClaim();

        assertFalse(claim.isClaimed());
        assertSame(ClaimOutcome.INSUFFICIENT_CAPACITY, claim.outcome());
        assertTrue(message(claim::get).contains("INSUFFICIENT_CAPACITY"));
        assertTrue(message(claim::commit).contains("INSUFFICIENT_CAPACITY"));
        assertEquals(2, ring.get(2).value, "no live slot was touched");
    }

    @Test
    void aClaimThatTimesOutSaysSo() throws Exception {
        RingBuffer<LongEvent> ring = ring(ProducerType.MULTI, 2);
        ring.addGatingSequence(new Sequence());
        Producer<LongEvent> producer = ring.newProducer("p", BackpressurePolicy.spin().withTimeout(1, TimeUnit.MILLISECONDS));
        produce(producer, 1);
        produce(producer, 2);

        Claim<LongEvent> claim = producer.claim();

        assertSame(ClaimOutcome.TIMED_OUT, claim.outcome());
        assertTrue(message(claim::commit).contains("TIMED_OUT"));
    }

    @Test
    void aShedClaimSaysDropped() throws Exception {
        RingBuffer<LongEvent> ring = ring(ProducerType.SINGLE, 2);
        ring.addGatingSequence(new Sequence());
        Producer<LongEvent> producer = ring.newProducer("p", BackpressurePolicy.shed());
        produce(producer, 1);
        produce(producer, 2);

        assertSame(ClaimOutcome.DROPPED, producer.claim().outcome());
    }

    @Test
    void aNewClaimWhileOneIsOpenIsRefusedAndTheOpenOneStaysUsable() throws Exception {
        RingBuffer<LongEvent> ring = ring(ProducerType.MULTI, 8);
        Producer<LongEvent> producer = ring.newProducer("p");
        Claim<LongEvent> claim = producer.claim();

        assertTrue(assertThrows(IllegalStateException.class, producer::claim).getMessage().contains("still open"));
        assertTrue(assertThrows(IllegalStateException.class, producer::tryClaim).getMessage().contains("still open"));
        claim.commit();
        assertTrue(ring.isPublished(0));
        assertFalse(ring.isPublished(1), "the refused claims took nothing");
    }

    @Test
    void aClaimUsedOnAnotherThreadIsRefused() throws Exception {
        RingBuffer<LongEvent> ring = ring(ProducerType.MULTI, 8);
        Claim<LongEvent> claim = ring.newProducer("p").claim();
        AtomicReference<Throwable> onGet = new AtomicReference<>();
        AtomicReference<Throwable> onCommit = new AtomicReference<>();

        Thread other = new Thread(() -> {
            onGet.set(assertThrows(IllegalStateException.class, claim::get));
            onCommit.set(assertThrows(IllegalStateException.class, claim::commit));
        }, "intruder");
        other.start();
        other.join();

        assertTrue(onGet.get().getMessage().contains("on thread intruder"), onGet.get().getMessage());
        assertTrue(onCommit.get().getMessage().contains("belongs to thread " + Thread.currentThread().getName()));
        claim.commit();
        assertTrue(ring.isPublished(0));
    }

    @Test
    void anIndexOutsideTheClaimIsRefused() throws Exception {
        Claim<LongEvent> claim = ring(ProducerType.SINGLE, 8).newProducer("p").claim(3);
        assertThrows(IndexOutOfBoundsException.class, () -> claim.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> claim.get(-1));
    }
}
