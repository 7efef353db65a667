package io.sluice;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A closed ring refuses every claim with one clear exception, releases waiting producers, and keeps what was claimed before. */
class ClosedRingTest {
    private static final EventTranslator<LongEvent> WRITE = (event, sequence) -> event.value = sequence;

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void everyClaimFormFailsAtOnceWithTheClosure(ProducerType type) {
        RingBuffer<LongEvent> ring = Policies.ring(type, 8, BackpressurePolicy.park());
        ring.addGatingSequence(new Sequence());
        Producer<LongEvent> handle = ring.newProducer("handle");
        assertTrue(ring.close("stopped by the test", null));

        RingClosedException reason = ring.closedReason();
        assertTrue(reason.getMessage().contains("test") && reason.getMessage().contains("stopped by the test"),
                reason.getMessage());
        assertSame(reason, assertThrows(RingClosedException.class, ring::next));
        assertSame(reason, assertThrows(RingClosedException.class, () -> ring.next(2)));
        assertSame(reason, assertThrows(RingClosedException.class, ring::tryNext));
        assertSame(reason, assertThrows(RingClosedException.class, () -> ring.publishEvent(WRITE)));
        assertSame(reason, assertThrows(RingClosedException.class, () -> ring.tryPublishEvent(WRITE)));
        assertSame(reason, assertThrows(RingClosedException.class, handle::next));
        assertSame(reason, assertThrows(RingClosedException.class, handle::tryNext));
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void claimsMadeBeforeTheCloseStayValidUpToTheFinalSequence(ProducerType type) throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(type, 8, BackpressurePolicy.park());
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        long first = ring.next();
        long last = ring.next(2);
        ring.close("stop", null);

        assertEquals(2, ring.finalSequence());
        ring.publish(first);
        ring.publish(last - 1, last);
        assertTrue(ring.isPublished(2), "a claim made before the close is still published");
    }

    @Test
    void theFirstCloseWinsAndItsCauseIsKept() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        IllegalStateException cause = new IllegalStateException("boom");
        assertTrue(ring.close("stage 'match' failed at sequence 7", cause));
        assertFalse(ring.close("stopped", null));

        assertSame(cause, ring.closedReason().getCause());
        assertTrue(ring.closedReason().getMessage().contains("stage 'match' failed"));
    }

    @Test
    void anOpenRingHasNoFinalSequence() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        assertFalse(ring.isClosed());
        assertNull(ring.closedReason());
        IllegalStateException e = assertThrows(IllegalStateException.class, ring::finalSequence);
        assertTrue(e.getMessage().contains("open"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("io.sluice.Policies#producerTypesAndWaitingPolicies")
    void aProducerWaitingOnAFullRingIsReleasedByTheClose(ProducerType type, Supplier<BackpressurePolicy> policy)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(type, 4, policy.get());
        ring.addGatingSequence(new Sequence()); // a consumer that never moves
        for (int i = 0; i < 4; i++) {
            ring.publishEvent(WRITE);
        }
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch claiming = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            claiming.countDown();
            try {
                ring.publishEvent(WRITE);
                outcome.set(new AssertionError("claimed a slot of a full ring"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "stalled-producer");
        producer.start();
        claiming.await();
        Thread.sleep(20); // let it reach its wait
        ring.close("stopped while a producer waited", null);

        Await.joined(producer);
        assertInstanceOf(RingClosedException.class, outcome.get());
        assertEquals(3, ring.finalSequence(), "the refused claim took nothing");
    }

    @Test
    void aSingleProducerRacingTheCloseEitherKeepsItsClaimOrTakesItBack() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            RingBuffer<LongEvent> ring = Policies.ring(ProducerType.SINGLE, 64, BackpressurePolicy.park());
            Sequence consumer = new Sequence();
            ring.addGatingSequence(consumer);
            long[] lastPublished = {-1};
            Thread producer = new Thread(() -> {
                try {
                    while (true) {
                        long s = ring.next();
                        ring.publish(s);
                        lastPublished[0] = s;
                        consumer.setRelease(s); // consume at once so the ring never fills
                    }
                } catch (RingClosedException | InterruptedException expected) {
                    // the close refused the claim
                }
            }, "racing-producer");
            producer.start();
            Thread.onSpinWait();
            ring.close("race", null);
            long last = ring.finalSequence();
            Await.joined(producer);
            assertEquals(last, lastPublished[0], "round " + round + ": every kept claim is published, no other");
            assertEquals(last, ring.cursor(), "round " + round + ": a refused claim was taken back");
        }
    }

    @Test
    void multipleProducersRacingTheCloseLeaveExactlyTheFinalSequencesPublished() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            RingBuffer<LongEvent> ring = Policies.ring(ProducerType.MULTI, 1024, BackpressurePolicy.park());
            ring.addGatingSequence(new Sequence(Long.MAX_VALUE / 2)); // never gates: the race is with the close
            BitSet[] published = new BitSet[3];
            ProducerThreads producers = ProducerThreads.start(3, id -> {
                BitSet mine = new BitSet();
                published[id] = mine;
                try {
                    for (int i = 0; i < 100_000; i++) {
                        long s = ring.next();
                        ring.publish(s);
                        mine.set((int) s);
                    }
                } catch (RingClosedException expected) {
                    // refused
                }
            });
            Thread.onSpinWait();
            ring.close("race", null);
            long last = ring.finalSequence();
            producers.join();
            BitSet all = new BitSet();
            for (BitSet mine : published) {
                assertFalse(all.intersects(mine), "a sequence was claimed twice");
                all.or(mine);
            }
            assertEquals(last + 1, all.cardinality(), "round " + round + ": published sequences are exactly 0..final");
            assertEquals(last, all.length() - 1);
            assertEquals(last, ring.cursor(), "round " + round + ": claims refused by the close were rolled back");
        }
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void claimsRefusedByTheCloseLeaveTheRingsFiguresAsTheyWere(ProducerType type) throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(type, 8, BackpressurePolicy.park());
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        Producer<LongEvent> handle = ring.newProducer("handle");
        ring.publish(ring.next());
        consumer.setRelease(0);
        ring.close("drained", null);

        for (int i = 0; i < 10; i++) {
            assertThrows(RingClosedException.class, i % 2 == 0 ? ring::tryNext : handle::tryNext);
            assertThrows(RingClosedException.class, () -> ring.next(2));
        }
        RingSnapshot figures = ring.snapshot(new RingSnapshot());
        assertEquals(0, ring.cursor());
        assertEquals(0, figures.cursor());
        assertEquals(1, figures.claims());
        assertEquals(0, figures.occupancy());
        assertEquals(8, ring.remainingCapacity());
        assertEquals(0, handle.snapshot(new ProducerSnapshot()).claims());
        assertTrue(consumer.getVolatile() >= ring.cursor(), "the guide's drain loop ends");
    }

    @Test
    void sequencesAddedTogetherStartTogetherAtTheCursor() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        ring.publish(ring.next(3));
        Sequence a = new Sequence();
        Sequence b = new Sequence();
        assertEquals(2, ring.addGatingSequences(a, b));
        assertEquals(2, a.getVolatile());
        assertEquals(2, b.getVolatile());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> ring.addGatingSequences(a));
        assertTrue(twice.getMessage().contains("already gating"), twice.getMessage());
    }
}
