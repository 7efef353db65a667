package io.sluice.queue;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingSnapshot;
import io.sluice.testkit.Await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A {@link ThreadPoolExecutor} on the queue: the executor's contract as it is on an {@code ArrayBlockingQueue}. */
class ThreadPoolExecutorQueueTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private ThreadPoolExecutor executor;

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (executor != null) {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS));
        }
    }

    private Runnable blocker() {
        return () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void runsEveryTaskSubmitted() throws InterruptedException {
        executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new RingBlockingQueue<>(16),
                new ThreadPoolExecutor.CallerRunsPolicy());
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 20_000; i++) {
            executor.execute(ran::incrementAndGet);
        }
        executor.shutdown();
        assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(20_000, ran.get());
    }

    @Test
    void rejectsATaskWhenTheQueueIsFullAndEveryThreadIsBusy() {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new RingBlockingQueue<>(1));
        executor.execute(blocker()); // runs on the one thread, not queued
        executor.execute(() -> { }); // queued
        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
        assertEquals(1, executor.getQueue().size());
    }

    @Test
    void growsToTheMaximumPoolSizeWhenTheQueueIsFull() {
        executor = new ThreadPoolExecutor(1, 2, 60, TimeUnit.SECONDS, new RingBlockingQueue<>(1));
        executor.execute(blocker());
        executor.execute(blocker()); // queued
        executor.execute(blocker()); // the queue refuses it: a second thread runs it
        assertEquals(2, executor.getPoolSize());
        assertEquals(1, executor.getQueue().size());
    }

    @Test
    void shutdownNowReturnsTheTasksStillQueued() {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new RingBlockingQueue<>(4));
        executor.execute(blocker());
        Runnable a = () -> { };
        Runnable b = () -> { };
        executor.execute(a);
        executor.execute(b);
        List<Runnable> left = executor.shutdownNow();
        assertEquals(List.of(a, b), left);
        assertTrue(executor.getQueue().isEmpty());
    }

    @Test
    void removeWithdrawsAQueuedTaskSoItNeverRuns() throws InterruptedException {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new RingBlockingQueue<>(4));
        executor.execute(blocker());
        AtomicInteger ran = new AtomicInteger();
        Runnable withdrawn = () -> ran.addAndGet(100);
        Runnable kept = ran::incrementAndGet;
        executor.execute(withdrawn);
        executor.execute(kept);
        assertTrue(executor.remove(withdrawn));
        release.countDown();
        executor.shutdown();
        assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(1, ran.get());
    }

    @Test
    void idleThreadsTimeOutThroughTheTimedPoll() {
        executor = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MILLISECONDS, new RingBlockingQueue<>(4));
        executor.allowCoreThreadTimeOut(true);
        executor.execute(() -> { });
        executor.execute(() -> { });
        Await.until(() -> executor.getPoolSize() == 0, "idle threads to time out");
    }

    @Test
    void aSheddingQueueMakesTheExecutorRejectAndCountsTheDrop() {
        RingBlockingQueue<Runnable> queue = RingBlockingQueue.<Runnable>builder(1).backpressure(BackpressurePolicy.shed()).build();
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, queue);
        executor.execute(blocker());
        executor.execute(() -> { });
        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
        assertEquals(1, queue.snapshot(new RingSnapshot()).get(ProducerCounter.DROPS));
        assertSame(queue, executor.getQueue());
    }
}
