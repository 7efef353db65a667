package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw sequence API, as code ported from the Disruptor uses it, refuses the misuses that would
 * otherwise corrupt the ring silently: a failed claim's outcome used as a slot, and a claim of
 * several published by its last sequence on a multi-producer ring.
 */
class RawSequenceMisuseTest {
    private static RingBuffer<LongEvent> ring(ProducerType type, int capacity) {
        return RingBuffer.builder(LongEvent.FACTORY).capacity(capacity).producerType(type)
                .waitStrategy(new BlockingWaitStrategy()).build();
    }

    private static RingBuffer<LongEvent> ring(RingKind kind, int capacity) {
        return kind.configure(RingBuffer.builder(LongEvent.FACTORY)).capacity(capacity)
                .waitStrategy(new BlockingWaitStrategy()).build();
    }

    @ParameterizedTest
    @ValueSource(longs = {RingBuffer.INSUFFICIENT_CAPACITY, RingBuffer.TIMED_OUT, RingBuffer.DROPPED, Long.MIN_VALUE})
    void getRefusesEveryNegativeValueNamingIt(long outcome) {
        RingBuffer<LongEvent> ring = ring(ProducerType.SINGLE, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ring.get(outcome));
        assertTrue(e.getMessage().contains("sequence " + outcome + " "), e.getMessage());
    }

    @Test
    void getNamesTheFailedClaimsOutcome() {
        RingBuffer<LongEvent> ring = ring(ProducerType.SINGLE, 8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ring.get(RingBuffer.TIMED_OUT))
                .getMessage().contains("TIMED_OUT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ring.get(RingBuffer.DROPPED))
                .getMessage().contains("DROPPED"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ring.get(RingBuffer.INSUFFICIENT_CAPACITY))
                .getMessage().contains("INSUFFICIENT_CAPACITY"));
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aTimedOutClaimUsedAsASequenceLeavesTheLiveSlotItWouldHaveMaskedTo(RingKind kind) throws Exception {
        RingBuffer<LongEvent> ring = kind.configure(RingBuffer.builder(LongEvent.FACTORY)).capacity(4)
                .backpressure(BackpressurePolicy.spin().withTimeout(1, TimeUnit.MILLISECONDS)).build();
        ring.addGatingSequence(new Sequence()); // a consumer that never moves
        for (long value = 10; value < 14; value++) {
            long sequence = ring.next();
            ring.get(sequence).value = value;
            ring.publish(sequence);
        }

        long sequence = ring.next();

        assertEquals(RingBuffer.TIMED_OUT, sequence);
        assertThrows(IllegalArgumentException.class, () -> ring.get(sequence).value = 99);
        assertEquals(12, ring.get(2).value, "TIMED_OUT masks to slot capacity - 2, which holds a live event");
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void publishingTheLastSequenceOfAClaimPublishesTheWholeClaim(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 8);
        ring.publish(ring.tryNext());

        long hi = ring.tryNext(3);
        ring.publish(hi);

        assertEquals(3, hi);
        for (long s = 1; s <= hi; s++) {
            assertTrue(ring.isPublished(s), "sequence " + s + " of the claim 1..3 is published");
        }
    }

    @ParameterizedTest
    @EnumSource(value = RingKind.class, names = {"SINGLE_SLOT_MARKERS", "MULTI"})
    void publishingAClaimOneByOneOnAMarkedRingPublishesEachAsItGoes(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 8);
        long hi = ring.tryNext(3);

        ring.publish(0);
        assertTrue(ring.isPublished(0));
        assertFalse(ring.isPublished(1), "publish(lo) publishes lo alone");
        ring.publish(1);
        ring.publish(hi);

        assertTrue(ring.isPublished(1));
        assertTrue(ring.isPublished(2));
    }

    @ParameterizedTest
    @EnumSource(value = RingKind.class, names = {"SINGLE_SLOT_MARKERS", "MULTI"})
    void aClaimsLastPublishLeavesAloneASlotAlreadyPublishedAndClaimedAgain(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 4);
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        long hi = ring.tryNext(3); // 0..2, published below: 0 now, the rest by publish(hi)
        ring.publish(0);
        consumer.setRelease(0); // the consumer has read 0: its slot is free for sequence 4

        long three = ring.tryNext();
        long four = ring.tryNext();
        ring.publish(three);
        ring.publish(four);
        ring.publish(hi);

        assertEquals(4, four);
        assertTrue(ring.isPublished(1));
        assertTrue(ring.isPublished(2));
        assertTrue(ring.isPublished(4), "publishing 0..2 again would have marked slot 0 back to round 0, hiding 4");
    }
}
