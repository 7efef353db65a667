package io.sluice.wait;

import io.sluice.RingBuffer;
import io.sluice.SequenceBarrier;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The blocking strategies' parked waiters: a signal clears the waiter count as it wakes everyone
 * counted, so these check that nobody counted is left behind, that a woken waiter that must
 * wait again is woken again, and that the count stays exact whichever way a wait ends.
 */
class ParkingWaiterTest {
    private static Thread consumer(RingBuffer<LongEvent> ring, long last, AtomicReference<Throwable> failure,
                                   AtomicLong seen) {
        SequenceBarrier barrier = ring.newBarrier();
        Thread thread = new Thread(() -> {
            try {
                long next = 0;
                while (next <= last) {
                    next = barrier.waitFor(next) + 1;
                    seen.set(next - 1);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "consumer");
        thread.start();
        return thread;
    }

    @Test
    void onePublishWakesEveryConsumerBlockedForIt() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            consumers.add(consumer(ring, 0, failure, new AtomicLong(-1)));
        }
        for (Thread consumer : consumers) {
            Await.parked(consumer);
        }
        ring.publish(ring.tryNext());
        for (Thread consumer : consumers) {
            Await.joined(consumer);
        }
        assertNull(failure.get());
    }

    @Test
    void aConsumerWokenTooEarlyIsWokenAgainByTheNextPublish() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong seen = new AtomicLong(-1);
        // Waits for sequence 1 while 0 is published first: the first publish wakes it for nothing.
        SequenceBarrier barrier = ring.newBarrier();
        Thread thread = new Thread(() -> {
            try {
                seen.set(barrier.waitFor(1));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "consumer");
        thread.start();
        Await.parked(thread);
        ring.publish(ring.tryNext());
        Thread.sleep(10); // time to wake, re-check and block again
        Await.parked(thread);
        ring.publish(ring.tryNext());
        Await.joined(thread);
        assertNull(failure.get());
        assertEquals(1L, seen.get());
    }

    @Test
    void consumersFollowingEveryPublishOneByOneMissNone() throws InterruptedException {
        int events = 20_000;
        RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent.FACTORY, 1024, new BlockingWaitStrategy());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<AtomicLong> seen = List.of(new AtomicLong(-1), new AtomicLong(-1));
        List<Thread> consumers = new ArrayList<>();
        for (AtomicLong each : seen) {
            consumers.add(consumer(ring, events - 1, failure, each));
        }
        for (long s = 0; s < events; s++) {
            long sequence = s;
            // Publish only once both consumers are done with the previous event, so each publish
            // meets consumers that are about to block or blocked, never a backlog.
            Await.until(() -> seen.get(0).get() == sequence - 1 && seen.get(1).get() == sequence - 1,
                    "both consumers to reach " + (sequence - 1));
            ring.publish(ring.tryNext());
        }
        for (Thread consumer : consumers) {
            Await.joined(consumer);
        }
        assertNull(failure.get());
    }

    @Test
    void aWaitThatTimesOutLeavesNoWaiterCounted() throws Exception {
        ParkingWaiter waiter = new ParkingWaiter();
        SequenceBarrier barrier = RingBuffer.createSingleProducer(LongEvent.FACTORY, 8,
                new BlockingWaitStrategy()).newBarrier();
        for (int i = 0; i < 5; i++) {
            assertThrows(WaitTimeoutException.class,
                    () -> waiter.await(0, barrier, TimeUnit.MILLISECONDS.toNanos(2)));
        }
        assertEquals(0, waiter.counted());
    }

    @Test
    void aWaitThatIsInterruptedLeavesNoWaiterCounted() throws Exception {
        ParkingWaiter waiter = new ParkingWaiter();
        SequenceBarrier barrier = RingBuffer.createSingleProducer(LongEvent.FACTORY, 8,
                new BlockingWaitStrategy()).newBarrier();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                waiter.await(0, barrier, Long.MAX_VALUE);
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "waiter");
        thread.start();
        Await.parked(thread);
        assertEquals(1, waiter.counted());
        thread.interrupt();
        Await.joined(thread);
        assertInstanceOf(InterruptedException.class, outcome.get());
        assertEquals(0, waiter.counted());
    }

    @Test
    void aSignalClearsTheCountAndAWaiterThatMustWaitAgainCountsItselfOnce() throws Exception {
        RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        ParkingWaiter waiter = new ParkingWaiter();
        SequenceBarrier barrier = ring.newBarrier();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                outcome.set(waiter.await(1, barrier, Long.MAX_VALUE));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "waiter");
        thread.start();
        Await.parked(thread);
        ring.publish(ring.tryNext()); // 0: not what it waits for
        waiter.signalAll();
        // The signal cleared the count; the woken waiter counts itself again, then waits again.
        Await.until(() -> waiter.counted() == 1, "the woken waiter to count itself again");
        Await.parked(thread);
        assertEquals(1, waiter.counted());
        ring.publish(ring.tryNext());
        waiter.signalAll();
        Await.joined(thread);
        assertEquals(1L, outcome.get());
        assertEquals(0, waiter.counted());
    }
}
