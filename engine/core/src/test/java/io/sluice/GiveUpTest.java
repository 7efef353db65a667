package io.sluice;

import io.sluice.consumer.EventHandler;
import io.sluice.testkit.ConsumerThread;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.YieldingWaitStrategy;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multi-producer claim that cannot get capacity gives up without taking a sequence, so no
 * gap is left for consumers to wait on forever.
 */
class GiveUpTest {
    @Test
    void failedTryClaimsFromRacingProducersLeaveNoGap() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 4, new YieldingWaitStrategy());
        AtomicLong consumed = new AtomicLong();
        EventHandler<LongEvent> slow = (event, sequence, endOfBatch) -> {
            consumed.incrementAndGet();
            if (sequence % 16 == 0) {
                LockSupport.parkNanos(20_000);
            }
        };
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, slow);

        AtomicLong succeeded = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ProducerThreads.start(3, id -> {
            for (int i = 0; i < 100_000; i++) {
                int n = 1 + i % 3;
                long hi = ring.tryNext(n);
                if (hi == RingBuffer.INSUFFICIENT_CAPACITY) {
                    failed.incrementAndGet();
                } else {
                    ring.publish(hi - n + 1, hi);
                    succeeded.addAndGet(n);
                }
            }
        }).join();
        consumer.awaitSequence(ring.cursor());
        consumer.stop();

        assertTrue(failed.get() > 0, "the ring was never full; the test proved nothing");
        assertEquals(succeeded.get(), ring.cursor() + 1, "every sequence handed out belongs to a successful claim");
        assertEquals(succeeded.get(), consumed.get());
    }
}
