package io.sluice;

import io.sluice.consumer.EventHandler;
import io.sluice.testkit.ConsumerThread;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.YieldingWaitStrategy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a ring built with {@link RingBufferBuilder#slotMarkers()} does differently from the
 * cursor ring. What it shares with every ring (delivery in order across laps, claims, aborts,
 * misuse, allocation) is in the contract tests parameterised by {@link RingKind}.
 */
class SlotMarkersTest {
    private static RingBuffer<LongEvent> markedRing(int capacity) {
        return RingBuffer.builder(LongEvent.FACTORY).name("marked").capacity(capacity)
                .producerType(ProducerType.SINGLE).slotMarkers().build();
    }

    @Test
    void slotMarkersOnAMultiProducerRingAreRefusedAtBuildNamingTheProducerType() {
        RingBufferBuilder<LongEvent> builder = RingBuffer.builder(LongEvent.FACTORY).slotMarkers();

        IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);

        assertTrue(e.getMessage().contains("producerType is MULTI"), e.getMessage());
    }

    @Test
    void aRingSaysWhetherItWasBuiltWithSlotMarkers() {
        RingBuffer<LongEvent> cursorRing = RingBuffer.builder(LongEvent.FACTORY).producerType(ProducerType.SINGLE).build();

        assertTrue(markedRing(8).hasSlotMarkers());
        assertTrue(markedRing(8).toString().contains("slotMarkers"));
        assertFalse(cursorRing.hasSlotMarkers());
        assertFalse(cursorRing.toString().contains("slotMarkers"));
    }

    @Test
    void aCommittedClaimDoesNotExposeAnOpenClaimBelowItFromAnotherHandleOfTheSameThread() throws Exception {
        RingBuffer<LongEvent> ring = markedRing(8);
        SequenceBarrier barrier = ring.newBarrier();
        Claim<LongEvent> open = ring.newProducer("a").claim(); // sequence 0, still being written
        Claim<LongEvent> later = ring.newProducer("b").claim(); // sequence 1

        later.commit();
        assertEquals(-1, barrier.highestAvailable(0), "0 is not published, so nothing from 0 on is available");
        assertTrue(ring.isPublished(1));

        open.commit();
        assertEquals(1, barrier.highestAvailable(0));
    }

    @Test
    void aRangePublishPublishesExactlyThatRange() {
        RingBuffer<LongEvent> ring = markedRing(8);
        SequenceBarrier barrier = ring.newBarrier();
        long hi = ring.tryNext(4); // 0..3

        ring.publish(2, hi);
        assertEquals(-1, barrier.highestAvailable(0), "0 and 1 are claimed, not published");
        assertTrue(ring.isPublished(2));

        ring.publish(0, 1);
        assertEquals(3, barrier.highestAvailable(0));
    }

    @Test
    void aPublishOfTheLastSequencePublishesTheClaimsBelowItThatAreStillOpen() throws Exception {
        RingBuffer<LongEvent> ring = markedRing(8);
        SequenceBarrier barrier = ring.newBarrier();
        long raw = ring.tryNext(2); // 0..1, published by its last sequence below
        Claim<LongEvent> committed = ring.newProducer("b").claim(); // 2
        committed.commit();

        ring.publish(raw);

        assertEquals(2, barrier.highestAvailable(0));
    }

    @Test
    void aClaimOfSeveralTakenBackLeavesNothingForALaterPublishOfItsLastSequenceToPublish() throws Exception {
        RingBuffer<LongEvent> ring = markedRing(8);
        SequenceBarrier barrier = ring.newBarrier();
        ring.newProducer("a").claim(3).abort(); // 0..2, the latest claim: taken back
        Claim<LongEvent> open = ring.newProducer("b").claim(); // 0 again, left open
        ring.tryNext(); // 1
        long two = ring.tryNext();

        ring.publish(two);

        assertEquals(-1, barrier.highestAvailable(0), "publishing 2 marked 0..1 as if 0..2 were still one claim");
        assertTrue(ring.isPublished(2));
        open.abort();
    }

    @Test
    void aPublishALapBehindTheHighestClaimIsRefusedAndHidesNothing() {
        RingBuffer<LongEvent> ring = markedRing(4);
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        SequenceBarrier barrier = ring.newBarrier();
        ring.publish(0, ring.tryNext(4)); // 0..3
        consumer.setRelease(3);
        ring.publish(4, ring.tryNext(4)); // 4..7, in the slots of 0..3

        IllegalArgumentException single = assertThrows(IllegalArgumentException.class, () -> ring.publish(3));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> ring.publish(2, 3));

        assertTrue(single.getMessage().startsWith("sequence 3 is a lap or more behind the highest claim 7"), single.getMessage());
        assertTrue(range.getMessage().startsWith("sequence 2 is a lap or more behind"), range.getMessage());
        assertEquals(7, barrier.highestAvailable(4), "4..7 are still published");
    }

    @Test
    void aSequenceOverwrittenByALaterLapIsNoLongerPublished() {
        RingBuffer<LongEvent> ring = markedRing(2);
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        ring.publish(0, ring.tryNext(2));
        consumer.setRelease(1);

        ring.publish(ring.tryNext()); // 2, in the slot of 0

        assertTrue(ring.isPublished(2));
        assertFalse(ring.isPublished(0));
        assertTrue(ring.isPublished(1));
        assertFalse(ring.isPublished(3));
        assertFalse(ring.isPublished(-1));
    }

    @Test
    void theRingsCursorStillReportsTheHighestClaim() {
        RingBuffer<LongEvent> ring = markedRing(8);
        ring.publish(ring.tryNext(3));
        ring.tryNext();

        assertEquals(3, ring.cursor());
    }

    @Test
    void aConsumerAfterAnotherSeesEveryEventTheFirstHasSeen() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8)
                .producerType(ProducerType.SINGLE).slotMarkers().waitStrategy(new YieldingWaitStrategy()).build();
        List<Long> firstSaw = new ArrayList<>();
        List<Long> secondSaw = new ArrayList<>();
        EventHandler<LongEvent> first = (event, sequence, endOfBatch) -> firstSaw.add(event.value);
        ConsumerThread<LongEvent> upstream = ConsumerThread.start(ring, first);
        EventHandler<LongEvent> second = (event, sequence, endOfBatch) -> secondSaw.add(event.value);
        ConsumerThread<LongEvent> downstream = ConsumerThread.start(ring, second, upstream.processor.sequence());
        ring.removeGatingSequence(upstream.processor.sequence()); // the downstream consumer gates for both

        int events = 1_000;
        for (long i = 0; i < events; i++) {
            long sequence = ring.next();
            ring.get(sequence).value = i;
            ring.publish(sequence);
        }
        downstream.awaitSequence(events - 1);
        upstream.stop();
        downstream.stop();

        assertEquals(events, secondSaw.size());
        assertEquals(firstSaw, secondSaw);
    }
}
