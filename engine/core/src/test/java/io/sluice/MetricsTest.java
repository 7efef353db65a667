package io.sluice;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.ConsumerSnapshot;
import io.sluice.consumer.EventPoller;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ring, producer and consumer figures, readable while running and as text. */
class MetricsTest {
    @Test
    void aRingSnapshotSumsTheSharedProducerOpenHandlesAndClosedOnes() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("orders").capacity(4)
                .backpressure(BackpressurePolicy.shed()).build();
        ring.addGatingSequence(new Sequence());
        Producer<LongEvent> open = ring.newProducer("open");
        Producer<LongEvent> closed = ring.newProducer("closed");
        open.publish(open.next());
        long hi = closed.next(2);
        closed.publish(hi - 1, hi);
        assertEquals(RingBuffer.DROPPED, closed.next(2));
        closed.close();
        ring.publish(ring.next());
        assertEquals(RingBuffer.DROPPED, ring.next());
        assertEquals(RingBuffer.INSUFFICIENT_CAPACITY, open.tryNext());

        RingSnapshot snapshot = ring.snapshot(new RingSnapshot());
        assertEquals("orders", snapshot.name());
        assertEquals(4, snapshot.capacity());
        assertEquals(4, snapshot.claims());
        assertEquals(3, snapshot.cursor());
        assertEquals(0, snapshot.remainingCapacity());
        assertEquals(4, snapshot.occupancy());
        assertEquals(-1, snapshot.minimumGatingSequence());
        assertEquals(1, snapshot.gatingSequences());
        assertEquals(1, snapshot.producers(), "the closed handle left, its counts stayed");
        assertEquals(3, snapshot.drops());
        assertEquals(1, snapshot.rejections());
    }

    @Test
    void aProducerSnapshotCountsItsOwnClaimsOnly() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(16).build();
        Producer<LongEvent> a = ring.newProducer("a");
        Producer<LongEvent> b = ring.newProducer("b");
        a.publish(0, a.next(3));
        b.publish(b.next());
        ring.publish(ring.next());
        assertEquals(3, a.snapshot(new ProducerSnapshot()).claims());
        assertEquals(1, b.snapshot(new ProducerSnapshot()).claims());
        assertEquals(5, ring.snapshot(new RingSnapshot()).claims());
    }

    @Test
    void snapshotsReadAsText() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("telemetry").capacity(2)
                .backpressure(BackpressurePolicy.shed()).build();
        ring.addGatingSequence(new Sequence());
        Producer<LongEvent> producer = ring.newProducer("sensor-7");
        producer.publish(0, producer.next(2));
        producer.next();

        String ringText = ring.snapshot(new RingSnapshot()).toString();
        assertTrue(ringText.startsWith("ring telemetry: capacity=2 remaining=0 cursor=1"), ringText);
        assertTrue(ringText.contains("drops=1"), ringText);
        String producerText = producer.snapshot(new ProducerSnapshot()).toString();
        assertTrue(producerText.startsWith("producer sensor-7 [shed]: claims=2"), producerText);
        assertTrue(producerText.contains("drops=1"), producerText);
        assertEquals(producerText, producer.toString());
    }

    @Test
    void aProcessorReportsWhatItProcessedAndHowFarBehindItIs() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 64, new BlockingWaitStrategy());
        CountDownLatch hold = new CountDownLatch(1);
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(),
                (event, sequence, endOfBatch) -> {
                    if (sequence == 10) {
                        hold.await();
                    }
                }, 5); // batches of 5: the sequence is released after 0..4 and 5..9
        ring.addGatingSequence(processor.sequence());
        for (int i = 0; i < 30; i++) {
            ring.publish(ring.next());
        }
        // Started after the publishes, so its batches are exactly 0..4, 5..9, then 10.. held at 10.
        Thread thread = new Thread(processor, "processor");
        thread.start();
        Await.until(() -> processor.processedCount() == 10, "ten events handled");
        ConsumerSnapshot snapshot = processor.snapshot(new ConsumerSnapshot());
        assertEquals(10, snapshot.processed());
        assertEquals(20, snapshot.lag());
        assertEquals(20, processor.lag());
        assertTrue(snapshot.running());
        assertTrue(snapshot.toString().contains("processed=10 lag=20"), snapshot.toString());
        hold.countDown();
        Await.until(() -> processor.lag() == 0, "the processor to catch up");
        assertEquals(30, processor.processedCount());
        processor.halt();
        Await.joined(thread);
    }

    @Test
    void aPollerReportsWhatItProcessedAndHowFarBehindItIs() throws Exception {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        EventPoller<LongEvent> poller = EventPoller.create(ring);
        ring.addGatingSequence(poller.sequence());
        ring.publish(0, ring.tryNext(5));
        poller.poll((event, sequence, endOfBatch) -> sequence < 2);
        ConsumerSnapshot snapshot = poller.snapshot(new ConsumerSnapshot());
        assertEquals(3, snapshot.processed());
        assertEquals(2, snapshot.lag());
    }
}
