package io.sluice.pipeline;

import io.sluice.EventTranslatorOneArg;
import io.sluice.RingBuffer;
import io.sluice.RingClosedException;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.EventHandler;
import io.sluice.consumer.ExceptionHandler;
import io.sluice.consumer.ExceptionPolicy;
import io.sluice.testkit.Await;
import io.sluice.testkit.LogCapture;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user's {@link ExceptionHandler}: what reaches it, and how its return or throw decides
 * whether a stage goes on, beside the stage's {@link ExceptionPolicy}.
 */
class ExceptionHandlerTest {
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final EventTranslatorOneArg<LongEvent, Long> VALUE = (event, sequence, value) -> event.value = value;
    private static final int EVENTS = 50;
    private static final long K = 7;

    private final LogCapture logs = LogCapture.consumers();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    /** Records each call; throws {@code decision} from every call if it is not null. */
    private static final class Recording implements ExceptionHandler<LongEvent> {
        final Queue<String> calls = new ConcurrentLinkedQueue<>();
        final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        private final RuntimeException decision;

        Recording(RuntimeException decision) {
            this.decision = decision;
        }

        @Override
        public void onEventException(Throwable failure, long sequence, LongEvent event) {
            calls.add("event " + sequence + (event == null ? " (no event)" : " value " + event.value));
            failures.add(failure);
            decide();
        }

        @Override
        public void onStartException(Throwable failure) {
            calls.add("start");
            failures.add(failure);
            decide();
        }

        @Override
        public void onShutdownException(Throwable failure) {
            calls.add("shutdown");
            failures.add(failure);
            decide();
        }

        private void decide() {
            if (decision != null) {
                throw decision;
            }
        }
    }

    /** Throws {@code thrown} on sequence K every time; can also fail its start or shutdown. */
    private static class FailsOnK implements EventHandler<LongEvent> {
        private final Throwable thrown;
        final Queue<Long> handled = new ConcurrentLinkedQueue<>();

        FailsOnK(Throwable thrown) {
            this.thrown = thrown;
        }

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) throws Exception {
            if (sequence == K && thrown != null) {
                if (thrown instanceof Exception e) {
                    throw e;
                }
                throw (Error) thrown;
            }
            handled.add(sequence);
        }
    }

    /** A handler whose {@code onStart} throws, and which then handles every event. */
    private static FailsOnK failsToStart() {
        return new FailsOnK(null) {
            @Override
            public void onStart() {
                throw new IllegalStateException("no connection");
            }
        };
    }

    /** A handler that handles every event, and whose {@code onShutdown} throws. */
    private static FailsOnK failsToShutDown() {
        return new FailsOnK(null) {
            @Override
            public void onShutdown() {
                throw new IllegalStateException("flush failed");
            }
        };
    }

    private static RingBuffer<LongEvent> ring() {
        return RingBuffer.builder(LongEvent.FACTORY).name("orders").capacity(8)
                .backpressure(BackpressurePolicy.block()).build();
    }

    /** Publishes EVENTS values from another thread; returns what ended it (null if all were published). */
    private static Throwable produce(RingBuffer<LongEvent> ring) throws InterruptedException {
        Throwable[] end = new Throwable[1];
        Thread producer = new Thread(() -> {
            try {
                for (long i = 0; i < EVENTS; i++) {
                    ring.publishEvent(VALUE, i);
                }
            } catch (Throwable t) {
                end[0] = t;
            }
        }, "producer");
        producer.start();
        Await.joined(producer);
        return end[0];
    }

    private static Pipeline<LongEvent> start(Pipeline.Builder<LongEvent> b) {
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        return pipeline;
    }

    @Test
    void aHandlerThatReturnsSkipsTheFailedEventAndTheStageGoesOnUnderAStoppingPolicy() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring();
        Recording handler = new Recording(null);
        FailsOnK stage = new FailsOnK(new IllegalStateException("bad order"));
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("match", stage).exceptionPolicy(ExceptionPolicy.stop()).exceptionHandler(handler);
        Pipeline<LongEvent> pipeline = start(b);

        assertNull(produce(ring));
        assertTrue(pipeline.drainAndStop(DRAIN).drained());
        assertEquals(List.of("event " + K + " value " + K), List.copyOf(handler.calls));
        assertEquals("bad order", handler.failures.peek().getMessage());
        assertEquals(EVENTS - 1, stage.handled.size());
        assertEquals(1, pipeline.stage("match").droppedCount());
        assertNull(pipeline.stage("match").failure());
        assertFalse(logs.logged(Level.WARNING, "skipped sequence"), "the user's handler does the logging");
    }

    @Test
    void aHandlerThatThrowsStopsTheStageWithWhatItThrew() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring();
        IllegalArgumentException fatal = new IllegalArgumentException("fatal: order book corrupt");
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("match", new FailsOnK(new IllegalStateException("bad order"))).exceptionPolicy(ExceptionPolicy.skip())
                .exceptionHandler(new Recording(fatal));
        Pipeline<LongEvent> pipeline = start(b);

        RingClosedException closed = assertInstanceOf(RingClosedException.class, produce(ring));
        assertSame(fatal, closed.getCause());
        assertSame(fatal, pipeline.stage("match").failure());
        pipeline.drainAndStop(DRAIN);
    }

    @Test
    void theHandlerGetsAnEventOnlyAfterThePolicysRetriesFailed() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring();
        Recording handler = new Recording(null);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("match", new FailsOnK(new IllegalStateException("permanent")))
                .exceptionPolicy(ExceptionPolicy.retry(2, 0, TimeUnit.MILLISECONDS, ExceptionPolicy.stop()))
                .exceptionHandler(handler);
        Pipeline<LongEvent> pipeline = start(b);

        assertNull(produce(ring));
        pipeline.drainAndStop(DRAIN);
        assertEquals(1, handler.calls.size(), "once, after the first try and two retries");
        assertEquals(3, pipeline.stage("match").failureCount());
    }

    @Test
    void anErrorStopsTheStageEvenWhenTheHandlerReturns() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring();
        StackOverflowError error = new StackOverflowError("deep");
        Recording handler = new Recording(null);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("match", new FailsOnK(error)).exceptionHandler(handler);
        Pipeline<LongEvent> pipeline = start(b);

        RingClosedException closed = assertInstanceOf(RingClosedException.class, produce(ring));
        assertSame(error, closed.getCause());
        assertSame(error, handler.failures.peek(), "the handler was told first");
        pipeline.drainAndStop(DRAIN);
    }

    @Test
    void aFailedStartGoesToTheHandlerAndTheStageRunsWhenItReturns() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring();
        Recording handler = new Recording(null);
        FailsOnK stage = failsToStart();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("match", stage).exceptionHandler(handler);
        Pipeline<LongEvent> pipeline = start(b);

        assertNull(produce(ring));
        assertTrue(pipeline.drainAndStop(DRAIN).drained());
        assertEquals(List.of("start"), List.copyOf(handler.calls));
        assertEquals(EVENTS, stage.handled.size());
    }

    @Test
    void aFailedStartStopsTheStageWhenTheHandlerThrows() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring();
        IllegalStateException refused = new IllegalStateException("refused to start");
        FailsOnK stage = failsToStart();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("match", stage).exceptionHandler(new Recording(refused));
        Pipeline<LongEvent> pipeline = start(b);

        RingClosedException closed = assertInstanceOf(RingClosedException.class, produce(ring));
        assertSame(refused, closed.getCause());
        assertTrue(stage.handled.isEmpty());
        pipeline.drainAndStop(DRAIN);
    }

    @Test
    void aFailedShutdownGoesToTheHandlerAndIsNotTheStagesFailureWhenItReturns() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring();
        Recording handler = new Recording(null);
        FailsOnK stage = failsToShutDown();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("match", stage).exceptionHandler(handler);
        Pipeline<LongEvent> pipeline = start(b);

        assertNull(produce(ring));
        pipeline.drainAndStop(DRAIN);
        assertEquals(List.of("shutdown"), List.copyOf(handler.calls));
        assertNull(pipeline.stage("match").failure());
    }

    @Test
    void aFailedShutdownIsTheStagesFailureWhenTheHandlerThrows() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring();
        IllegalStateException kept = new IllegalStateException("kept");
        FailsOnK stage = failsToShutDown();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("match", stage).exceptionHandler(new Recording(kept));
        Pipeline<LongEvent> pipeline = start(b);

        assertNull(produce(ring));
        pipeline.drainAndStop(DRAIN);
        assertSame(kept, pipeline.stage("match").failure());
    }

    @Test
    void thePipelinesHandlerServesEveryStageThatSetsNoneOfItsOwn() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring();
        Recording shared = new Recording(null);
        Recording own = new Recording(null);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring).exceptionHandler(shared);
        Stage<LongEvent> first = b.handler("first", new FailsOnK(new IllegalStateException("first")));
        b.handler("second", new FailsOnK(new IllegalStateException("second")), first).exceptionHandler(own);
        b.workerPool("pool", List.of(new FailsOnK(new IllegalStateException("pool")),
                new FailsOnK(new IllegalStateException("pool"))), first);
        Pipeline<LongEvent> pipeline = start(b);

        assertNull(produce(ring));
        assertTrue(pipeline.drainAndStop(DRAIN).drained());
        assertEquals(2, shared.failures.size(), "the first stage's failure and the pool worker's");
        assertTrue(shared.failures.stream().anyMatch(f -> f.getMessage().equals("first")));
        assertTrue(shared.failures.stream().anyMatch(f -> f.getMessage().equals("pool")));
        assertEquals("second", own.failures.peek().getMessage());
        assertEquals(1, own.failures.size());
    }

    @Test
    void aProcessorRefusesAHandlerWhileItRuns() {
        RingBuffer<LongEvent> ring = ring();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), new FailsOnK(null));
        ring.addGatingSequence(processor.sequence());
        Thread thread = new Thread(processor, "processor");
        thread.start();
        Await.until(processor::isRunning, "the processor to run");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> processor.setExceptionHandler(new Recording(null)));
        assertTrue(e.getMessage().contains("before the processor runs"), e.getMessage());
        processor.halt();
    }
}
