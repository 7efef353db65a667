package io.sluice.consumer;

import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A handler releasing sequences before its batch ends, through the processor's sequence callback. */
class EarlyReleaseTest {
    private static final int CAPACITY = 4;

    /** Releases each event as soon as it is handled, and holds the batch's last event until told. */
    private static final class ReleasesEachEvent implements EventHandler<LongEvent> {
        final CountDownLatch finishLast = new CountDownLatch(1);
        volatile boolean holdingLast;
        Sequence callback;

        @Override
        public void setSequenceCallback(Sequence sequenceCallback) {
            callback = sequenceCallback;
        }

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) throws InterruptedException {
            if (endOfBatch) {
                holdingLast = true;
                assertTrue(finishLast.await(60, TimeUnit.SECONDS));
                return;
            }
            callback.setRelease(sequence); // done with it: producers may reuse its slot now
        }
    }

    @Test
    void theProcessorHandsItsOwnSequenceToTheHandler() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(CAPACITY).build();
        ReleasesEachEvent handler = new ReleasesEachEvent();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler);
        assertSame(processor.sequence(), handler.callback);
    }

    @Test
    void sequencesReleasedDuringABatchFreeTheirSlotsBeforeTheBatchEnds() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(CAPACITY).build();
        ReleasesEachEvent handler = new ReleasesEachEvent();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler);
        ring.addGatingSequence(processor.sequence());
        ring.publish(ring.tryNext(CAPACITY)); // one full batch: 0..3
        Thread thread = new Thread(processor, "processor");
        thread.start();

        Await.until(() -> handler.holdingLast, "the handler to hold the batch's last event");
        assertEquals(CAPACITY - 1, ring.remainingCapacity(), "0..2 released while 3 is still in hand");
        long sequence = ring.tryNext();
        assertEquals(CAPACITY, sequence, "a producer reuses a released slot");
        ring.publish(sequence);

        handler.finishLast.countDown();
        Await.until(() -> processor.sequence().getVolatile() == CAPACITY, "the processor to finish both batches");
        processor.halt();
        thread.join(60_000);
    }
}
