package io.sluice;

import io.sluice.consumer.EventHandler;
import io.sluice.testkit.ConsumerThread;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.YieldingWaitStrategy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** remainingCapacity() is a consistent figure from 0 to capacity (unlike Disruptor issue 511). */
class RemainingCapacityTest {
    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void countsClaimedButUnconsumedSlots(ProducerType type) {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).producerType(type).build();
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        assertEquals(8, ring.remainingCapacity());
        long hi = ring.tryNext(3);
        assertEquals(5, ring.remainingCapacity(), "claimed, not yet published");
        ring.publish(0, hi);
        assertEquals(5, ring.remainingCapacity());
        consumer.setRelease(1);
        assertEquals(7, ring.remainingCapacity());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void isTheFullCapacityWithoutGatingSequences(ProducerType type) {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).producerType(type).build();
        ring.publish(0, ring.tryNext(8));
        assertEquals(8, ring.remainingCapacity());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void staysWithinRangeWhileProducersAndAConsumerRace(ProducerType type) throws InterruptedException {
        int capacity = 16;
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY)
                .capacity(capacity).producerType(type).waitStrategy(new YieldingWaitStrategy()).build();
        EventHandler<LongEvent> jittery = (event, sequence, endOfBatch) -> {
            if (sequence % 64 == 0) {
                LockSupport.parkNanos(10_000);
            }
        };
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, jittery);
        AtomicBoolean producing = new AtomicBoolean(true);
        ProducerThreads producers = ProducerThreads.start(type == ProducerType.SINGLE ? 1 : 2, id -> {
            while (producing.get()) {
                ring.publishEvent((event, sequence) -> event.value = sequence);
            }
        });

        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 300_000; i++) {
            long remaining = ring.remainingCapacity();
            min = Math.min(min, remaining);
            max = Math.max(max, remaining);
        }
        producing.set(false);
        producers.join();
        consumer.stop();

        assertTrue(min >= 0 && max <= capacity, "saw values from " + min + " to " + max);
    }
}
