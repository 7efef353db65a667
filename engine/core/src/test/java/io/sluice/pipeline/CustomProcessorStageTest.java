package io.sluice.pipeline;

import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.EventProcessor;
import io.sluice.consumer.ExceptionPolicy;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.AlertException;
import io.sluice.wait.WaitTimeoutException;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-written consumers in a pipeline: a processor stage, and a stage's sequences and barrier. */
class CustomProcessorStageTest {
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final int EVENTS = 1_000;

    /** A hand-written processor: waits on its barrier, copies each value, releases what it read. */
    private static final class CopyingProcessor implements EventProcessor {
        private final RingBuffer<LongEvent> ring;
        private final SequenceBarrier barrier;
        private final Sequence sequence = new Sequence();
        private volatile boolean running;
        final Queue<Long> seen = new ConcurrentLinkedQueue<>();

        CopyingProcessor(RingBuffer<LongEvent> ring, SequenceBarrier barrier) {
            this.ring = ring;
            this.barrier = barrier;
        }

        @Override
        public void run() {
            running = true;
            try {
                long next = sequence.getPlain() + 1;
                while (true) {
                    long available;
                    try {
                        available = barrier.waitFor(next);
                    } catch (AlertException | InterruptedException halted) {
                        return;
                    } catch (WaitTimeoutException timeout) {
                        continue;
                    }
                    for (; next <= available; next++) {
                        seen.add(ring.get(next).value);
                    }
                    sequence.setRelease(available);
                    ring.signalConsumerProgress(); // wakes producers and later stages that block
                }
            } finally {
                running = false;
            }
        }

        @Override
        public Sequence sequence() {
            return sequence;
        }

        @Override
        public void halt() {
            barrier.alert();
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    private static RingBuffer<LongEvent> ring() {
        return RingBuffer.builder(LongEvent.FACTORY).name("ticks").capacity(64)
                .backpressure(BackpressurePolicy.block()).build();
    }

    private static void publish(RingBuffer<LongEvent> ring, int events) throws InterruptedException {
        for (long i = 0; i < events; i++) {
            ring.publishEvent((event, sequence, value) -> event.value = value, i);
        }
    }

    @Test
    void aHandWrittenProcessorRunsAsAStageBetweenTwoOthers() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring();
        AtomicLong firstDone = new AtomicLong(-1);
        AtomicLong overtaken = new AtomicLong();
        CopyingProcessor[] made = new CopyingProcessor[1];
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> first = b.handler("first", (event, sequence, endOfBatch) -> firstDone.set(sequence));
        Stage<LongEvent> custom = b.processor("custom", (r, barrier) -> made[0] = new CopyingProcessor(r, barrier), first);
        Queue<Long> last = new ConcurrentLinkedQueue<>();
        b.handler("last", (event, sequence, endOfBatch) -> {
            if (sequence > made[0].sequence().getVolatile()) {
                overtaken.incrementAndGet();
            }
            last.add(event.value);
        }, custom);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        publish(ring, EVENTS);

        assertTrue(pipeline.drainAndStop(DRAIN).drained());
        List<Long> expected = LongStream.range(0, EVENTS).boxed().toList();
        assertEquals(expected, List.copyOf(made[0].seen), "the processor saw every event, in order");
        assertEquals(expected, List.copyOf(last), "the stage after it too");
        assertEquals(0, overtaken.get(), "the stage after it never passed it");
        assertEquals(EVENTS - 1, custom.finishedSequence());
        assertEquals(Stage.Kind.PROCESSOR, custom.kind());
        assertFalse(custom.isRunning(), "the pipeline halted and joined its thread");
    }

    @Test
    void haltStopsAHandWrittenProcessorThatWaitsForEvents() {
        RingBuffer<LongEvent> ring = ring();
        CopyingProcessor[] made = new CopyingProcessor[1];
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> custom = b.processor("custom", (r, barrier) -> made[0] = new CopyingProcessor(r, barrier));
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();

        pipeline.halt();
        assertFalse(custom.isRunning());
        assertFalse(made[0].isRunning());
    }

    @Test
    void aConsumerOnAStagesSequencesNeverPassesThatStage() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> first = b.handler("first", (event, sequence, endOfBatch) -> { });
        Pipeline<LongEvent> pipeline = b.build();
        SequenceBarrier afterFirst = ring.newBarrier(first.sequences());
        Sequence mine = new Sequence(first.startSequence());
        ring.addGatingSequence(mine);
        pipeline.start();
        publish(ring, 10);

        long next = 0;
        while (next < 10) {
            long available;
            try {
                available = afterFirst.waitFor(next);
            } catch (AlertException | WaitTimeoutException e) {
                throw new AssertionError(e);
            }
            assertTrue(first.finishedSequence() >= available, "waited for the stage to finish " + available);
            next = available + 1;
            mine.setRelease(available);
        }
        ring.removeGatingSequence(mine);
        assertTrue(pipeline.drainAndStop(DRAIN).drained());
    }

    @Test
    void aStagesBarrierIsTheOneItsConsumersWaitOnAndItsSequencesACopy() {
        RingBuffer<LongEvent> ring = ring();
        SequenceBarrier[] given = new SequenceBarrier[1];
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> custom = b.processor("custom", (r, barrier) -> new CopyingProcessor(r, given[0] = barrier));
        Stage<LongEvent> poller = b.poller("poller");
        assertThrows(IllegalStateException.class, custom::barrier, "not built yet");
        b.build();
        assertSame(given[0], custom.barrier());
        assertNotSame(custom.sequences(), custom.sequences());
        IllegalStateException e = assertThrows(IllegalStateException.class, poller::barrier);
        assertTrue(e.getMessage().contains("poller"), e.getMessage());
    }

    @Test
    void aProcessorStageRefusesFailureSettingsItWouldIgnore() {
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring());
        Stage<LongEvent> custom = b.processor("custom", CopyingProcessor::new);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> custom.exceptionPolicy(ExceptionPolicy.skip()));
        assertTrue(e.getMessage().contains("stage custom"), e.getMessage());
    }

    @Test
    void aFactoryThatMakesNothingIsRefusedNamingTheStage() {
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring());
        b.processor("nothing", (r, barrier) -> null);
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("stage nothing returned null"), e.getMessage());
    }
}
