package io.sluice.pipeline;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.EventTranslatorOneArg;
import io.sluice.ProducerThreads;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.RingClosedException;
import io.sluice.consumer.EventHandler;
import io.sluice.testkit.Await;
import io.sluice.testkit.CountingHooks;
import io.sluice.testkit.LogCapture;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.YieldingWaitStrategy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start once; drain-and-stop loses nothing and releases producers; halt reports what was left; stages come and go while running. */
class PipelineLifecycleTest {
    /** Captures the stage failures these tests provoke, so they do not flood the build output. */
    private final LogCapture logs = LogCapture.consumers();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final EventTranslatorOneArg<LongEvent, Long> VALUE = (event, sequence, value) -> event.value = value;

    @Test
    void startingTwiceIsRejected() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("h", (event, sequence, end) -> { });
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, pipeline::start);
        assertTrue(e.getMessage().contains("already started"), e.getMessage());
        pipeline.halt();
        assertThrows(IllegalStateException.class, pipeline::start);
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void drainAndStopAtOnceAfterStartLosesNothingPublishedByRacingProducers(ProducerType type) throws InterruptedException {
        int producers = type == ProducerType.SINGLE ? 1 : 3;
        for (int round = 0; round < 1000; round++) {
            RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("race").capacity(64)
                    .producerType(type).waitStrategy(new BlockingWaitStrategy()).build();
            AtomicLong first = new AtomicLong();
            AtomicLong second = new AtomicLong();
            Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
            Stage<LongEvent> a = b.handler("first", (event, sequence, end) -> first.addAndGet(event.value));
            b.handler("second", (event, sequence, end) -> second.addAndGet(event.value), a);
            Pipeline<LongEvent> pipeline = b.build();
            AtomicLong published = new AtomicLong();
            CountDownLatch go = new CountDownLatch(1);
            ProducerThreads racing = ProducerThreads.start(producers, id -> {
                go.await();
                try {
                    for (long i = 1; ; i++) {
                        if (ring.publishEvent(VALUE, i)) {
                            published.addAndGet(i);
                        }
                    }
                } catch (RingClosedException expected) {
                    // the stop closed the ring
                }
            });
            pipeline.start();
            go.countDown();
            StopResult result = pipeline.drainAndStop(DRAIN);
            racing.join();

            assertTrue(result.drained(), "round " + round + ": " + result);
            assertEquals(published.get(), first.get(), "round " + round + ": first stage lost or repeated an event");
            assertEquals(published.get(), second.get(), "round " + round + ": second stage lost or repeated an event");
        }
    }

    @ParameterizedTest
    @EnumSource(value = PolicyUnderTest.class)
    void drainAndStopReleasesProducersBlockedOnAFullRingAndLosesNothingTheyPublished(PolicyUnderTest policy)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("full").capacity(16)
                .backpressure(policy.policy).blockingProducers().build();
        CountDownLatch consumerMayGo = new CountDownLatch(1);
        AtomicLong handled = new AtomicLong();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("slow", (event, sequence, end) -> {
            consumerMayGo.await();
            handled.addAndGet(event.value);
        });
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        AtomicLong published = new AtomicLong();
        List<Throwable> released = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProducerThreads producers = ProducerThreads.start(2, id -> {
            try {
                for (long i = 1; ; i++) {
                    if (ring.publishEvent(VALUE, i)) {
                        published.addAndGet(i);
                    }
                }
            } catch (RingClosedException e) {
                released.add(e);
            }
        });
        Await.until(() -> ring.remainingCapacity() == 0, "the ring to fill");
        Thread.sleep(20); // both producers are now waiting for capacity

        AtomicReference<StopResult> result = new AtomicReference<>();
        Thread stopper = new Thread(() -> result.set(pipeline.drainAndStop(DRAIN)), "stopper");
        stopper.start();
        producers.join(); // released while the consumer is still held: the stop does not wait on them
        consumerMayGo.countDown();
        Await.joined(stopper);

        assertEquals(2, released.size(), "both blocked producers were released");
        assertTrue(result.get().drained(), result.get().toString());
        assertEquals(published.get(), handled.get(), "every event a producer published was handled");
        assertTrue(released.get(0).getMessage().contains("stopped"), released.get(0).getMessage());
    }

    enum PolicyUnderTest {
        BLOCK(BackpressurePolicy.block()),
        PARK(BackpressurePolicy.park()),
        SPIN(BackpressurePolicy.spin());

        final BackpressurePolicy policy;

        PolicyUnderTest(BackpressurePolicy policy) {
            this.policy = policy;
        }
    }

    @Test
    void aDrainThatTimesOutSaysHowManyEventsEachStageHadLeft() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 16, new BlockingWaitStrategy());
        CountDownLatch stuckAt3 = new CountDownLatch(1);
        Stage<?>[] stuck = new Stage<?>[1];
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> fast = b.handler("fast", (event, sequence, end) -> { });
        stuck[0] = b.handler("stuck", (event, sequence, end) -> {
            if (sequence == 3) {
                stuckAt3.countDown();
                // A halt interrupts nothing: the handler holds event 3 until the drain has given up
                // and the pipeline has asked the stage to stop.
                Await.until(() -> stuck[0].haltRequested(), "the halt after the drain timed out");
            }
        }, fast).maxBatchSize(1); // a halt takes effect after the batch in hand: here, the one event
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        for (long i = 0; i < 10; i++) {
            ring.publishEvent(VALUE, i);
        }
        stuckAt3.await();
        Await.until(() -> fast.finishedSequence() == 9, "the fast stage to finish everything");
        StopResult result = pipeline.drainAndStop(Duration.ofMillis(100));

        assertFalse(result.drained());
        assertEquals(9, result.finalSequence());
        assertEquals(0, result.left("fast"));
        assertEquals(6, result.left("stuck"), "the stuck event 3 finished once released; 4..9 were left");
        assertTrue(result.threadsEnded(), "the stuck handler was released within the join time");
        assertSame(result, pipeline.drainAndStop(DRAIN), "stopping again returns the first result");
        assertEquals(Pipeline.State.STOPPED, pipeline.state());
    }

    @Test
    void haltStopsAtOnceAndReportsTheBacklog() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 64, new BlockingWaitStrategy());
        CountDownLatch entered = new CountDownLatch(1);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("slow", (event, sequence, end) -> {
            entered.countDown();
            Thread.sleep(50);
        }).maxBatchSize(1);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        for (long i = 0; i < 20; i++) {
            ring.publishEvent(VALUE, i);
        }
        entered.await();
        long start = System.nanoTime();
        StopResult result = pipeline.halt();

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "halt waits for the event in hand, not the backlog");
        assertFalse(result.drained());
        assertTrue(result.left("slow") >= 15, result.toString());
        assertThrows(RingClosedException.class, () -> ring.publishEvent(VALUE, 1L));
    }

    @Test
    void closeDrainsAndANeverStartedPipelineJustClosesItsRing() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 64, new BlockingWaitStrategy());
        AtomicLong handled = new AtomicLong();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring).stopTimeout(Duration.ofSeconds(10));
        b.handler("count", (event, sequence, end) -> handled.incrementAndGet());
        try (Pipeline<LongEvent> pipeline = b.build()) {
            pipeline.start();
            for (long i = 0; i < 1000; i++) {
                ring.publishEvent(VALUE, i);
            }
        }
        assertEquals(1000, handled.get());

        RingBuffer<LongEvent> unused = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        Pipeline.Builder<LongEvent> ub = Pipeline.builder(unused);
        ub.handler("never", (event, sequence, end) -> { });
        Pipeline<LongEvent> never = ub.build();
        never.close();
        assertTrue(unused.isClosed());
        assertThrows(IllegalStateException.class, never::start);
        assertThrows(IllegalStateException.class, () -> Pipeline.builder(unused).build().drainAndStop(DRAIN),
                "a pipeline that never started has nothing to drain");
    }

    @Test
    void drainingWaitsParkedInsteadOfSpinning() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 16, new BlockingWaitStrategy());
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("slow", (event, sequence, end) -> Thread.sleep(40)).maxBatchSize(1);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        for (long i = 0; i < 10; i++) {
            ring.publishEvent(VALUE, i);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        assertTrue(pipeline.drainAndStop(DRAIN).drained());
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;

        assertTrue(wall >= TimeUnit.MILLISECONDS.toNanos(200), "the drain waited for the backlog");
        assertTrue(cpu < wall / 4, "the stopping thread used " + cpu / 1000 + " us of CPU in " + wall / 1000 + " us");
    }

    @Test
    void handlersAddedAndRemovedUnderLoadLeaveTheOthersSeeingEveryEventOnce() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("dynamic").capacity(256)
                .waitStrategy(new YieldingWaitStrategy()).build();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        SequenceCheck steady = new SequenceCheck();
        Stage<LongEvent> steadyStage = b.handler("steady", steady);
        SequenceCheck downstream = new SequenceCheck();
        b.handler("downstream", downstream, steadyStage);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        java.util.concurrent.atomic.AtomicBoolean producing = new java.util.concurrent.atomic.AtomicBoolean(true);
        AtomicLong published = new AtomicLong();
        ProducerThreads producers = ProducerThreads.start(2, id -> {
            long mine = 0;
            while (producing.get()) {
                ring.publishEvent((event, sequence) -> event.value = sequence);
                mine++;
            }
            published.addAndGet(mine);
        });
        List<SequenceCheck> visitors = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SequenceCheck visitor = new SequenceCheck();
            Stage<LongEvent> stage = i % 2 == 0
                    ? pipeline.addHandler("visitor-" + i, visitor)
                    : pipeline.addHandler("visitor-" + i, visitor, steadyStage);
            visitors.add(visitor);
            starts.add(stage.startSequence());
            Await.until(() -> stage.processedCount() >= 10_000, "visitor to see events under load");
            assertTrue(pipeline.remove(stage)); // joins the thread: the visitor's fields are safe to read after
        }
        producing.set(false);
        producers.join();
        StopResult result = pipeline.drainAndStop(DRAIN);

        assertTrue(result.drained(), result.toString());
        assertEquals(List.of("steady", "downstream"), result.leftByStage().keySet().stream().toList());
        assertEquals(published.get(), steady.count);
        assertEquals(published.get(), downstream.count);
        assertEquals(0, steady.errors + downstream.errors);
        for (int i = 0; i < visitors.size(); i++) {
            SequenceCheck visitor = visitors.get(i);
            assertEquals(0, visitor.errors, "visitor " + i + " saw a sequence out of order, twice, or unpublished");
            assertTrue(visitor.count >= 10_000, "visitor " + i + " ran under load");
            assertEquals(starts.get(i) + 1, visitor.first, "visitor " + i + " starts right after its start sequence");
        }
        assertEquals(2, ring.gatingSequenceCount(), "removed stages no longer gate the ring");
    }

    @Test
    void removingAStageThatAnotherRunsAfterIsRejected() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> up = b.handler("up", (event, sequence, end) -> { });
        b.handler("down", (event, sequence, end) -> { }, up);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pipeline.remove(up));
        assertTrue(e.getMessage().contains("down runs after it"), e.getMessage());
        pipeline.halt();
        assertThrows(IllegalStateException.class, () -> pipeline.addHandler("late", (event, sequence, end) -> { }));
    }

    @Test
    void aStageThatEndsWithoutBeingAskedClosesTheRing() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring).threadFactory(task -> {
            Thread thread = new Thread(task, task.toString());
            threads.add(thread);
            return thread;
        });
        b.handler("interrupted", (event, sequence, end) -> { });
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        Await.parked(threads.get(0));
        threads.get(0).interrupt();
        Await.joined(threads.get(0));

        RingClosedException closed = assertThrows(RingClosedException.class, () -> ring.publishEvent(VALUE, 1L));
        assertTrue(closed.getMessage().contains("stage 'interrupted' failed"), closed.getMessage());
        assertInstanceOf(InterruptedException.class, pipeline.stage("interrupted").failure());
        assertEquals(List.of(pipeline.stage("interrupted")), pipeline.failedStages());
    }

    /** Checks a handler sees consecutive sequences, each once, with the value the producer wrote. */
    static final class SequenceCheck implements EventHandler<LongEvent> {
        long first = Long.MIN_VALUE;
        long last;
        long count;
        long errors;

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) {
            if (first == Long.MIN_VALUE) {
                first = sequence;
            } else if (sequence != last + 1) {
                errors++;
            }
            if (event.value != sequence) {
                errors++;
            }
            last = sequence;
            count++;
        }
    }

    @Test
    void aStartWhoseThreadFactoryFailsLeavesThePipelineStoppedAndItsRingClosed() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        List<Thread> made = new ArrayList<>();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring).threadFactory(task -> {
            if (!made.isEmpty()) {
                return null; // a factory may reject
            }
            Thread thread = new Thread(task);
            made.add(thread);
            return thread;
        });
        CountingHooks first = new CountingHooks();
        b.handler("first", first);
        b.handler("second", (event, sequence, end) -> { });
        Pipeline<LongEvent> pipeline = b.build();

        IllegalStateException e = assertThrows(IllegalStateException.class, pipeline::start);
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        assertEquals(Pipeline.State.STOPPED, pipeline.state());
        assertTrue(ring.isClosed());
        assertThrows(RingClosedException.class, ring::tryNext);
        Await.joined(made.get(0));
        assertFalse(pipeline.stage("first").isRunning(), "the thread that did start was stopped");
        assertEquals(first.starts.get(), first.shutdowns.get());
    }

    @Test
    void aStageAddedWhileRunningThatGetsNoThreadDoesNotGateTheRing() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 4, new BlockingWaitStrategy());
        boolean[] refuse = {false};
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring).threadFactory(task -> refuse[0] ? null : new Thread(task));
        b.handler("kept", (event, sequence, end) -> { });
        try (Pipeline<LongEvent> pipeline = b.build()) {
            pipeline.start();
            refuse[0] = true;
            assertThrows(IllegalStateException.class, () -> pipeline.addHandler("late", (event, sequence, end) -> { }));
            assertEquals(1, ring.gatingSequenceCount(), "only the running stage gates the ring");
            assertEquals(List.of("kept"), pipeline.stages().stream().map(Stage::name).toList());
            for (int i = 0; i < 16; i++) { // four laps of the ring: nothing waits for the stage that never ran
                assertTrue(ring.tryPublishEvent(VALUE, (long) i) || retryUntilPublished(ring, i));
            }
        }
    }

    private static boolean retryUntilPublished(RingBuffer<LongEvent> ring, long value) {
        Await.until(() -> ring.tryPublishEvent(VALUE, value), "the running stage to free a slot");
        return true;
    }

    @Test
    void workersHaltedBeforeTheirThreadsRunCallNeitherStartNorShutdown() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> made = new ArrayList<>();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring).stopTimeout(Duration.ofMillis(1)).threadFactory(task -> {
            Thread thread = new Thread(() -> {
                try {
                    go.await(); // the thread runs its task only after the pipeline was halted
                } catch (InterruptedException e) {
                    return;
                }
                task.run();
            });
            made.add(thread);
            return thread;
        });
        CountingHooks worker0 = new CountingHooks();
        CountingHooks worker1 = new CountingHooks();
        CountingHooks handler = new CountingHooks();
        b.workerPool("pool", List.of(worker0, worker1));
        b.handler("handler", handler);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        pipeline.halt();
        go.countDown();
        for (Thread thread : made) {
            Await.joined(thread);
        }
        for (CountingHooks hooks : List.of(worker0, worker1, handler)) {
            assertEquals(0, hooks.starts.get());
            assertEquals(0, hooks.shutdowns.get(), "no onShutdown without onStart");
        }
    }
}
