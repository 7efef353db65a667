package io.sluice;

import io.sluice.testkit.Await;

/** Producer threads for tests: started together, joined with a deadline. */
public final class ProducerThreads {
    /** What producer {@code id} does. */
    @FunctionalInterface
    public interface Body {
        void run(int id) throws Exception;
    }

    private final Thread[] threads;

    private ProducerThreads(Thread[] threads) {
        this.threads = threads;
    }

    public static ProducerThreads start(int count, Body body) {
        Thread[] threads = new Thread[count];
        for (int p = 0; p < count; p++) {
            int id = p;
            threads[p] = new Thread(() -> {
                try {
                    body.run(id);
                } catch (Exception e) {
                    throw new AssertionError("producer " + id + " failed", e);
                }
            }, "producer-" + p);
            threads[p].start();
        }
        return new ProducerThreads(threads);
    }

    public void join() throws InterruptedException {
        for (Thread thread : threads) {
            Await.joined(thread);
        }
    }
}
