package io.sluice;

import io.sluice.consumer.EventHandler;
import io.sluice.testkit.ConsumerThread;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.YieldingWaitStrategy;

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
    @EnumSource(RingKind.class)
    void aSlowConsumerIsNeverLapped(RingKind kind) throws InterruptedException {
        RingBuffer<LongEvent> ring = kind.configure(RingBuffer.builder(LongEvent.FACTORY))
                .capacity(4).waitStrategy(new YieldingWaitStrategy()).build();
        SlowStampChecker slow = new SlowStampChecker();
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, slow);

        int producerCount = kind.producerType() == ProducerType.SINGLE ? 1 : 2;
        int perProducer = 10_000;
        ProducerThreads.start(producerCount, id -> {
            for (int i = 0; i < perProducer; i++) {
                ring.publishEvent((event, sequence) -> event.value = sequence);
            }
        }).join();
        long total = (long) producerCount * perProducer;
        consumer.awaitSequence(total - 1);
        consumer.stop();

        assertNull(slow.firstError);
        assertEquals(total, slow.count);
    }
}
