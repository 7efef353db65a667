package io.sluice.pipeline;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.EventTranslatorOneArg;
import io.sluice.RingBuffer;
import io.sluice.RingClosedException;
import io.sluice.consumer.Containment;
import io.sluice.consumer.EventHandler;
import io.sluice.consumer.ExceptionPolicy;
import io.sluice.testkit.Await;
import io.sluice.testkit.LogCapture;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A handler that throws on event k, under each exception policy and containment: the stage does
 * what the policy says, and a producer blocked on the full ring always learns of it (liveness,
 * asserted with a generous deadline, not speed).
 */
class PipelineFailureTest {
    private final LogCapture logs = LogCapture.consumers();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final EventTranslatorOneArg<LongEvent, Long> VALUE = (event, sequence, value) -> event.value = value;
    private static final int EVENTS = 200;
    private static final long K = 20;

    /** Throws on sequence K the first {@code failures} times it sees it (or always if negative). */
    private static final class FailsOnK implements EventHandler<LongEvent> {
        private final Throwable thrown;
        private int failuresLeft;
        final List<Long> handled = new ArrayList<>();

        FailsOnK(Throwable thrown, int failures) {
            this.thrown = thrown;
            this.failuresLeft = failures;
        }

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) throws Exception {
            if (sequence == K && failuresLeft != 0) {
                failuresLeft--;
                if (thrown instanceof Exception e) {
                    throw e;
                }
                throw (Error) thrown;
            }
            handled.add(sequence);
        }
    }

    /** A ring of 8 slots fed by one producer thread that blocks when it is full; records how the producer ended. */
    private static final class Run {
        final RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("orders").capacity(8)
                .backpressure(BackpressurePolicy.block()).build();
        final AtomicLong published = new AtomicLong();
        final AtomicReference<Throwable> producerEnd = new AtomicReference<>();
        private Thread producer;

        void produce() {
            producer = new Thread(() -> {
                try {
                    for (long i = 0; i < EVENTS; i++) {
                        ring.publishEvent(VALUE, i);
                        published.incrementAndGet();
                    }
                } catch (Throwable t) {
                    producerEnd.set(t);
                }
            }, "producer");
            producer.start();
        }

        void awaitProducer() throws InterruptedException {
            Await.joined(producer);
        }
    }

    private static Pipeline<LongEvent> pipeline(Run run, EventHandler<LongEvent> handler, ExceptionPolicy policy,
                                                Containment containment) {
        Pipeline.Builder<LongEvent> b = Pipeline.builder(run.ring);
        b.handler("match", handler).exceptionPolicy(policy).containment(containment);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        return pipeline;
    }

    @Test
    void stopClosesTheRingAndTheBlockedProducerGetsAnExceptionNamingTheStage() throws InterruptedException {
        Run run = new Run();
        IllegalStateException boom = new IllegalStateException("boom");
        FailsOnK handler = new FailsOnK(boom, -1);
        Pipeline<LongEvent> pipeline = pipeline(run, handler, ExceptionPolicy.stop(), Containment.FAIL_CLAIMS);
        run.produce();
        run.awaitProducer();

        RingClosedException closed = assertInstanceOf(RingClosedException.class, run.producerEnd.get());
        assertTrue(closed.getMessage().contains("stage 'match' failed at sequence " + K), closed.getMessage());
        assertSame(boom, closed.getCause());
        assertSame(boom, pipeline.stage("match").failure());
        StopResult result = pipeline.drainAndStop(DRAIN);
        assertFalse(result.drained());
        assertEquals(result.finalSequence() - (K - 1), result.left("match"), "the failed event and all after it are left");
        assertEquals(K, handler.handled.size(), "events before the failure were handled");
        assertTrue(logs.logged(Level.SEVERE, "stage 'match' failed at sequence " + K
                + "; the ring is closed to producers"), "the failure is logged with its containment");
    }

    @Test
    void skipLogsAndGoesOnCountingTheEventAsDropped() throws InterruptedException {
        Run run = new Run();
        FailsOnK handler = new FailsOnK(new IllegalStateException("bad order"), -1);
        Pipeline<LongEvent> pipeline = pipeline(run, handler, ExceptionPolicy.skip(), Containment.FAIL_CLAIMS);
        run.produce();
        run.awaitProducer();
        StopResult result = pipeline.drainAndStop(DRAIN);

        assertNull(run.producerEnd.get());
        assertTrue(result.drained(), result.toString());
        Stage<LongEvent> stage = pipeline.stage("match");
        assertEquals(EVENTS - 1, handler.handled.size());
        assertFalse(handler.handled.contains(K));
        assertEquals(1, stage.droppedCount());
        assertEquals(1, stage.failureCount());
        assertEquals(EVENTS, stage.processedCount(), "handled + dropped = published");
        assertNull(stage.failure(), "a skipped event does not stop the stage");
        assertTrue(logs.logged(Level.WARNING, "stage 'match' skipped sequence " + K), "the skip is logged");
    }

    @Test
    void retryHandlesAnEventThatFailsOnlyOnce() throws InterruptedException {
        Run run = new Run();
        FailsOnK handler = new FailsOnK(new IllegalStateException("transient"), 1);
        Pipeline<LongEvent> pipeline = pipeline(run, handler,
                ExceptionPolicy.retry(3, 1, TimeUnit.MILLISECONDS, ExceptionPolicy.stop()), Containment.FAIL_CLAIMS);
        run.produce();
        run.awaitProducer();
        StopResult result = pipeline.drainAndStop(DRAIN);

        assertNull(run.producerEnd.get());
        assertTrue(result.drained());
        assertEquals(EVENTS, handler.handled.size());
        assertEquals(K, handler.handled.get((int) K), "the retried event kept its place in order");
        assertEquals(1, pipeline.stage("match").failureCount());
        assertEquals(0, pipeline.stage("match").droppedCount());
    }

    @Test
    void retryThenStopClosesTheRingAfterTheLastRetry() throws InterruptedException {
        Run run = new Run();
        FailsOnK handler = new FailsOnK(new IllegalStateException("permanent"), -1);
        Pipeline<LongEvent> pipeline = pipeline(run, handler,
                ExceptionPolicy.retry(2, 1, TimeUnit.MILLISECONDS, ExceptionPolicy.stop()), Containment.FAIL_CLAIMS);
        run.produce();
        run.awaitProducer();

        assertInstanceOf(RingClosedException.class, run.producerEnd.get());
        assertEquals(3, pipeline.stage("match").failureCount(), "the first try and two retries");
        pipeline.drainAndStop(DRAIN);
    }

    @Test
    void retryThenSkipDropsAnEventThatFailsEveryRetry() throws InterruptedException {
        Run run = new Run();
        FailsOnK handler = new FailsOnK(new IllegalStateException("permanent"), -1);
        Pipeline<LongEvent> pipeline = pipeline(run, handler,
                ExceptionPolicy.retry(2, 0, TimeUnit.MILLISECONDS, ExceptionPolicy.skip()), Containment.FAIL_CLAIMS);
        run.produce();
        run.awaitProducer();
        pipeline.drainAndStop(DRAIN);

        assertNull(run.producerEnd.get());
        assertEquals(EVENTS - 1, handler.handled.size());
        assertEquals(3, pipeline.stage("match").failureCount());
        assertEquals(1, pipeline.stage("match").droppedCount());
    }

    @Test
    void anErrorStopsTheStageEvenUnderSkip() throws InterruptedException {
        Run run = new Run();
        StackOverflowError error = new StackOverflowError("deep");
        Pipeline<LongEvent> pipeline = pipeline(run, new FailsOnK(error, -1), ExceptionPolicy.skip(), Containment.FAIL_CLAIMS);
        run.produce();
        run.awaitProducer();

        RingClosedException closed = assertInstanceOf(RingClosedException.class, run.producerEnd.get());
        assertSame(error, closed.getCause());
        pipeline.drainAndStop(DRAIN);
    }

    @Test
    void bypassKeepsProducersGoingAndCountsTheStagesUnhandledEventsAsDropped() throws InterruptedException {
        Run run = new Run();
        FailsOnK handler = new FailsOnK(new IllegalStateException("boom"), -1);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(run.ring).containment(Containment.BYPASS);
        AtomicLong audited = new AtomicLong();
        Stage<LongEvent> match = b.handler("match", handler);
        b.handler("audit", (event, sequence, end) -> audited.incrementAndGet(), match);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        run.produce();
        run.awaitProducer();
        StopResult result = pipeline.drainAndStop(DRAIN);

        assertNull(run.producerEnd.get(), "the producer was never held up by the failed stage");
        assertTrue(result.drained(), result.toString());
        assertEquals(K, handler.handled.size());
        assertEquals(EVENTS - K, match.droppedCount(), "the failed event and every later one were dropped for it");
        assertEquals(EVENTS, match.processedCount(), "handled + dropped = published");
        assertEquals(EVENTS, audited.get(), "the stage after it still saw every event");
        assertTrue(match.failure() instanceof IllegalStateException);
        assertTrue(logs.logged(Level.SEVERE, "the stage is bypassed"), "the bypass is logged");
    }

    @Test
    void aFailedWorkerLeavesThePoolUnderBypassAndTheOthersTakeItsShare() throws InterruptedException {
        Run run = new Run();
        AtomicLong handled = new AtomicLong();
        List<EventHandler<LongEvent>> workers = new ArrayList<>();
        workers.add((event, sequence, end) -> {
            throw new IllegalStateException("worker 0 is broken");
        });
        for (int w = 1; w < 3; w++) {
            workers.add((event, sequence, end) -> handled.incrementAndGet());
        }
        Pipeline.Builder<LongEvent> b = Pipeline.builder(run.ring).containment(Containment.BYPASS);
        Stage<LongEvent> pool = b.workerPool("pool", workers);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        run.produce();
        run.awaitProducer();
        StopResult result = pipeline.drainAndStop(DRAIN);

        assertNull(run.producerEnd.get());
        assertTrue(result.drained(), result.toString());
        assertTrue(pool.droppedCount() <= 1, "at most the one event worker 0 failed on: " + pool.droppedCount());
        assertEquals(EVENTS, handled.get() + pool.droppedCount(), "handled + dropped = published");
    }

    @Test
    void theLastFailingWorkerBypassesThePool() throws InterruptedException {
        Run run = new Run();
        List<EventHandler<LongEvent>> workers = List.of(
                (event, sequence, end) -> {
                    throw new IllegalStateException("broken");
                },
                (event, sequence, end) -> {
                    throw new IllegalStateException("broken too");
                });
        Pipeline.Builder<LongEvent> b = Pipeline.builder(run.ring).containment(Containment.BYPASS);
        Stage<LongEvent> pool = b.workerPool("pool", workers);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        run.produce();
        run.awaitProducer();
        assertTrue(pipeline.drainAndStop(DRAIN).drained());
        assertNull(run.producerEnd.get());
        assertEquals(EVENTS, pool.droppedCount());
    }

    @Test
    void aFailedWorkerClosesTheRingUnderFailClaims() throws InterruptedException {
        Run run = new Run();
        List<EventHandler<LongEvent>> workers = List.of(
                new FailsOnK(new IllegalArgumentException("bad"), -1), new FailsOnK(new IllegalArgumentException("bad"), -1));
        Pipeline.Builder<LongEvent> b = Pipeline.builder(run.ring);
        b.workerPool("pool", workers);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        run.produce();
        run.awaitProducer();

        RingClosedException closed = assertInstanceOf(RingClosedException.class, run.producerEnd.get());
        assertTrue(closed.getMessage().contains("stage 'pool#"), closed.getMessage());
        assertTrue(closed.getMessage().contains("failed at sequence " + K), closed.getMessage());
        assertFalse(pipeline.drainAndStop(DRAIN).drained());
    }

    @Test
    void aStageAfterAFailedOneDoesNotHoldUpTheDrain() throws InterruptedException {
        Run run = new Run();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(run.ring);
        Stage<LongEvent> match = b.handler("match", new FailsOnK(new IllegalStateException("boom"), -1));
        b.handler("report", (event, sequence, end) -> { }, match);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        run.produce();
        run.awaitProducer();
        long start = System.nanoTime();
        pipeline.drainAndStop(Duration.ofSeconds(60));

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30),
                "the drain saw that only stages stuck behind the failure were left");
    }

    @Test
    void aStageAfterAFailedOneStillFinishesWhatTheFailedStageHandled() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("orders").capacity(64)
                .backpressure(BackpressurePolicy.block()).build();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> match = b.handler("match", new FailsOnK(new IllegalStateException("boom"), -1));
        CountDownLatch drainBegun = new CountDownLatch(1);
        List<Long> reported = new ArrayList<>();
        b.handler("report", (event, sequence, end) -> {
            drainBegun.await(); // holds its first event until the drain has begun
            reported.add(sequence);
        }, match).maxBatchSize(1); // so stopping it would leave the rest unhandled
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        for (long i = 0; i <= K; i++) {
            ring.publishEvent(VALUE, i);
        }
        Await.until(() -> match.failure() != null, "stage match to fail");
        Thread release = new Thread(() -> {
            Await.until(() -> pipeline.state() == Pipeline.State.STOPPING, "the drain to begin");
            drainBegun.countDown();
        }, "release");
        release.start();
        StopResult result = pipeline.drainAndStop(Duration.ofSeconds(60));

        assertEquals(result.left("match"), result.left("report"));
        assertEquals(K, reported.size(), "every event before the failed one reached the report stage");
    }
}
