package io.sluice.consumer;

import io.sluice.RingBuffer;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.pipeline.Pipeline;
import io.sluice.testkit.Await;
import io.sluice.testkit.LogCapture;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rewindable batches: a handler throws {@link RewindableException} and its batch is handed over again. */
class RewindableBatchTest {
    private static final int EVENTS = 4;

    private final LogCapture logs = LogCapture.consumers();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    /** Records what it is handed; on sequence 2 throws a rewind request the first {@code failures} times (every time if negative). */
    private static final class FailsOnTwo implements EventHandler<LongEvent> {
        final Queue<String> calls = new ConcurrentLinkedQueue<>();
        private int failuresLeft;

        FailsOnTwo(int failures) {
            this.failuresLeft = failures;
        }

        @Override
        public void onBatchStart(long batchSize, long queueDepth) {
            calls.add("batch " + batchSize);
        }

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) throws RewindableException {
            calls.add(String.valueOf(sequence));
            if (sequence == 2 && failuresLeft != 0) {
                failuresLeft--;
                throw new RewindableException(new IllegalStateException("deadlock, try again"));
            }
        }
    }

    /** Runs a processor over EVENTS events published before it starts (one batch), until its sequence reaches {@code until}. */
    private static BatchEventProcessor<LongEvent> run(EventHandler<LongEvent> handler, BatchRewindStrategy strategy,
            ExceptionPolicy policy) {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).build();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>("rewinding", ring, ring.newBarrier(),
                handler, Integer.MAX_VALUE, policy, Containment.FAIL_CLAIMS);
        if (strategy != null) {
            processor.setRewindStrategy(strategy);
        }
        ring.addGatingSequence(processor.sequence());
        ring.publish(ring.tryNext(EVENTS));
        new Thread(processor, "processor").start();
        return processor;
    }

    private static void awaitEnd(BatchEventProcessor<LongEvent> processor) {
        Await.until(() -> processor.sequence().getVolatile() == EVENTS - 1 || processor.failure() != null,
                "the processor to finish the batch or fail");
        processor.halt();
        Await.until(() -> !processor.isRunning(), "the processor to stop");
    }

    @Test
    void aRewoundBatchIsHandedOverAgainFromItsFirstEvent() {
        FailsOnTwo handler = new FailsOnTwo(1);
        BatchEventProcessor<LongEvent> processor = run(handler, BatchRewindStrategy.alwaysRewind(), ExceptionPolicy.stop());
        awaitEnd(processor);
        assertEquals(List.of("batch 4", "0", "1", "2", "batch 4", "0", "1", "2", "3"), List.copyOf(handler.calls));
        assertEquals(0, processor.snapshot(new ConsumerSnapshot()).failures(), "a rewind is not a failure");
    }

    @Test
    void aStrategyThatGivesUpHandsTheFailureToTheExceptionPolicyAtTheEventThatThrew() {
        FailsOnTwo handler = new FailsOnTwo(-1);
        BatchEventProcessor<LongEvent> processor = run(handler, BatchRewindStrategy.giveUpAfter(3), ExceptionPolicy.skip());
        awaitEnd(processor);
        assertEquals(List.of("batch 4", "0", "1", "2", "batch 4", "0", "1", "2", "batch 4", "0", "1", "2", "3"),
                List.copyOf(handler.calls), "rewound twice; the third failure is skipped by the policy");
        assertEquals(1, processor.snapshot(new ConsumerSnapshot()).dropped());
    }

    @Test
    void withoutAStrategyARewindRequestIsAFailureLikeAnyOther() {
        FailsOnTwo handler = new FailsOnTwo(-1);
        BatchEventProcessor<LongEvent> processor = run(handler, null, ExceptionPolicy.stop());
        awaitEnd(processor);
        assertInstanceOf(RewindableException.class, processor.failure());
        assertEquals(List.of("batch 4", "0", "1", "2"), List.copyOf(handler.calls));
    }

    @Test
    void theAttemptsCountEachBatchFromOne() {
        Queue<Integer> attempts = new ConcurrentLinkedQueue<>();
        FailsOnTwo handler = new FailsOnTwo(2);
        BatchEventProcessor<LongEvent> processor = run(handler, (failure, attempt) -> {
            attempts.add(attempt);
            return BatchRewindStrategy.RewindAction.REWIND;
        }, ExceptionPolicy.stop());
        awaitEnd(processor);
        assertEquals(List.of(1, 2), List.copyOf(attempts));
    }

    @Test
    void aPipelineHandlerStageTakesARewindStrategyAndAWorkerPoolRefusesOne() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8)
                .backpressure(BackpressurePolicy.block()).build();
        FailsOnTwo handler = new FailsOnTwo(1);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("rewinding", handler).rewindStrategy(BatchRewindStrategy.alwaysRewind());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.workerPool("pool",
                List.of((event, sequence, endOfBatch) -> { })).rewindStrategy(BatchRewindStrategy.alwaysRewind()));
        assertTrue(e.getMessage().contains("pool is a WORKER_POOL"), e.getMessage());
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        for (int i = 0; i < EVENTS; i++) {
            ring.publishEvent((event, sequence) -> event.value = sequence);
        }
        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(30)).drained());
        List<String> events = handler.calls.stream().filter(c -> !c.startsWith("batch")).toList();
        assertEquals(List.of("0", "1", "2", "3"), events.stream().distinct().sorted().toList(), "every event handled");
        assertEquals(2, events.stream().filter("2"::equals).count(), "event 2 failed once and was redone with its batch");
        assertEquals("3", events.get(events.size() - 1));
    }

    @Test
    void strategiesRefuseBadSettingsByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchRewindStrategy.giveUpAfter(0))
                .getMessage().contains(": 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchRewindStrategy.pauseThenRewind(Duration.ZERO))
                .getMessage().contains("PT0S"));
    }
}
