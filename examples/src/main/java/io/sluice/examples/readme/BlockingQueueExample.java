package io.sluice.examples.readme;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingSnapshot;
import io.sluice.queue.RingBlockingQueue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RingBlockingQueue} in place of an {@code ArrayBlockingQueue} under a
 * {@link ThreadPoolExecutor}, then as a shedding queue whose refusals the executor rejects and the
 * queue counts; docs/GUIDE.md quotes the part between the markers.
 */
public final class BlockingQueueExample {
    private BlockingQueueExample() {
    }

    /** What the two executors did, for the docs test. */
    record Outcome(long ran, long rejected, long drops) {
    }

    static Outcome run(int tasks) throws InterruptedException {
        AtomicLong ran = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        CountDownLatch busy = new CountDownLatch(1);
        // docs:start
        // One line changes: new ArrayBlockingQueue<>(1024) becomes new RingBlockingQueue<>(1024).
        BlockingQueue<Runnable> work = new RingBlockingQueue<>(1024);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, work,
                new ThreadPoolExecutor.CallerRunsPolicy());
        for (int i = 0; i < tasks; i++) {
            pool.execute(ran::incrementAndGet);
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);

        // A queue that sheds when full (or, with shedOnDelay, once tasks wait too long): the
        // executor rejects what it refuses, and the queue counts each refusal as a drop.
        RingBlockingQueue<Runnable> requests = RingBlockingQueue.<Runnable>builder(64).name("requests")
                .backpressure(BackpressurePolicy.shed()).build();
        ThreadPoolExecutor server = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, requests,
                (task, executor) -> rejected.incrementAndGet());
        server.execute(() -> await(busy));                  // the one thread is busy: requests queue up
        for (int i = 0; i < 100; i++) {
            server.execute(ran::incrementAndGet);           // 64 queue, 36 are rejected
        }
        RingSnapshot figures = requests.snapshot(new RingSnapshot());
        // docs:end
        busy.countDown();
        server.shutdown();
        server.awaitTermination(1, TimeUnit.MINUTES);
        return new Outcome(ran.get(), rejected.get(), figures.get(ProducerCounter.DROPS));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
