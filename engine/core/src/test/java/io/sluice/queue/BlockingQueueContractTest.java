package io.sluice.queue;

import io.sluice.testkit.Await;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link BlockingQueue} contract as the JDK documents it and {@code ArrayBlockingQueue}
 * implements it, one behaviour per test, on every variant: what the Guava suite does not cover
 * (waiting, time-outs, interrupts, capacity, {@code drainTo}) and the interior removal that
 * consumers must pass over. Waiting tests wait for the other thread to park, never for a time.
 */
class BlockingQueueContractTest {
    private static final int CAPACITY = 4;

    // ---------------------------------------------------------------- capacity

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void holdsExactlyItsCapacityEvenWhenItIsNotAPowerOfTwo(QueueVariant variant) {
        BlockingQueue<Integer> q = variant.create(3);
        assertTrue(q.offer(1));
        assertTrue(q.offer(2));
        assertTrue(q.offer(3));
        assertFalse(q.offer(4), "a queue of 3 refuses a fourth element");
        assertEquals(0, q.remainingCapacity());
        assertEquals(1, q.poll());
        assertTrue(q.offer(4), "one taken, one more fits");
        assertEquals(List.of(2, 3, 4), new ArrayList<>(q));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void remainingCapacityIsCapacityMinusSize(QueueVariant variant) {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        for (int i = 0; i < CAPACITY; i++) {
            assertEquals(CAPACITY - i, q.remainingCapacity());
            assertEquals(i, q.size());
            q.add(i);
        }
        for (int i = 0; i < CAPACITY; i++) {
            assertEquals(i, q.remainingCapacity());
            assertEquals(CAPACITY - i, q.size());
            assertEquals(i, q.remove());
        }
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void addOnAFullQueueThrowsIllegalStateAndOfferReturnsFalse(QueueVariant variant) {
        BlockingQueue<Integer> q = full(variant);
        assertThrows(IllegalStateException.class, () -> q.add(99));
        assertFalse(q.offer(99));
        assertEquals(List.of(0, 1, 2, 3), new ArrayList<>(q), "nothing already in the queue is lost");
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void keepsFifoOrderOverManyLaps(QueueVariant variant) {
        BlockingQueue<Integer> q = variant.create(3);
        for (int i = 0; i < 1000; i++) {
            q.add(i);
            q.add(i + 1_000_000);
            assertEquals(i, q.poll());
            assertEquals(i + 1_000_000, q.poll());
        }
        assertTrue(q.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void aCapacityBelowOneIsRefusedNamingIt(QueueVariant variant) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> variant.create(0));
        assertTrue(e.getMessage().contains(": 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RingBlockingQueue<>(-1));
        assertThrows(IllegalArgumentException.class, () -> new RingBlockingQueue<>((1 << 30) + 1));
    }

    // ---------------------------------------------------------------- nulls

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void everyInsertRefusesNull(QueueVariant variant) {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        assertThrows(NullPointerException.class, () -> q.add(null));
        assertThrows(NullPointerException.class, () -> q.offer(null));
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertThrows(NullPointerException.class, () -> q.offer(null, 1, TimeUnit.SECONDS));
        assertTrue(q.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void addAllWithANullAddsTheElementsBeforeItThenThrows(QueueVariant variant) {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        assertThrows(NullPointerException.class, () -> q.addAll(Arrays.asList(1, null, 3)));
        assertEquals(List.of(1), new ArrayList<>(q));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void addAllOfItselfIsRefused(QueueVariant variant) {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        assertThrows(IllegalArgumentException.class, () -> q.addAll(q));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void addAllBeyondCapacityFillsTheQueueThenThrowsIllegalState(QueueVariant variant) {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        assertThrows(IllegalStateException.class, () -> q.addAll(List.of(0, 1, 2, 3, 4, 5)));
        assertEquals(List.of(0, 1, 2, 3), new ArrayList<>(q));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void timedCallsRefuseANullUnit(QueueVariant variant) {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        assertThrows(NullPointerException.class, () -> q.offer(1, 1, null));
        assertThrows(NullPointerException.class, () -> q.poll(1, null));
    }

    // ---------------------------------------------------------------- put

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void putWaitsWhileFullUntilAnElementIsTaken(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = full(variant);
        Thread producer = start(() -> q.put(99));
        Await.parked(producer);
        assertEquals(CAPACITY, q.size(), "the waiting put inserted nothing");
        assertEquals(0, q.take());
        Await.joined(producer);
        assertEquals(List.of(1, 2, 3, 99), new ArrayList<>(q));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void putWhenAlreadyInterruptedThrowsAndClearsTheInterrupt(QueueVariant variant) {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> q.put(1));
        assertFalse(Thread.interrupted(), "the interrupt status is cleared");
        assertTrue(q.isEmpty(), "an interrupted put inserts nothing, even with room");
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void putInterruptedWhileWaitingThrowsClearsTheInterruptAndInsertsNothing(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = full(variant);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                q.put(99);
            } catch (Throwable t) {
                thrown.set(t);
                if (Thread.currentThread().isInterrupted()) {
                    thrown.set(new AssertionError("interrupt status left set", t));
                }
            }
        });
        producer.start();
        Await.parked(producer);
        producer.interrupt();
        Await.joined(producer);
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertEquals(List.of(0, 1, 2, 3), new ArrayList<>(q));
        assertEquals(0, q.poll());
        assertTrue(q.offer(4), "the queue stays usable");
    }

    // ---------------------------------------------------------------- take

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void takeWaitsWhileEmptyUntilAnElementIsPut(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        AtomicReference<Integer> taken = new AtomicReference<>();
        Thread consumer = start(() -> taken.set(q.take()));
        Await.parked(consumer);
        q.put(7);
        Await.joined(consumer);
        assertEquals(7, taken.get());
        assertTrue(q.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void takeWhenAlreadyInterruptedThrowsAndClearsTheInterrupt(QueueVariant variant) {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        q.add(1);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, q::take);
        assertFalse(Thread.interrupted());
        assertEquals(List.of(1), new ArrayList<>(q), "an interrupted take takes nothing");
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void takeInterruptedWhileWaitingThrowsAndClearsTheInterrupt(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                q.take();
            } catch (Throwable t) {
                thrown.set(Thread.currentThread().isInterrupted() ? new AssertionError("interrupt status left set", t) : t);
            }
        });
        consumer.start();
        Await.parked(consumer);
        consumer.interrupt();
        Await.joined(consumer);
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        q.add(1);
        assertEquals(1, q.poll(), "the queue stays usable");
    }

    @ParameterizedTest
    @EnumSource(value = QueueVariant.class, names = {"MANY_TO_MANY", "ONE_TO_MANY"})
    void everyWaitingTakerGetsOneOfTheElementsPutLater(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        int takers = 3;
        List<Integer> taken = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread[] threads = new Thread[takers];
        for (int i = 0; i < takers; i++) {
            threads[i] = start(() -> taken.add(q.take()));
        }
        for (Thread t : threads) {
            Await.parked(t);
        }
        q.put(1);
        q.put(2);
        q.put(3);
        for (Thread t : threads) {
            Await.joined(t);
        }
        assertEquals(List.of(1, 2, 3), taken.stream().sorted().toList());
    }

    @ParameterizedTest
    @EnumSource(value = QueueVariant.class, names = {"MANY_TO_MANY", "ONE_TO_MANY"})
    void aTakerThatIsInterruptedPassesItsWakeUpOnToAnotherWaitingTaker(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        AtomicReference<Object> interruptedGot = new AtomicReference<>();
        AtomicReference<Integer> otherGot = new AtomicReference<>();
        Thread interrupted = new Thread(() -> {
            try {
                interruptedGot.set(q.take());
            } catch (InterruptedException e) {
                interruptedGot.set(e);
            }
        });
        interrupted.start();
        Await.parked(interrupted);
        Thread other = start(() -> otherGot.set(q.take()));
        Await.parked(other);
        interrupted.interrupt();
        q.put(5);
        Await.joined(interrupted);
        if (interruptedGot.get() instanceof InterruptedException) {
            Await.joined(other);
            assertEquals(5, otherGot.get(), "the wake-up went on to the taker still waiting");
        } else {
            // Signalled before the interrupt: it returns the element (with its interrupt status
            // set), as a Condition's await does; the other taker still waits for the next.
            assertEquals(5, interruptedGot.get());
            q.put(6);
            Await.joined(other);
            assertEquals(6, otherGot.get());
        }
        assertTrue(q.isEmpty());
    }

    // ---------------------------------------------------------------- timed offer and poll

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void timedOfferOnAFullQueueReturnsFalseWhenTheTimeRunsOut(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = full(variant);
        assertFalse(q.offer(99, 1, TimeUnit.MILLISECONDS));
        assertFalse(q.offer(99, 0, TimeUnit.SECONDS), "a zero timeout does not wait");
        assertFalse(q.offer(99, -1, TimeUnit.SECONDS), "nor does a negative one");
        assertEquals(List.of(0, 1, 2, 3), new ArrayList<>(q));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void timedOfferSucceedsOnceAConsumerMakesRoom(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = full(variant);
        AtomicReference<Boolean> offered = new AtomicReference<>();
        Thread producer = start(() -> offered.set(q.offer(99, 1, TimeUnit.DAYS)));
        Await.parked(producer);
        q.take();
        Await.joined(producer);
        assertTrue(offered.get());
        assertTrue(q.contains(99));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void timedOfferWithTheLongestTimeoutInsertsAtOnceWhenThereIsRoom(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        assertTrue(q.offer(1, Long.MAX_VALUE, TimeUnit.DAYS));
        assertEquals(1, q.poll(Long.MAX_VALUE, TimeUnit.DAYS));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void timedOfferAndPollWhenAlreadyInterruptedThrowAndClearTheInterrupt(QueueVariant variant) {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> q.offer(1, 1, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted());
        q.add(2);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> q.poll(1, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted());
        assertEquals(List.of(2), new ArrayList<>(q));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void timedOfferInterruptedWhileWaitingThrows(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = full(variant);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                q.offer(99, 1, TimeUnit.DAYS);
            } catch (Throwable t) {
                thrown.set(Thread.currentThread().isInterrupted() ? new AssertionError("interrupt status left set", t) : t);
            }
        });
        producer.start();
        Await.parked(producer);
        producer.interrupt();
        Await.joined(producer);
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertFalse(q.contains(99));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void timedPollOnAnEmptyQueueReturnsNullWhenTheTimeRunsOut(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        assertNull(q.poll(1, TimeUnit.MILLISECONDS));
        assertNull(q.poll(0, TimeUnit.SECONDS));
        assertNull(q.poll(-1, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void timedPollReceivesAnElementPutWhileItWaits(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        AtomicReference<Integer> polled = new AtomicReference<>();
        Thread consumer = start(() -> polled.set(q.poll(1, TimeUnit.DAYS)));
        Await.parked(consumer);
        q.put(3);
        Await.joined(consumer);
        assertEquals(3, polled.get());
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void timedPollInterruptedWhileWaitingThrows(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                q.poll(1, TimeUnit.DAYS);
            } catch (Throwable t) {
                thrown.set(Thread.currentThread().isInterrupted() ? new AssertionError("interrupt status left set", t) : t);
            }
        });
        consumer.start();
        Await.parked(consumer);
        consumer.interrupt();
        Await.joined(consumer);
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
    }

    // ---------------------------------------------------------------- drainTo

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void drainToMovesEveryElementInOrder(QueueVariant variant) {
        BlockingQueue<Integer> q = full(variant);
        List<Integer> sink = new ArrayList<>();
        assertEquals(CAPACITY, q.drainTo(sink));
        assertEquals(List.of(0, 1, 2, 3), sink);
        assertTrue(q.isEmpty());
        assertEquals(CAPACITY, q.remainingCapacity());
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void drainToWithALimitMovesAtMostThatMany(QueueVariant variant) {
        BlockingQueue<Integer> q = full(variant);
        List<Integer> sink = new ArrayList<>();
        assertEquals(0, q.drainTo(sink, 0));
        assertEquals(0, q.drainTo(sink, -1));
        assertEquals(2, q.drainTo(sink, 2));
        assertEquals(List.of(0, 1), sink);
        assertEquals(List.of(2, 3), new ArrayList<>(q));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void drainToRefusesNullAndItself(QueueVariant variant) {
        BlockingQueue<Integer> q = full(variant);
        assertThrows(NullPointerException.class, () -> q.drainTo(null));
        assertThrows(NullPointerException.class, () -> q.drainTo(null, 1));
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(q));
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(q, 1));
        assertEquals(CAPACITY, q.size());
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void anElementTheTargetRefusesGoesBackToTheQueue(QueueVariant variant) {
        BlockingQueue<Integer> q = full(variant);
        List<Integer> sink = new ArrayList<>() {
            @Override
            public boolean add(Integer e) {
                if (e == 2) {
                    throw new IllegalArgumentException("no 2");
                }
                return super.add(e);
            }
        };
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(sink));
        assertEquals(List.of(0, 1), sink);
        assertEquals(List.of(3, 2), new ArrayList<>(q), "the refused element is back, at the tail");
    }

    // ---------------------------------------------------------------- interior removal and iteration

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void consumersPassOverAnElementRemovedFromTheMiddle(QueueVariant variant) throws InterruptedException {
        BlockingQueue<Integer> q = full(variant);
        assertTrue(q.remove(2));
        assertFalse(q.remove(2), "removed once");
        assertEquals(3, q.size());
        assertEquals(0, q.remainingCapacity(), "the slot stays taken until consumers pass over it");
        assertEquals(0, q.take());
        assertEquals(1, q.take());
        assertEquals(3, q.take());
        assertNull(q.poll());
        assertEquals(0, q.size());
        assertTrue(q.offer(4), "passed over, the slot is free");
        assertEquals(4, q.poll());
        assertEquals(CAPACITY, q.remainingCapacity());
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void removingTheHeadMakesTheNextElementTheHead(QueueVariant variant) {
        BlockingQueue<Integer> q = full(variant);
        assertTrue(q.remove(0));
        assertEquals(1, q.peek());
        assertEquals(1, q.element());
        assertEquals(1, q.poll());
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void aQueueWhoseElementsWereAllRemovedIsEmpty(QueueVariant variant) {
        BlockingQueue<Integer> q = full(variant);
        for (int i = 0; i < CAPACITY; i++) {
            assertTrue(q.remove(i));
        }
        assertTrue(q.isEmpty());
        assertNull(q.peek());
        assertNull(q.poll());
        assertEquals("[]", q.toString());
        for (int i = 0; i < CAPACITY; i++) {
            assertTrue(q.offer(10 + i), "every slot is free again");
        }
        assertEquals(List.of(10, 11, 12, 13), new ArrayList<>(q));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void iteratorRemoveWithdrawsTheElementItReturned(QueueVariant variant) {
        BlockingQueue<Integer> q = full(variant);
        Iterator<Integer> it = q.iterator();
        assertEquals(0, it.next());
        assertEquals(1, it.next());
        it.remove();
        assertThrows(IllegalStateException.class, it::remove);
        assertEquals(2, it.next());
        assertEquals(List.of(0, 2, 3), new ArrayList<>(q));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void anIteratorSurvivesTakesAndLapsWithoutConcurrentModificationErrors(QueueVariant variant) {
        BlockingQueue<Integer> q = full(variant);
        Iterator<Integer> it = q.iterator();
        assertEquals(0, it.next());
        for (int i = 0; i < 3 * CAPACITY; i++) { // every slot reused three times over
            q.poll();
            q.offer(100 + i);
        }
        List<Integer> rest = new ArrayList<>();
        it.forEachRemaining(rest::add);
        // Weakly consistent: the element read before the takes may still come; then what is there now.
        List<Integer> now = new ArrayList<>(q);
        assertTrue(rest.equals(now) || rest.subList(1, rest.size()).equals(now), rest + " vs " + now);
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void iteratorRemoveOfAnElementAlreadyTakenChangesNothing(QueueVariant variant) {
        BlockingQueue<Integer> q = full(variant);
        Iterator<Integer> it = q.iterator();
        assertEquals(0, it.next());
        assertEquals(0, q.poll());
        q.offer(4); // reuses the slot 0 was in
        it.remove();
        assertEquals(List.of(1, 2, 3, 4), new ArrayList<>(q));
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void toStringListsTheElementsOldestFirst(QueueVariant variant) {
        BlockingQueue<Integer> q = full(variant);
        assertEquals("[0, 1, 2, 3]", q.toString());
        assertEquals(new ArrayBlockingQueue<>(CAPACITY, false, List.of(0, 1, 2, 3)).toString(), q.toString());
    }

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void clearEmptiesTheQueueAndFreesEverySlot(QueueVariant variant) {
        BlockingQueue<Integer> q = full(variant);
        q.clear();
        assertTrue(q.isEmpty());
        assertEquals(CAPACITY, q.remainingCapacity());
        q.add(7);
        assertSame(7, q.peek());
    }

    private static BlockingQueue<Integer> full(QueueVariant variant) {
        BlockingQueue<Integer> q = variant.create(CAPACITY);
        for (int i = 0; i < CAPACITY; i++) {
            q.add(i);
        }
        return q;
    }

    interface Body {
        void run() throws Exception;
    }

    private static Thread start(Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
