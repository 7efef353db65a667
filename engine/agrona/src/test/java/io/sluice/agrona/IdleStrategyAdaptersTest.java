package io.sluice.agrona;

import io.sluice.metrics.ProducerSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.Producer;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;
import io.sluice.testkit.Await;
import io.sluice.testkit.ConsumerThread;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.AlertException;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Agrona idle strategies as a producer back-off and as a consumer wait strategy. */
class IdleStrategyAdaptersTest {
    @Test
    void anAgronaBackoffStallsAProducerUntilTheConsumerCatchesUp() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(4).build();
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong consumed = new AtomicLong();
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, (event, sequence, endOfBatch) -> {
            release.await();
            consumed.incrementAndGet();
        });
        BackpressurePolicy policy = IdleStrategyBackoff.policy(() -> new BackoffIdleStrategy(1, 1, 1_000, 100_000));
        assertTrue(policy.toString().startsWith("agrona backoff"), policy.toString());
        Producer<LongEvent> producer = ring.newProducer("agrona", policy);
        Thread producing = new Thread(() -> {
            try {
                for (int i = 0; i < 50; i++) {
                    producer.publishEvent((event, sequence) -> event.value = sequence);
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        producing.start();
        Await.until(() -> producer.snapshot(new ProducerSnapshot()).claims() == 4, "the ring to fill");
        Await.parked(producing); // the fifth claim is stalled in Agrona's back-off, not merely due
        release.countDown();
        Await.joined(producing);
        consumer.awaitSequence(49);
        consumer.stop();
        assertEquals(50, consumed.get());
        assertTrue(producer.snapshot(new ProducerSnapshot()).stalls() >= 1);
    }

    @Test
    void anAgronaIdleStrategyWaitsForEventsAsAConsumerWaitStrategy() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(16).producerType(ProducerType.SINGLE)
                .waitStrategy(new IdleStrategyWaitStrategy(() -> new SleepingIdleStrategy(50_000))).build();
        AtomicLong sum = new AtomicLong();
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, (event, sequence, endOfBatch) -> sum.addAndGet(event.value));
        for (long i = 1; i <= 1000; i++) {
            long sequence = ring.next();
            ring.get(sequence).value = i;
            ring.publish(sequence);
        }
        consumer.awaitSequence(999);
        consumer.stop();
        assertEquals(500_500, sum.get());
    }

    @Test
    void anAlertEndsAnAgronaWait() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8)
                .waitStrategy(new IdleStrategyWaitStrategy(() -> new SleepingIdleStrategy(1_000_000))).build();
        ring.addGatingSequence(new Sequence());
        SequenceBarrier barrier = ring.newBarrier();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                outcome.set(barrier.waitFor(0));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        waiter.start();
        Await.parked(waiter);
        barrier.alert();
        Await.joined(waiter);
        assertInstanceOf(AlertException.class, outcome.get());
    }
}
