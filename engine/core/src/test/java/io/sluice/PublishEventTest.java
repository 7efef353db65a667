package io.sluice;

import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Translator-based publishing, with zero to three arguments, waiting and trying. */
class PublishEventTest {
    private static final EventTranslator<LongEvent> STAMP = (event, sequence) -> event.value = sequence;
    private static final EventTranslatorOneArg<LongEvent, Long> ONE = (event, sequence, a) -> event.value = a;
    private static final EventTranslatorTwoArg<LongEvent, Long, Long> TWO = (event, sequence, a, b) -> event.value = a + b;
    private static final EventTranslatorThreeArg<LongEvent, Long, Long, Long> THREE =
            (event, sequence, a, b, c) -> event.value = a + b + c;

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void publishEventWritesAndPublishesWithEachArity(ProducerType type) throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).producerType(type).build();
        ring.publishEvent(STAMP);
        ring.publishEvent(ONE, 10L);
        ring.publishEvent(TWO, 10L, 20L);
        ring.publishEvent(THREE, 10L, 20L, 30L);
        assertEquals(0, ring.get(0).value);
        assertEquals(10, ring.get(1).value);
        assertEquals(30, ring.get(2).value);
        assertEquals(60, ring.get(3).value);
        for (long s = 0; s < 4; s++) {
            assertTrue(ring.isPublished(s), "sequence " + s);
        }
        assertFalse(ring.isPublished(4));
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void tryPublishEventWritesAndPublishesWithEachArity(ProducerType type) {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).producerType(type).build();
        assertTrue(ring.tryPublishEvent(STAMP));
        assertTrue(ring.tryPublishEvent(ONE, 1L));
        assertTrue(ring.tryPublishEvent(TWO, 1L, 2L));
        assertTrue(ring.tryPublishEvent(THREE, 1L, 2L, 3L));
        assertEquals(0, ring.get(0).value);
        assertEquals(1, ring.get(1).value);
        assertEquals(3, ring.get(2).value);
        assertEquals(6, ring.get(3).value);
        assertEquals(3, ring.cursor());
        assertTrue(ring.isPublished(3));
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void aTranslatorThatThrowsStillPublishesItsSlot(ProducerType type) {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).producerType(type).build();
        assertThrows(IllegalStateException.class, () -> ring.publishEvent((event, sequence) -> {
            throw new IllegalStateException("translator failed");
        }));
        assertTrue(ring.isPublished(0), "no gap left for consumers");
        assertTrue(ring.tryPublishEvent(STAMP));
        assertTrue(ring.isPublished(1));
    }

    @Test
    void aPublishedSequenceIsNoLongerReportedOnceItsSlotIsReused() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 2, new BlockingWaitStrategy());
        ring.publish(0, ring.tryNext(2));
        ring.publish(ring.tryNext());
        assertFalse(ring.isPublished(0));
        assertTrue(ring.isPublished(1));
        assertTrue(ring.isPublished(2));
    }
}
