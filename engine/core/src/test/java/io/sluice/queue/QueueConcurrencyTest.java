package io.sluice.queue;

import io.sluice.testkit.Await;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Producers, consumers, removers and iterators at once, on every variant with as many threads as
 * it allows: every element is delivered exactly once or removed exactly once, each producer's
 * elements keep their order, and no reader ever sees an element twice or out of order.
 */
class QueueConcurrencyTest {
    private static final int PER_PRODUCER = 50_000;

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void everyElementPutIsTakenExactlyOnce(QueueVariant variant) throws InterruptedException {
        for (int capacity : new int[] {8, 6}) {
            BlockingQueue<Integer> q = variant.create(capacity);
            int producers = variant.singleProducer ? 1 : 3;
            int consumers = variant.singleConsumer ? 1 : 3;
            int total = producers * PER_PRODUCER;
            BitSet seen = new BitSet(total);
            List<String> errors = new ArrayList<>();
            List<Worker> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int base = p * PER_PRODUCER;
                threads.add(thread(() -> {
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        if (i % 3 == 0) {
                            q.put(base + i);
                        } else if (i % 3 == 1) {
                            while (!q.offer(base + i)) {
                                Thread.onSpinWait();
                            }
                        } else {
                            while (!q.offer(base + i, 1, TimeUnit.MILLISECONDS)) {
                                Thread.onSpinWait();
                            }
                        }
                    }
                }));
            }
            int[] quota = split(total, consumers);
            for (int c = 0; c < consumers; c++) {
                int mine = quota[c];
                threads.add(thread(() -> {
                    int[] lastPerProducer = new int[producers];
                    java.util.Arrays.fill(lastPerProducer, -1);
                    for (int i = 0; i < mine; i++) {
                        Integer e = i % 2 == 0 ? q.take() : pollUntilThere(q);
                        int producer = e / PER_PRODUCER;
                        if (e <= lastPerProducer[producer]) {
                            record(errors, "producer " + producer + "'s " + e + " after " + lastPerProducer[producer]);
                        }
                        lastPerProducer[producer] = e;
                        synchronized (seen) {
                            if (seen.get(e)) {
                                record(errors, "taken twice: " + e);
                            }
                            seen.set(e);
                        }
                    }
                }));
            }
            for (Worker t : threads) {
                t.joinAndCheck();
            }
            assertEquals(List.of(), errors, variant + " capacity " + capacity);
            assertEquals(total, seen.cardinality());
            assertTrue(q.isEmpty());
            assertEquals(capacity, q.remainingCapacity());
        }
    }

    /**
     * A consumer descheduled in the middle of a take holds its slot until it runs again; the
     * queue then holds fewer elements than the ring has claimed, and an offer must wait the take
     * out rather than report the queue full. More consumers than cores make such takes common.
     */
    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void anOfferNeverFailsWhileTheQueueHoldsFewerElementsThanItsCapacity(QueueVariant variant) throws InterruptedException {
        int capacity = 64;
        BlockingQueue<Integer> q = variant.create(capacity);
        int consumers = variant.singleConsumer ? 1 : Runtime.getRuntime().availableProcessors() + 1;
        java.util.concurrent.atomic.AtomicLong taken = new java.util.concurrent.atomic.AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Worker> takers = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            takers.add(thread(() -> {
                while (running.get()) {
                    if (q.poll(1, TimeUnit.MILLISECONDS) != null) {
                        taken.incrementAndGet();
                    }
                }
            }));
        }
        Integer element = 1;
        long offered = 0;
        while (offered < 500_000) {
            // At most capacity - 1 elements outstanding, counted by the takers: room is always there.
            if (offered - taken.get() < capacity - 1) {
                if (!q.offer(element)) {
                    running.set(false);
                    throw new AssertionError("offer " + offered + " refused with at most " + (capacity - 1)
                            + " elements in a queue of " + capacity + ": size " + q.size());
                }
                offered++;
            } else {
                Thread.onSpinWait();
            }
        }
        running.set(false);
        for (Worker t : takers) {
            t.joinAndCheck();
        }
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void anElementIsEitherTakenOrRemovedNeverBoth(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = variant.create(16);
        int total = 100_000;
        ConcurrentLinkedQueue<Integer> taken = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> removed = new ConcurrentLinkedQueue<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        Worker producer = thread(() -> {
            for (int i = 0; i < total; i++) {
                q.put(i);
            }
            producing.set(false);
        });
        Worker remover = thread(() -> {
            int k = 0;
            while (producing.get()) {
                if (q.remove(k)) { // the remover runs on its own thread in every variant
                    removed.add(k);
                }
                k = (k + 7) % total;
            }
        });
        Worker consumer = thread(() -> {
            while (producing.get() || !q.isEmpty()) {
                Integer e = q.poll(1, TimeUnit.MILLISECONDS);
                if (e != null) {
                    taken.add(e);
                }
            }
        });
        producer.joinAndCheck();
        remover.joinAndCheck();
        consumer.joinAndCheck();
        BitSet all = new BitSet(total);
        for (Integer e : taken) {
            assertFalse(all.get(e), "taken twice: " + e);
            all.set(e);
        }
        for (Integer e : removed) {
            assertFalse(all.get(e), "taken and removed, or removed twice: " + e);
            all.set(e);
        }
        assertEquals(total, all.cardinality(), "every element was taken or removed");
        assertTrue(q.isEmpty());
        assertEquals(16, q.remainingCapacity());
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void anIteratorRacingConsumersSeesEachElementAtMostOnceInOrder(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = variant.create(16);
        int total = 100_000;
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> errors = new ArrayList<>();
        Worker producer = thread(() -> {
            for (int i = 0; i < total; i++) {
                q.put(i);
            }
        });
        Worker consumer = thread(() -> {
            for (int i = 0; i < total; i++) {
                assertEquals(i, q.take());
            }
            running.set(false);
        });
        Worker reader = thread(() -> {
            while (running.get()) {
                int last = -1;
                for (Iterator<Integer> it = q.iterator(); it.hasNext(); ) {
                    int e = it.next();
                    if (e <= last) {
                        record(errors, "iterator saw " + e + " after " + last);
                    }
                    last = e;
                }
                q.contains(total / 2);
                q.peek();
                q.toArray();
            }
        });
        producer.joinAndCheck();
        consumer.joinAndCheck();
        reader.joinAndCheck();
        assertEquals(List.of(), errors);
    }

    private static Integer pollUntilThere(BlockingQueue<Integer> q) throws InterruptedException {
        while (true) {
            Integer e = q.poll(1, TimeUnit.MILLISECONDS);
            if (e != null) {
                return e;
            }
        }
    }

    private static int[] split(int total, int parts) {
        int[] quota = new int[parts];
        for (int i = 0; i < parts; i++) {
            quota[i] = total / parts + (i < total % parts ? 1 : 0);
        }
        return quota;
    }

    private static void record(List<String> errors, String error) {
        synchronized (errors) {
            if (errors.size() < 10) {
                errors.add(error);
            }
        }
    }

    interface Body {
        void run() throws Exception;
    }

    /** A test thread whose failure fails the test when joined. */
    static final class Worker extends Thread {
        private final Body body;
        private volatile Throwable failure;

        Worker(Body body) {
            this.body = body;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
            }
        }

        void joinAndCheck() throws InterruptedException {
            Await.joined(this);
            if (failure != null) {
                throw new AssertionError(getName() + " failed", failure);
            }
        }
    }

    private static Worker thread(Body body) {
        Worker t = new Worker(body);
        t.start();
        return t;
    }
}
