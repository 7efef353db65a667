package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The count of producers blocked on capacity stays exact whichever way their wait ends. */
class CapacityWaitersTest {
    private static RingBuffer<LongEvent> fullRing() {
        RingBuffer<LongEvent> ring = Policies.ring(ProducerType.MULTI, 1, BackpressurePolicy.block());
        ring.addGatingSequence(new Sequence());
        ring.publish(ring.tryNext());
        return ring;
    }

    @Test
    void claimsThatTimeOutLeaveNoProducerCounted() throws InterruptedException {
        RingBuffer<LongEvent> ring = fullRing();
        Producer<LongEvent> producer = ring.newProducer("p");
        for (int i = 0; i < 5; i++) {
            assertEquals(RingBuffer.TIMED_OUT, producer.next(1, 2, TimeUnit.MILLISECONDS));
        }
        assertEquals(0, ring.capacityWaiters().counted());
    }

    @Test
    void aClaimThatIsInterruptedLeavesNoProducerCounted() throws InterruptedException {
        RingBuffer<LongEvent> ring = fullRing();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                ring.next();
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "producer");
        thread.start();
        Await.parked(thread);
        assertEquals(1, ring.capacityWaiters().counted());
        thread.interrupt();
        Await.joined(thread);
        assertInstanceOf(InterruptedException.class, outcome.get());
        assertEquals(0, ring.capacityWaiters().counted());
    }
}
