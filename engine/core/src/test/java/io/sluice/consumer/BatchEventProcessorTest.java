package io.sluice.consumer;

import io.sluice.RingBuffer;
import io.sluice.testkit.Await;
import io.sluice.testkit.CountingHooks;
import io.sluice.testkit.LogCapture;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.TimeoutBlockingWaitStrategy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchEventProcessorTest {
    /** Captures the stage failures these tests provoke, so they do not flood the build output. */
    private final LogCapture logs = LogCapture.consumers();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    private final RingBuffer<LongEvent> ring =
            RingBuffer.createMultiProducer(LongEvent.FACTORY, 16, new BlockingWaitStrategy());

    /** Records every callback as text, in order. */
    static class RecordingHandler implements EventHandler<LongEvent> {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) throws Exception {
            calls.add("event " + sequence + (endOfBatch ? " end" : ""));
        }

        @Override
        public void onBatchStart(long batchSize, long queueDepth) {
            calls.add("batch " + batchSize + "/" + queueDepth);
        }

        @Override
        public void onStart() {
            calls.add("start");
        }

        @Override
        public void onShutdown() {
            calls.add("shutdown");
        }

        @Override
        public void onTimeout(long sequence) {
            calls.add("timeout " + sequence);
        }
    }

    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            ring.publish(ring.tryNext());
        }
    }

    private Thread start(BatchEventProcessor<LongEvent> processor) {
        ring.addGatingSequence(processor.sequence());
        Thread thread = new Thread(processor, "processor");
        thread.start();
        return thread;
    }

    private static void stop(BatchEventProcessor<LongEvent> processor, Thread thread) throws InterruptedException {
        processor.halt();
        Await.joined(thread);
    }

    @Test
    void handsOverEverythingAvailableAsOneBatchBetweenStartAndShutdownHooks() throws InterruptedException {
        RecordingHandler handler = new RecordingHandler();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler);
        ring.addGatingSequence(processor.sequence());
        publish(3);
        Thread thread = new Thread(processor, "processor");
        thread.start();
        Await.until(() -> processor.sequence().getVolatile() == 2, "three events");
        stop(processor, thread);
        assertEquals(List.of("start", "batch 3/3", "event 0", "event 1", "event 2 end", "shutdown"), handler.calls);
    }

    @Test
    void aMaximumBatchSizeSplitsBatchesAndReportsTheQueueDepth() throws InterruptedException {
        RecordingHandler handler = new RecordingHandler();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler, 4);
        ring.addGatingSequence(processor.sequence());
        publish(10);
        Thread thread = new Thread(processor, "processor");
        thread.start();
        Await.until(() -> processor.sequence().getVolatile() == 9, "ten events");
        stop(processor, thread);
        assertEquals(List.of("start",
                "batch 4/10", "event 0", "event 1", "event 2", "event 3 end",
                "batch 4/6", "event 4", "event 5", "event 6", "event 7 end",
                "batch 2/2", "event 8", "event 9 end",
                "shutdown"), handler.calls);
    }

    @Test
    void advancesItsSequenceOnlyAfterTheWholeBatch() throws InterruptedException {
        CountDownLatch inBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(),
                (event, sequence, endOfBatch) -> {
                    if (sequence == 2) {
                        inBatch.countDown();
                        release.await();
                    }
                });
        ring.addGatingSequence(processor.sequence());
        publish(4);
        Thread thread = new Thread(processor, "processor");
        thread.start();
        inBatch.await();
        assertEquals(-1, processor.sequence().getVolatile(), "no release store in the middle of a batch");
        release.countDown();
        Await.until(() -> processor.sequence().getVolatile() == 3, "the batch to finish");
        stop(processor, thread);
    }

    @Test
    void haltStopsAWaitingProcessor() throws InterruptedException {
        RecordingHandler handler = new RecordingHandler();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler);
        Thread thread = start(processor);
        Await.parked(thread);
        assertTrue(processor.isRunning());
        stop(processor, thread);
        assertFalse(processor.isRunning());
        assertEquals(List.of("start", "shutdown"), handler.calls);
    }

    @Test
    void aHaltBeforeRunIsHonouredAndTheProcessorCanRunAfterwards() throws InterruptedException {
        RecordingHandler handler = new RecordingHandler();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler);
        ring.addGatingSequence(processor.sequence());
        processor.halt();
        processor.run(); // returns at once
        assertEquals(List.of(), handler.calls);

        publish(1);
        Thread thread = new Thread(processor, "processor");
        thread.start();
        Await.until(() -> processor.sequence().getVolatile() == 0, "the event");
        stop(processor, thread);
    }

    @Test
    void aHaltedProcessorResumesWhereItStoppedWhenRunAgain() throws InterruptedException {
        RecordingHandler handler = new RecordingHandler();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler);
        Thread first = start(processor);
        publish(2);
        Await.until(() -> processor.sequence().getVolatile() == 1, "two events");
        stop(processor, first);
        publish(2);
        Thread second = new Thread(processor, "processor-again");
        second.start();
        Await.until(() -> processor.sequence().getVolatile() == 3, "two more events");
        stop(processor, second);
        assertEquals(4, handler.calls.stream().filter(c -> c.startsWith("event")).count());
    }

    @Test
    void runningTwiceAtOnceIsRejected() throws InterruptedException {
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), (e, s, b) -> { });
        Thread thread = start(processor);
        Await.until(processor::isRunning, "processor to run");
        IllegalStateException e = assertThrows(IllegalStateException.class, processor::run);
        assertTrue(e.getMessage().contains("already running"));
        stop(processor, thread);
    }

    @Test
    void aFailingHandlerStopsTheProcessorAndLeavesTheFailedEventUnconsumed() throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("boom");
        RecordingHandler handler = new RecordingHandler() {
            @Override
            public void onEvent(LongEvent event, long sequence, boolean endOfBatch) throws Exception {
                super.onEvent(event, sequence, endOfBatch);
                if (sequence == 2) {
                    throw boom;
                }
            }
        };
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler);
        ring.addGatingSequence(processor.sequence());
        publish(5);
        Thread thread = new Thread(processor, "processor");
        thread.start();
        Await.joined(thread); // ends by itself
        assertSame(boom, processor.failure());
        assertEquals(1, processor.sequence().getVolatile(), "events before the failure are consumed, the failed one is not");
        assertEquals("shutdown", handler.calls.get(handler.calls.size() - 1));
        assertFalse(processor.isRunning());
    }

    @Test
    void aFailingStartHookStopsTheProcessorBeforeAnyEvent() throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("no start");
        RecordingHandler handler = new RecordingHandler() {
            @Override
            public void onStart() {
                throw boom;
            }
        };
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), handler);
        ring.addGatingSequence(processor.sequence());
        publish(1);
        processor.run();
        assertSame(boom, processor.failure());
        assertEquals(List.of("shutdown"), handler.calls);
        assertEquals(-1, processor.sequence().getVolatile());
    }

    /** The probe of the issue: start the thread, wait until it runs, halt it; 17% of rounds got onShutdown alone. */
    @Test
    void startAndShutdownHooksComeInPairsHoweverAHaltRacesTheStart() throws InterruptedException {
        for (int round = 0; round < 2_000; round++) {
            CountingHooks hooks = new CountingHooks();
            BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), hooks);
            Thread thread = new Thread(processor, "processor-" + round);
            thread.start();
            while (!processor.isRunning() && thread.isAlive()) {
                Thread.onSpinWait();
            }
            processor.halt();
            Await.joined(thread);
            assertEquals(hooks.starts.get(), hooks.shutdowns.get(),
                    "round " + round + ": onShutdown comes after onStart, or neither comes");
        }
    }

    @Test
    void aQuietRingWithATimeoutStrategyCallsTheTimeoutHook() throws InterruptedException {
        RingBuffer<LongEvent> quiet = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8,
                new TimeoutBlockingWaitStrategy(5, TimeUnit.MILLISECONDS));
        RecordingHandler handler = new RecordingHandler();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(quiet, quiet.newBarrier(), handler);
        quiet.addGatingSequence(processor.sequence());
        Thread thread = new Thread(processor, "processor");
        thread.start();
        Await.until(() -> handler.calls.contains("timeout -1"), "a timeout");
        quiet.publish(quiet.tryNext());
        Await.until(() -> processor.sequence().getVolatile() == 0, "the event after the timeout");
        stop(processor, thread);
        assertNull(processor.failure());
    }

    @Test
    void anInterruptStopsTheStageAndClosesTheRingNamingIt() throws InterruptedException {
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), (e, s, b) -> { });
        Thread thread = start(processor);
        Await.parked(thread);
        thread.interrupt();
        Await.joined(thread);
        assertFalse(processor.isRunning());
        assertInstanceOf(InterruptedException.class, processor.failure());
        assertTrue(ring.isClosed(), "an interrupted stage no longer consumes: producers must not wait on it");
        assertTrue(ring.closedReason().getMessage().contains("stage '" + processor.name() + "'"),
                ring.closedReason().getMessage());
    }

    @Test
    void aHaltedProcessorLeavesTheRingOpen() throws InterruptedException {
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), (e, s, b) -> { });
        Thread thread = start(processor);
        Await.parked(thread);
        stop(processor, thread);
        assertNull(processor.failure());
        assertFalse(ring.isClosed());
    }

    @Test
    void aDownstreamStageNeverSeesAnEventBeforeItsUpstreamStageFinishedIt() throws InterruptedException {
        BatchEventProcessor<LongEvent> upstream = new BatchEventProcessor<>(ring, ring.newBarrier(),
                (event, sequence, endOfBatch) -> event.value = sequence * 10);
        List<String> errors = new CopyOnWriteArrayList<>();
        BatchEventProcessor<LongEvent> downstream = new BatchEventProcessor<>(ring, ring.newBarrier(upstream.sequence()),
                (event, sequence, endOfBatch) -> {
                    if (event.value != sequence * 10) {
                        errors.add("sequence " + sequence + " held " + event.value);
                    }
                });
        ring.addGatingSequence(downstream.sequence());
        Thread up = new Thread(upstream, "upstream");
        Thread down = new Thread(downstream, "downstream");
        up.start();
        down.start();
        for (int i = 0; i < 50_000; i++) {
            try {
                ring.publishEvent((event, sequence) -> event.value = -1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        Await.until(() -> downstream.sequence().getVolatile() == 49_999, "downstream to finish");
        stop(upstream, up);
        stop(downstream, down);
        assertEquals(List.of(), errors);
    }
}
