package io.sluice.pipeline;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.EventTranslatorOneArg;
import io.sluice.ProducerThreads;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.consumer.EventHandler;
import io.sluice.consumer.EventPoller;
import io.sluice.consumer.ExceptionPolicy;
import io.sluice.testkit.Await;
import io.sluice.testkit.LogCapture;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.YieldingWaitStrategy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a pipeline's builder wires stages: multicast, sequences of stages, diamonds, worker pools, pollers, chained rings. */
class PipelineWiringTest {
    /** Captures the stage failures these tests provoke, so they do not flood the build output. */
    private final LogCapture logs = LogCapture.consumers();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final EventTranslatorOneArg<LongEvent, Long> VALUE = (event, sequence, value) -> event.value = value;

    private static RingBuffer<LongEvent> ring(String name, int capacity) {
        return RingBuffer.builder(LongEvent.FACTORY).name(name).capacity(capacity)
                .waitStrategy(new BlockingWaitStrategy()).build();
    }

    @Test
    void theJoiningStageOfADiamondNeverSeesAnEventBeforeBothUpstreamStagesFinishedIt() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring("diamond", 256);
        // Each upstream stage writes its own mark; the joining stage checks both are there.
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> left = b.handler("left", (event, sequence, end) -> event.tag |= 1);
        Stage<LongEvent> right = b.handler("right", (event, sequence, end) -> event.value = sequence);
        List<String> errors = new CopyOnWriteArrayList<>();
        AtomicLong joined = new AtomicLong();
        b.handler("join", (event, sequence, end) -> {
            if ((event.tag & 1) == 0 || event.value != sequence) {
                errors.add("sequence " + sequence + " reached the join with tag=" + event.tag + " value=" + event.value);
            }
            event.tag = 0; // the next lap must be marked again
            joined.incrementAndGet();
        }, left, right);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        int events = 200_000;
        ProducerThreads producers = ProducerThreads.start(2, id -> {
            for (int i = 0; i < events / 2; i++) {
                ring.publishEvent((event, sequence) -> event.value = -1);
            }
        });
        producers.join();
        StopResult result = pipeline.drainAndStop(DRAIN);

        assertTrue(result.drained(), result.toString());
        assertEquals(List.of(), errors.subList(0, Math.min(5, errors.size())));
        assertEquals(events, joined.get());
        assertEquals(List.of("left", "right"), pipeline.stage("join").after());
    }

    @Test
    void aSequenceOfStagesSeesEachEventInStageOrder() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring("chain", 64);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> first = b.handler("first", (event, sequence, end) -> event.tag = 1);
        Stage<LongEvent> second = b.handler("second", (event, sequence, end) -> event.tag = event.tag == 1 ? 2 : -1, first);
        AtomicLong inOrder = new AtomicLong();
        b.handler("third", (event, sequence, end) -> {
            if (event.tag == 2) {
                inOrder.incrementAndGet();
            }
        }, second);
        try (Pipeline<LongEvent> pipeline = b.build()) {
            pipeline.start();
            for (int i = 0; i < 10_000; i++) {
                ring.publishEvent((event, sequence) -> event.tag = 0);
            }
        }
        assertEquals(10_000, inOrder.get());
    }

    @Test
    void parallelHandlersEachSeeEveryEvent() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring("multicast", 64);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        AtomicLong[] sums = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
        for (int i = 0; i < sums.length; i++) {
            AtomicLong sum = sums[i];
            b.handler("h" + i, (event, sequence, end) -> sum.addAndGet(event.value));
        }
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        for (long i = 1; i <= 1000; i++) {
            ring.publishEvent(VALUE, i);
        }
        assertTrue(pipeline.drainAndStop(DRAIN).drained());
        for (AtomicLong sum : sums) {
            assertEquals(500_500, sum.get());
        }
    }

    @Test
    void aWorkerPoolHandsEachOfAMillionEventsToExactlyOneOfFourWorkers() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("pool").capacity(1024)
                .waitStrategy(new YieldingWaitStrategy()).build();
        int events = 1_000_000;
        AtomicLongArray seen = new AtomicLongArray(events);
        long[] perWorker = new long[4];
        List<EventHandler<LongEvent>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int id = w;
            workers.add((event, sequence, end) -> {
                seen.incrementAndGet((int) event.value);
                perWorker[id]++; // each worker writes only its own cell, read after the join
            });
        }
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> pool = b.workerPool("workers", workers);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        ProducerThreads producers = ProducerThreads.start(2, id -> {
            for (long i = id; i < events; i += 2) {
                ring.publishEvent(VALUE, i);
            }
        });
        producers.join();
        StopResult result = pipeline.drainAndStop(DRAIN);

        assertTrue(result.drained(), result.toString());
        for (int i = 0; i < events; i++) {
            if (seen.get(i) != 1) {
                throw new AssertionError("event " + i + " was handled " + seen.get(i) + " times");
            }
        }
        assertEquals(events, perWorker[0] + perWorker[1] + perWorker[2] + perWorker[3]);
        assertEquals(events, pool.processedCount());
    }

    @Test
    void aStageAfterAWorkerPoolSeesOnlyEventsThePoolFinished() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring("pool-then", 128);
        List<EventHandler<LongEvent>> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            workers.add((event, sequence, end) -> event.tag = sequence + 1);
        }
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> pool = b.workerPool("workers", workers);
        AtomicLong wrong = new AtomicLong();
        AtomicLong after = new AtomicLong();
        b.handler("after", (event, sequence, end) -> {
            if (event.tag != sequence + 1) {
                wrong.incrementAndGet();
            }
            after.incrementAndGet();
        }, pool);
        try (Pipeline<LongEvent> pipeline = b.build()) {
            pipeline.start();
            for (int i = 0; i < 100_000; i++) {
                ring.publishEvent((event, sequence) -> event.tag = -1);
            }
        }
        assertEquals(0, wrong.get());
        assertEquals(100_000, after.get());
    }

    @Test
    void aPollerStageIsDrivenByTheCallerAndGatesLikeAnyStage() throws Exception {
        RingBuffer<LongEvent> ring = ring("polled", 8);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> doubler = b.handler("double", (event, sequence, end) -> event.value *= 2);
        Stage<LongEvent> polled = b.poller("poll", doubler);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        EventPoller<LongEvent> poller = polled.poller();
        long[] sum = {0};
        for (long i = 1; i <= 100; i++) {
            while (!ring.tryPublishEvent(VALUE, i)) {
                poller.poll((event, sequence, end) -> {
                    sum[0] += event.value;
                    return true;
                }); // the ring is full until the poller frees it
            }
        }
        Await.until(() -> doubler.finishedSequence() == 99, "the doubler");
        poller.poll((event, sequence, end) -> {
            sum[0] += event.value;
            return true;
        });
        assertEquals(2 * 5050, sum[0]);
        assertTrue(pipeline.drainAndStop(DRAIN).drained());
    }

    @Test
    void aForwardingStageFeedsASecondRingUnderThatRingsPolicyAndCountsWhatItSheds() throws Exception {
        RingBuffer<LongEvent> out = RingBuffer.builder(LongEvent.FACTORY).name("out").capacity(4)
                .backpressure(BackpressurePolicy.shed()).build();
        RingBuffer<LongEvent> in = ring("in", 64);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(in);
        Stage<LongEvent> forward = b.forward("to-out", out,
                (LongEvent slot, long sequence, LongEvent event) -> slot.value = event.value);
        Pipeline<LongEvent> first = b.build();
        // The second ring's consumer is a poller nobody polls yet: the forwarder fills 4 slots and sheds the rest.
        Pipeline.Builder<LongEvent> ob = Pipeline.builder(out);
        Stage<LongEvent> sink = ob.poller("sink");
        Pipeline<LongEvent> second = ob.build();
        first.start();
        second.start();
        for (long i = 1; i <= 10; i++) {
            in.publishEvent(VALUE, i);
        }
        StopResult stopped = first.drainAndStop(DRAIN);
        assertTrue(stopped.drained(), stopped.toString());
        assertEquals(6, forward.droppedCount(), "4 fit in the second ring, 6 were shed by its policy");
        List<Long> received = new ArrayList<>();
        sink.poller().poll((event, sequence, end) -> received.add(event.value));
        assertEquals(List.of(1L, 2L, 3L, 4L), received);
        assertTrue(second.drainAndStop(DRAIN).drained());
    }

    @Test
    void stageThreadsAreNamedAfterTheRingAndStageAndComeFromTheGivenFactory() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring("orders", 16);
        Set<String> names = ConcurrentHashMap.newKeySet();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring).threadFactory(task -> {
            Thread thread = new Thread(task, "custom:" + task);
            thread.setDaemon(true);
            return thread;
        });
        b.handler("journal", (event, sequence, end) -> names.add(Thread.currentThread().getName()));
        b.workerPool("match", List.of((event, sequence, end) -> names.add(Thread.currentThread().getName()),
                (event, sequence, end) -> names.add(Thread.currentThread().getName())));
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        for (int i = 0; i < 200; i++) {
            ring.publishEvent((event, sequence) -> { });
        }
        pipeline.drainAndStop(DRAIN);
        assertTrue(names.contains("custom:orders-journal"), names.toString());
        assertTrue(names.stream().allMatch(n -> n.equals("custom:orders-journal") || n.startsWith("custom:orders-match-")),
                names.toString());
    }

    @Test
    void badWiringIsRejectedWithTheOffendingName() {
        RingBuffer<LongEvent> ring = ring("bad", 16);
        RingBuffer<LongEvent> other = ring("other", 16);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> a = b.handler("a", (event, sequence, end) -> { });
        Stage<LongEvent> foreign = Pipeline.builder(other).handler("foreign", (event, sequence, end) -> { });

        assertMessage("already used: a", assertThrows(IllegalArgumentException.class,
                () -> b.handler("a", (event, sequence, end) -> { })));
        assertMessage("foreign is not in this pipeline", assertThrows(IllegalArgumentException.class,
                () -> b.handler("b", (event, sequence, end) -> { }, foreign)));
        assertMessage("a given twice", assertThrows(IllegalArgumentException.class,
                () -> b.handler("b", (event, sequence, end) -> { }, a, a)));
        assertMessage("at least one worker", assertThrows(IllegalArgumentException.class,
                () -> b.workerPool("pool", List.of())));
        assertMessage("blank", assertThrows(IllegalArgumentException.class, () -> b.poller(" ")));
        assertMessage("feed the ring it reads", assertThrows(IllegalArgumentException.class,
                () -> b.forward("loop", ring, (LongEvent slot, long s, LongEvent e) -> { })));
        assertMessage("maxBatchSize must be > 0: 0", assertThrows(IllegalArgumentException.class, () -> a.maxBatchSize(0)));
        assertMessage("build the pipeline first", assertThrows(IllegalStateException.class, a::finishedSequence));
        b.build();
        assertMessage("already built", assertThrows(IllegalStateException.class, b::build));
        assertMessage("already part of a built pipeline", assertThrows(IllegalStateException.class,
                () -> a.exceptionPolicy(ExceptionPolicy.skip())));
    }

    @Test
    void stagesOfARingBuiltWhileProducersRunStartTogether() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("live").capacity(64)
                .producerType(ProducerType.SINGLE).build();
        ring.publish(ring.next(5));
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> a = b.handler("a", (event, sequence, end) -> { });
        Stage<LongEvent> pool = b.workerPool("p", List.of((event, sequence, end) -> { }, (event, sequence, end) -> { }));
        b.build();
        assertEquals(4, a.startSequence(), "a stage sees events claimed after the build, not before");
        assertEquals(4, pool.startSequence());
        assertEquals(4, pool.finishedSequence());
    }

    private static void assertMessage(String expected, Throwable thrown) {
        assertTrue(thrown.getMessage().contains(expected), "message '" + thrown.getMessage() + "' lacks '" + expected + "'");
    }
}
