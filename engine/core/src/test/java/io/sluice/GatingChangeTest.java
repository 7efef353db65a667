package io.sluice;

import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.EventHandler;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.YieldingWaitStrategy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Consumers join and leave a running ring without losing or repeating events (Disruptor issues 30, 256). */
class GatingChangeTest {
    private static final long EVENTS = 300_000;

    /** Expects contiguous sequences, each slot stamped with its own sequence, from a given start. */
    static final class ContiguityChecker implements EventHandler<LongEvent> {
        volatile long first = -1;
        long expected = -1;
        long count;
        volatile String firstError;

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) {
            if (expected == -1) {
                expected = sequence;
                first = sequence;
            }
            if (firstError == null && (sequence != expected || event.value != sequence)) {
                firstError = "expected " + expected + ", got sequence " + sequence + " holding " + event.value;
            }
            expected++;
            count++;
        }
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void consumersAddedAndRemovedWhileRunningLoseNothing(ProducerType type) throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY)
                .capacity(64).producerType(type).waitStrategy(new YieldingWaitStrategy()).build();
        ContiguityChecker always = new ContiguityChecker();
        ContiguityChecker leaving = new ContiguityChecker();
        ContiguityChecker joining = new ContiguityChecker();
        BatchEventProcessor<LongEvent> alwaysProcessor = new BatchEventProcessor<>(ring, ring.newBarrier(), always);
        BatchEventProcessor<LongEvent> leavingProcessor = new BatchEventProcessor<>(ring, ring.newBarrier(), leaving);
        BatchEventProcessor<LongEvent> joiningProcessor = new BatchEventProcessor<>(ring, ring.newBarrier(), joining);
        ring.addGatingSequence(alwaysProcessor.sequence());
        ring.addGatingSequence(leavingProcessor.sequence());
        Thread alwaysThread = new Thread(alwaysProcessor, "always");
        Thread leavingThread = new Thread(leavingProcessor, "leaving");
        alwaysThread.start();
        leavingThread.start();

        Thread producer = new Thread(() -> {
            try {
                for (long i = 0; i < EVENTS; i++) {
                    ring.publishEvent((event, sequence) -> event.value = sequence);
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, "producer");
        producer.start();

        Await.until(() -> ring.cursor() >= EVENTS / 4, "a quarter of the events");
        long joinedAt = ring.addGatingSequence(joiningProcessor.sequence());
        Thread joiningThread = new Thread(joiningProcessor, "joining");
        joiningThread.start();

        Await.until(() -> ring.cursor() >= EVENTS / 2, "half of the events");
        // Stop reading first, then stop gating: once removed, a consumer may be lapped.
        leavingProcessor.halt();
        Await.joined(leavingThread);
        assertTrue(ring.removeGatingSequence(leavingProcessor.sequence()));

        Await.joined(producer); // would hang if the removed consumer still gated the ring
        Await.until(() -> alwaysProcessor.sequence().getVolatile() == EVENTS - 1
                && joiningProcessor.sequence().getVolatile() == EVENTS - 1, "consumers to finish");
        alwaysProcessor.halt();
        joiningProcessor.halt();
        Await.joined(alwaysThread);
        Await.joined(joiningThread);

        assertNull(always.firstError);
        assertEquals(EVENTS, always.count);
        assertNull(joining.firstError);
        assertEquals(joinedAt + 1, joining.first, "the joining consumer starts right after the value it was given");
        assertEquals(EVENTS - 1 - joinedAt, joining.count);
        assertNull(leaving.firstError, "everything the leaving consumer read before it left was intact");
        assertEquals(0, leaving.first);
        assertEquals(leavingProcessor.sequence().getVolatile() + 1, leaving.count);
    }

    @Test
    void addingASequenceTwiceIsRejected() {
        RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        Sequence sequence = new Sequence();
        ring.addGatingSequence(sequence);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ring.addGatingSequence(sequence));
        assertTrue(e.getMessage().contains("already gating"), e.getMessage());
        assertEquals(1, ring.gatingSequenceCount());
    }

    @Test
    void removingAnUnknownSequenceReturnsFalse() {
        RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        assertFalse(ring.removeGatingSequence(new Sequence()));
    }

    @Test
    void anAddedSequenceStartsAtTheHighestClaimedSequence() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        ring.publish(0, ring.tryNext(3));
        ring.tryNext(); // claimed, not yet published
        Sequence sequence = new Sequence();
        assertEquals(3, ring.addGatingSequence(sequence));
        assertEquals(3, sequence.getVolatile());
    }

    @Test
    void aRemovedSequenceNoLongerGates() {
        RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent.FACTORY, 2, new BlockingWaitStrategy());
        Sequence stuck = new Sequence();
        ring.addGatingSequence(stuck);
        ring.publish(0, ring.tryNext(2));
        assertEquals(RingBuffer.INSUFFICIENT_CAPACITY, ring.tryNext());
        ring.removeGatingSequence(stuck);
        assertEquals(2, ring.tryNext());
    }
}
