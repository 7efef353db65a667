package io.sluice.queue;

import io.sluice.FakeClock;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.RateLimiter;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingFigure;
import io.sluice.metrics.RingSnapshot;
import io.sluice.testkit.Await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue's inserts under each kind of backpressure policy, and the figures they leave. */
class QueueBackpressureTest {
    /** Starts a thread that puts {@code e} into the full queue {@code q}, and waits until it is parked in the put. */
    private static Thread parkedPut(RingBlockingQueue<Integer> q, int e) {
        Thread producer = new Thread(() -> {
            try {
                q.put(e);
            } catch (InterruptedException interrupted) {
                throw new AssertionError(interrupted);
            }
        });
        producer.start();
        Await.parked(producer);
        return producer;
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void aRefusedOfferIsCountedAsARejection(QueueVariant variant) {
        RingBlockingQueue<Integer> q = variant.create(2);
        q.offer(1);
        q.offer(2);
        assertFalse(q.offer(3));
        assertFalse(q.offer(4));
        RingSnapshot s = q.snapshot(new RingSnapshot());
        assertEquals(2, s.get(ProducerCounter.REJECTIONS));
        assertEquals(2, s.get(ProducerCounter.CLAIMS));
        assertEquals(0, s.get(ProducerCounter.DROPS));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void aTimedOfferThatRunsOutIsCountedAsATimeout(QueueVariant variant) throws InterruptedException {
        RingBlockingQueue<Integer> q = variant.create(1, BackpressurePolicy.park());
        q.offer(1);
        assertFalse(q.offer(2, 1, TimeUnit.MILLISECONDS));
        assertEquals(1, q.snapshot(new RingSnapshot()).get(ProducerCounter.TIMEOUTS));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void aPutThatWaitsIsCountedAsAStall(QueueVariant variant) throws InterruptedException {
        RingBlockingQueue<Integer> q = variant.create(1);
        q.put(1);
        Thread producer = parkedPut(q, 2);
        assertEquals(1, q.take());
        Await.joined(producer);
        RingSnapshot s = q.snapshot(new RingSnapshot());
        assertEquals(1, s.get(ProducerCounter.STALLS));
        assertEquals(2, s.get(ProducerCounter.CLAIMS));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void aPutWaitingOnAFullQueueGoesOnOnceItsRemovedElementsArePassedOver(QueueVariant variant)
            throws InterruptedException {
        RingBlockingQueue<Integer> q = variant.create(2);
        q.put(1);
        q.put(2);
        Thread producer = parkedPut(q, 3);
        assertTrue(q.remove(1));
        assertTrue(q.remove(2));
        // The slots stay held until a consumer passes over them; this poll does, and finds nothing yet.
        Integer polled = q.poll();
        Await.joined(producer);
        assertEquals(3, polled != null ? polled : q.take());
        assertTrue(q.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void underASheddingPolicyARefusedOfferIsCountedAsADrop(QueueVariant variant) throws InterruptedException {
        RingBlockingQueue<Integer> q = variant.create(1, BackpressurePolicy.shed());
        assertTrue(q.offer(1));
        assertFalse(q.offer(2));
        assertFalse(q.offer(3, 1, TimeUnit.DAYS), "a shedding queue's timed offer does not wait either");
        RingSnapshot s = q.snapshot(new RingSnapshot());
        assertEquals(2, s.get(ProducerCounter.DROPS));
        assertEquals(0, s.get(ProducerCounter.REJECTIONS));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void underASheddingPolicyPutIsRefusedNamingThePolicy(QueueVariant variant) {
        RingBlockingQueue<Integer> q = variant.create(1, BackpressurePolicy.shed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.put(1));
        assertTrue(e.getMessage().contains("shed"), e.getMessage());
        assertTrue(q.isEmpty());
    }

    @Test
    void aPolicyWithADeadlineIsRefusedBecausePutHasNone() {
        BackpressurePolicy timed = BackpressurePolicy.park().withTimeout(1, TimeUnit.SECONDS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RingBlockingQueue.builder(4).backpressure(timed));
        assertTrue(e.getMessage().contains(timed.toString()), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void underARateLimitAnOfferWithoutAPermitIsRefused(QueueVariant variant) {
        FakeClock clock = new FakeClock();
        RateLimiter limiter = new RateLimiter(1, 2, clock); // 1 per second, a burst of 2
        RingBlockingQueue<Integer> q = variant.create(8, BackpressurePolicy.park().withRateLimit(limiter));
        assertTrue(q.offer(1));
        assertTrue(q.offer(2));
        assertFalse(q.offer(3), "the burst is spent, though the queue has room");
        clock.advance(1, TimeUnit.SECONDS);
        assertTrue(q.offer(3), "a permit came back");
        assertEquals(1, q.snapshot(new RingSnapshot()).get(ProducerCounter.REJECTIONS));
    }

    @Test
    void theSnapshotShowsTheQueuesCapacityAndPositionsEvenWhenItIsNotAPowerOfTwo() {
        RingBlockingQueue<Integer> q = RingBlockingQueue.<Integer>builder(5).name("orders").build();
        for (int i = 0; i < 5; i++) {
            q.offer(i);
        }
        q.poll();
        q.poll();
        RingSnapshot s = q.snapshot(new RingSnapshot());
        assertEquals("orders", q.name());
        assertEquals(5, s.get(RingFigure.CAPACITY));
        assertEquals(2, s.get(RingFigure.REMAINING_CAPACITY));
        assertEquals(4, s.get(RingFigure.CURSOR), "five elements inserted: the last is sequence 4");
        assertEquals(1, s.get(RingFigure.SLOWEST_CONSUMER), "two taken");
        assertEquals(5, s.get(ProducerCounter.CLAIMS));
    }

    @Test
    void theDefaultPolicyBlocks() {
        assertTrue(new RingBlockingQueue<Integer>(4).backpressurePolicy().blocks());
        assertEquals(4, new RingBlockingQueue<Integer>(4).capacity());
    }
}
