package io.sluice;

import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.EventHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Invariant 1: producers never overwrite a slot a gating consumer has not finished. */
class NoOverwriteTest {
    /** Reads the slot's stamp, dawdles, and reads it again: a lapping producer would change it. */
    static final class SlowStampChecker implements EventHandler<LongEvent> {
        long count;
        volatile String firstError;

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) {
            long before = event.value;
            if (sequence % 8 == 0) {
                LockSupport.parkNanos(50_000);
            } else {
                for (int i = 0; i < 200; i++) {
                    Thread.onSpinWait();
                }
            }
            long after = event.value;
            if (firstError == null && (before != sequence || after != sequence)) {
                firstError = "sequence " + sequence + " read " + before + " then " + after;
            }
            count++;
        }
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void aSlowConsumerIsNeverLapped(ProducerType type) throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY)
                .capacity(4).producerType(type).waitStrategy(new YieldingWaitStrategy()).build();
        SlowStampChecker slow = new SlowStampChecker();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), slow);
        ring.addGatingSequence(processor.sequence());
        Thread consumer = new Thread(processor, "slow-consumer");
        consumer.start();

        int producerCount = type == ProducerType.SINGLE ? 1 : 2;
        int perProducer = 10_000;
        Thread[] producers = new Thread[producerCount];
        for (int p = 0; p < producerCount; p++) {
            producers[p] = new Thread(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        ring.publishEvent((event, sequence) -> event.value = sequence);
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }, "producer-" + p);
            producers[p].start();
        }
        for (Thread producer : producers) {
            Await.joined(producer);
        }
        long total = (long) producerCount * perProducer;
        Await.until(() -> processor.sequence().getVolatile() == total - 1, "slow consumer to finish");
        processor.halt();
        Await.joined(consumer);

        assertNull(slow.firstError);
        assertEquals(total, slow.count);
    }
}
