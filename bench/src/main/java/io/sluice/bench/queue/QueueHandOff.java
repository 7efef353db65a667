package io.sluice.bench.queue;

import io.sluice.bench.run.OptionValue;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blocking queues as their users use them, one JVM, cells run one after another:
 * <ul>
 *   <li>{@code handoff:<queue>:<producers>}: producers {@code put} the same pre-allocated element
 *   as fast as they can, one consumer {@code take}s; elements taken per second.</li>
 *   <li>{@code executor:<queue>}: one thread {@code execute}s short tasks on a
 *   {@link ThreadPoolExecutor} of two threads over the queue (a full queue makes it wait in
 *   {@code put}); tasks run per second.</li>
 * </ul>
 * Each cell warms for its first second, then counts for {@code --seconds}. The cells before
 * {@code --} only warm the JVM; each after it prints {@code cell <cell> <per second>}.
 * <pre>
 * java -cp bench/target/benchmarks.jar io.sluice.bench.queue.QueueHandOff --seconds 2 \
 *     handoff:abq:1 -- handoff:sluice:1 handoff:abq:1 executor:sluice executor:lbq-unbounded
 * </pre>
 */
public final class QueueHandOff {
    /** The bound of every bounded queue. */
    static final int CAPACITY = 1024;
    private static final Object ELEMENT = new Object();
    private static final Object STOP = new Object();

    private QueueHandOff() {
    }

    public static void main(String[] args) throws Exception {
        run(args, System.out);
    }

    static void run(String[] args, PrintStream out) throws InterruptedException {
        long seconds = 1;
        List<String> warm = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        List<String> cells = warm;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = OptionValue.wholeNumber(args, ++i, "--seconds", 1, 3600);
                case "--" -> cells = measured;
                default -> cells.add(args[i]);
            }
        }
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("no cell to measure: name them after --, as handoff:<queue>:<producers> "
                    + "or executor:<queue>, with a queue from " + BlockingQueues.NAMES);
        }
        for (String cell : warm) {
            perSecond(cell, seconds);
        }
        for (String cell : measured) {
            out.printf(Locale.ROOT, "cell\t%s\t%.0f%n", cell, perSecond(cell, seconds));
        }
    }

    static double perSecond(String cell, long seconds) throws InterruptedException {
        String[] parts = cell.split(":");
        if (parts.length == 3 && parts[0].equals("handoff")) {
            int producers = Integer.parseInt(parts[2]);
            if (producers < 1) {
                throw new IllegalArgumentException("a hand-off needs at least one producer: " + cell);
            }
            if (producers > 1 && parts[1].equals("sluice-one-to-one")) {
                throw new IllegalArgumentException("sluice-one-to-one takes one producer: " + cell);
            }
            return handOff(BlockingQueues.create(parts[1], CAPACITY), producers, seconds);
        }
        if (parts.length == 2 && parts[0].equals("executor")) {
            if (parts[1].startsWith("sluice-one")) {
                throw new IllegalArgumentException("an executor's two threads take from its queue: " + cell);
            }
            return executor(BlockingQueues.create(parts[1], CAPACITY), seconds);
        }
        throw new IllegalArgumentException("a cell is handoff:<queue>:<producers> or executor:<queue>: " + cell);
    }

    /** The consumer's count, published every 256 elements so that reading it costs the consumer little. */
    private static final class Taker extends Thread {
        private final BlockingQueue<Object> queue;
        private final int producers;
        final AtomicLong taken = new AtomicLong();

        Taker(BlockingQueue<Object> queue, int producers) {
            this.queue = queue;
            this.producers = producers;
            setDaemon(true);
        }

        @Override
        public void run() {
            long n = 0;
            int stops = 0;
            try {
                while (stops < producers) {
                    if (queue.take() == STOP) {
                        stops++;
                    } else if ((++n & 255) == 0) {
                        taken.setOpaque(n);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static double handOff(BlockingQueue<Object> queue, int producers, long seconds) throws InterruptedException {
        Taker taker = new Taker(queue, producers);
        taker.start();
        Thread[] putters = new Thread[producers];
        AtomicLong stopFlag = new AtomicLong();
        for (int p = 0; p < producers; p++) {
            putters[p] = new Thread(() -> {
                try {
                    while (stopFlag.getOpaque() == 0) {
                        queue.put(ELEMENT);
                    }
                    queue.put(STOP);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            putters[p].setDaemon(true);
            putters[p].start();
        }
        Thread.sleep(1000);
        long start = System.nanoTime();
        long from = taker.taken.getOpaque();
        Thread.sleep(seconds * 1000);
        long to = taker.taken.getOpaque();
        long elapsed = System.nanoTime() - start;
        stopFlag.setOpaque(1);
        for (Thread t : putters) {
            t.join();
        }
        taker.join();
        return (to - from) * 1e9 / elapsed;
    }

    private static double executor(BlockingQueue<Runnable> queue, long seconds) throws InterruptedException {
        AtomicLong ran = new AtomicLong();
        // A full bounded queue makes the submitting thread wait for room, as a caller of a
        // "blocking executor" does; an unbounded one never fills.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, queue, (task, pool) -> {
            try {
                pool.getQueue().put(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runnable task = ran::incrementAndGet;
        executor.prestartAllCoreThreads();
        AtomicLong stopFlag = new AtomicLong();
        CountDownLatch submitted = new CountDownLatch(1);
        Thread submitter = new Thread(() -> {
            long executed = 0;
            while (stopFlag.getOpaque() == 0) {
                // Never let an unbounded queue grow without limit: no more than CAPACITY tasks
                // outstanding (counted here, not with size(), which some queues walk).
                if (executed - ran.get() < CAPACITY) {
                    executor.execute(task);
                    executed++;
                } else {
                    Thread.onSpinWait();
                }
            }
            submitted.countDown();
        });
        submitter.setDaemon(true);
        submitter.start();
        Thread.sleep(1000);
        long start = System.nanoTime();
        long from = ran.get();
        Thread.sleep(seconds * 1000);
        long to = ran.get();
        long elapsed = System.nanoTime() - start;
        stopFlag.setOpaque(1);
        submitted.await();
        executor.shutdown();
        executor.awaitTermination(60, TimeUnit.SECONDS);
        return (to - from) * 1e9 / elapsed;
    }
}
