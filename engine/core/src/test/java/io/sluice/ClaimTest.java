package io.sluice;

import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Claims on a full ring: try forms return at once, blocking forms wait and answer to interrupt. */
class ClaimTest {
    private static RingBuffer<LongEvent> fullRing(ProducerType type) {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY)
                .capacity(4).producerType(type).waitStrategy(new BlockingWaitStrategy()).build();
        ring.addGatingSequence(new Sequence()); // a consumer that never moves
        for (int i = 0; i < 4; i++) {
            ring.publish(ring.tryNext());
        }
        return ring;
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void tryNextOnAFullRingReturnsTheSentinelAndClaimsNothing(ProducerType type) {
        RingBuffer<LongEvent> ring = fullRing(type);
        assertEquals(RingBuffer.INSUFFICIENT_CAPACITY, ring.tryNext());
        assertEquals(RingBuffer.INSUFFICIENT_CAPACITY, ring.tryNext(2));
        assertEquals(3, ring.cursor());
        assertEquals(0, ring.remainingCapacity());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void tryNextOfMoreThanIsFreeClaimsNothing(ProducerType type) {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY)
                .capacity(4).producerType(type).build();
        ring.addGatingSequence(new Sequence());
        ring.publish(0, ring.tryNext(3));
        assertEquals(RingBuffer.INSUFFICIENT_CAPACITY, ring.tryNext(2));
        assertEquals(2, ring.cursor());
        assertEquals(3, ring.tryNext(1));
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void tryPublishEventOnAFullRingReturnsFalseWithoutCallingTheTranslator(ProducerType type) {
        RingBuffer<LongEvent> ring = fullRing(type);
        boolean published = ring.tryPublishEvent((event, sequence) -> {
            throw new AssertionError("translator called on a full ring");
        });
        assertEquals(false, published);
        assertEquals(3, ring.cursor());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void interruptReleasesAProducerBlockedInNext(ProducerType type) throws InterruptedException {
        assertInterruptReleases(fullRing(type), ring -> ring.next());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void interruptReleasesAProducerBlockedInNextOfN(ProducerType type) throws InterruptedException {
        assertInterruptReleases(fullRing(type), ring -> ring.next(3));
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void interruptReleasesAProducerBlockedInPublishEvent(ProducerType type) throws InterruptedException {
        assertInterruptReleases(fullRing(type), ring -> {
            ring.publishEvent((event, sequence) -> event.value = sequence);
            return 0;
        });
    }

    interface Claim {
        long claim(RingBuffer<LongEvent> ring) throws InterruptedException;
    }

    private static void assertInterruptReleases(RingBuffer<LongEvent> ring, Claim claim) throws InterruptedException {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                claim.claim(ring);
                outcome.set(new AssertionError("claim succeeded on a full ring"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "blocked-producer");
        producer.start();
        Await.parked(producer);
        producer.interrupt();
        Await.joined(producer);

        assertInstanceOf(InterruptedException.class, outcome.get());
        assertEquals(3, ring.cursor(), "an interrupted claim takes nothing");
    }
}
