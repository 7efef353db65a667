package io.sluice.pipeline;

import io.sluice.AllocationWindows;
import io.sluice.EventTranslatorOneArg;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.WaitStrategy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariant 10 for pipeline stages: after warm-up, a handler stage, a worker pool and a stage
 * feeding a second ring allocate nothing on their threads. Each stage thread's allocated bytes
 * are read from outside (by thread id) at window boundaries, with the pipeline caught up and
 * idle in its wait strategy; the steadiest window must stay within 1 KiB (see AllocationTest).
 * Four stage threads and a producer: busy-spin is left out (see WaitStrategies#allButBusySpin).
 */
class PipelineAllocationTest {
    private static final EventTranslatorOneArg<LongEvent, Long> VALUE = (event, sequence, value) -> event.value = value;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.WaitStrategies#allButBusySpin")
    void handlerPoolAndForwardingStagesAllocateNothingAfterWarmUp(Supplier<WaitStrategy> strategy)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("alloc").capacity(1024)
                .producerType(ProducerType.SINGLE).waitStrategy(strategy.get()).build();
        RingBuffer<LongEvent> next = RingBuffer.builder(LongEvent.FACTORY).name("alloc-next").capacity(1024).build();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring).threadFactory(task -> {
            Thread thread = new Thread(task, task.toString());
            threads.add(thread);
            return thread;
        });
        long[] sum = new long[1];
        Stage<LongEvent> handler = b.handler("handler", (event, sequence, end) -> sum[0] += event.value);
        Stage<LongEvent> pool = b.workerPool("pool", List.of((event, sequence, end) -> event.tag = 1,
                (event, sequence, end) -> event.tag = 2), handler);
        b.forward("forward", next, (LongEvent slot, long sequence, LongEvent event) -> slot.value = event.value, pool);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();

        produce(ring, pipeline, AllocationWindows.WINDOW_EVENTS);
        long[][] windows = new long[threads.size()][AllocationWindows.WINDOWS];
        long[] before = allocated(threads);
        for (int w = 0; w < AllocationWindows.WINDOWS; w++) {
            produce(ring, pipeline, AllocationWindows.WINDOW_EVENTS);
            long[] after = allocated(threads);
            for (int t = 0; t < threads.size(); t++) {
                windows[t][w] = after[t] - before[t];
            }
            before = after;
        }
        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(30)).drained());
        for (int t = 0; t < threads.size(); t++) {
            AllocationWindows.assertSteadyStateAllocatesNothing(threads.get(t).getName(), windows[t]);
        }
    }

    private static void produce(RingBuffer<LongEvent> ring, Pipeline<LongEvent> pipeline, long events)
            throws InterruptedException {
        for (long i = 0; i < events; i++) {
            ring.publishEvent(VALUE, i);
        }
        long last = ring.cursor();
        for (Stage<LongEvent> stage : pipeline.stages()) {
            Await.until(() -> stage.finishedSequence() >= last, "stage " + stage.name() + " to catch up");
        }
    }

    private static long[] allocated(List<Thread> threads) {
        long[] bytes = new long[threads.size()];
        for (int t = 0; t < bytes.length; t++) {
            bytes[t] = THREADS.getThreadAllocatedBytes(threads.get(t).getId());
        }
        return bytes;
    }
}
