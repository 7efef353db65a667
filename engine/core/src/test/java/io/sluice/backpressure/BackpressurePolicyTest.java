package io.sluice.backpressure;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.Policies;
import io.sluice.Producer;
import io.sluice.ProducerThreads;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;

import io.sluice.consumer.EventHandler;
import io.sluice.testkit.Await;
import io.sluice.testkit.ConsumerThread;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BusySpinWaitStrategy;
import io.sluice.wait.YieldingWaitStrategy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each policy does when a consumer holds the ring full. */
class BackpressurePolicyTest {
    /**
     * The tolerance on deadlines: a timed claim must return no earlier than its deadline and no
     * later than this after it. Generous because CI has 2 cores shared with other threads; it
     * bounds scheduling noise, it is not a latency claim.
     */
    private static final long DEADLINE_TOLERANCE_MILLIS = 500;

    /** Holds the first event until released, then checks every event arrives once, in order. */
    static final class LatchedConsumer implements EventHandler<LongEvent> {
        final CountDownLatch release = new CountDownLatch(1);
        long expected;
        volatile long count;
        volatile String firstError;

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) throws InterruptedException {
            release.await();
            if (firstError == null && (event.value != expected || sequence != expected)) {
                firstError = "expected " + expected + ", got sequence " + sequence + " holding " + event.value;
            }
            expected++;
            count++;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.Policies#producerTypesAndWaitingPolicies")
    void aStalledProducerResumesWhenTheConsumerIsReleasedAndLosesNothing(
            ProducerType type, Supplier<BackpressurePolicy> policy) throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(type, 8, policy.get());
        LatchedConsumer consumer = new LatchedConsumer();
        ConsumerThread<LongEvent> consumerThread = ConsumerThread.start(ring, consumer);
        Producer<LongEvent> producer = ring.newProducer("p");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producing = new Thread(() -> {
            try {
                for (long i = 0; i < 100; i++) {
                    long sequence = producer.next();
                    ring.get(sequence).value = i;
                    producer.publish(sequence);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "producer");
        producing.start();

        ProducerSnapshot snapshot = new ProducerSnapshot();
        Await.until(() -> producer.snapshot(snapshot).claims() == 8, "the producer to fill the ring");
        Thread.sleep(20); // it is now stalled on the ninth claim
        assertEquals(8, producer.snapshot(snapshot).claims());
        consumer.release.countDown();
        Await.joined(producing);
        consumerThread.awaitSequence(99);
        consumerThread.stop();

        assertNull(failure.get());
        assertNull(consumer.firstError);
        assertEquals(100, consumer.count);
        producer.snapshot(snapshot);
        assertEquals(100, snapshot.claims());
        assertTrue(snapshot.stalls() >= 1, snapshot.toString());
        // The stall began after the observer saw claim 8, perhaps a few ms later on a busy machine,
        // and lasted until the release 20 ms after that observation: well over 5 ms either way.
        assertTrue(snapshot.maxStallNanos() >= TimeUnit.MILLISECONDS.toNanos(5), snapshot.toString());
        assertEquals(0, snapshot.timeouts() + snapshot.drops());
    }

    /**
     * Three producers blocked on a one-slot ring, freed one slot at a time: each free wakes all
     * three, one claims, and the two that lost must count themselves as waiters again, or the
     * next free would find nobody to wake.
     */
    @Test
    void blockedProducersFreedOneSlotAtATimeMissNoWakeUp() throws InterruptedException {
        int perProducer = 2_000;
        RingBuffer<LongEvent> ring = Policies.ring(ProducerType.MULTI, 1, BackpressurePolicy.block());
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] producers = new Thread[3];
        for (int p = 0; p < producers.length; p++) {
            producers[p] = new Thread(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        ring.publish(ring.next());
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "producer-" + p);
            producers[p].start();
        }
        SequenceBarrier published = ring.newBarrier();
        long last = (long) producers.length * perProducer - 1;
        for (long s = 0; s <= last; s++) {
            long sequence = s;
            Await.until(() -> published.highestAvailable(sequence) >= sequence, "sequence " + sequence);
            consumer.setRelease(sequence);
            ring.signalConsumerProgress();
        }
        for (Thread producer : producers) {
            Await.joined(producer);
        }
        assertNull(failure.get());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.Policies#producerTypesAndWaitingPolicies")
    void aTimedClaimGivesUpAtItsDeadlineAndLeavesTheRingUsable(
            ProducerType type, Supplier<BackpressurePolicy> policy) throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(type, 4, policy.get().withTimeout(50, TimeUnit.MILLISECONDS));
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        Producer<LongEvent> producer = ring.newProducer("p");
        for (int i = 0; i < 4; i++) {
            producer.publish(producer.next());
        }

        long start = System.nanoTime();
        long result = producer.next();
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(RingBuffer.TIMED_OUT, result);
        assertTrue(waitedMillis >= 50 && waitedMillis <= 50 + DEADLINE_TOLERANCE_MILLIS, "waited " + waitedMillis + " ms");
        assertEquals(3, ring.cursor(), "nothing claimed");
        ProducerSnapshot snapshot = producer.snapshot(new ProducerSnapshot());
        assertEquals(1, snapshot.timeouts());
        assertEquals(1, snapshot.stalls());

        consumer.setRelease(1);
        ring.signalConsumerProgress();
        assertEquals(4, producer.next(), "the ring is usable after a timeout");
    }

    @Test
    void aPerCallTimeoutBoundsAClaimWhosePolicyHasNone() throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(ProducerType.MULTI, 2, BackpressurePolicy.park());
        ring.addGatingSequence(new Sequence());
        ring.publish(0, ring.tryNext(2));
        long start = System.nanoTime();
        assertEquals(RingBuffer.TIMED_OUT, ring.next(1, 30, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(30));
        assertEquals(1, ring.snapshot(new RingSnapshot()).timeouts());
    }

    @Test
    void manyMultiProducerClaimsTimingOutAtOnceLeaveNoGap() throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(ProducerType.MULTI, 8,
                BackpressurePolicy.park().withTimeout(20, TimeUnit.MILLISECONDS));
        LatchedConsumer consumer = new LatchedConsumer();
        ConsumerThread<LongEvent> consumerThread = ConsumerThread.start(ring, consumer);
        AtomicLong published = new AtomicLong();
        AtomicLong timedOut = new AtomicLong();
        // Four producers race to fill the ring; most of their claims time out while the consumer is held.
        ProducerThreads.start(4, id -> {
            try (Producer<LongEvent> producer = ring.newProducer("p" + id)) {
                for (int i = 0; i < 10; i++) {
                    long sequence = producer.next();
                    if (sequence == RingBuffer.TIMED_OUT) {
                        timedOut.incrementAndGet();
                    } else {
                        ring.get(sequence).value = sequence;
                        producer.publish(sequence);
                        published.incrementAndGet();
                    }
                }
            }
        }).join();
        assertEquals(40, published.get() + timedOut.get());
        assertTrue(timedOut.get() >= 30, "timed out " + timedOut.get());

        consumer.release.countDown();
        for (long i = 0; i < 20; i++) { // the ring goes on after the timeouts
            long sequence = ring.next();
            ring.get(sequence).value = sequence;
            ring.publish(sequence);
        }
        long last = published.get() + 20 - 1;
        assertEquals(last, ring.cursor(), "timed-out claims took no sequences");
        consumerThread.awaitSequence(last);
        consumerThread.stop();
        assertNull(consumer.firstError, "no gap: every sequence up to the cursor was published");
        assertEquals(timedOut.get(), ring.snapshot(new RingSnapshot()).timeouts());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.Policies#producerTypesAndWaitingPolicies")
    void anInterruptReleasesAStalledClaim(ProducerType type, Supplier<BackpressurePolicy> policy)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(type, 2, policy.get());
        ring.addGatingSequence(new Sequence());
        ring.publish(0, ring.tryNext(2));
        Producer<LongEvent> producer = ring.newProducer("p");
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread stalled = new Thread(() -> {
            try {
                outcome.set(producer.next());
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "stalled");
        stalled.start();
        Await.until(() -> stalled.getState() != Thread.State.NEW, "producer to start");
        Thread.sleep(20);
        stalled.interrupt();
        Await.joined(stalled);

        assertInstanceOf(InterruptedException.class, outcome.get());
        assertEquals(1, ring.cursor(), "nothing claimed");
        assertEquals(1, producer.snapshot(new ProducerSnapshot()).stalls());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void sheddingDropsWhatFindsNoCapacityWithoutWaiting(ProducerType type) throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(type, 4, BackpressurePolicy.shed());
        ring.addGatingSequence(new Sequence());
        Producer<LongEvent> producer = ring.newProducer("p");
        for (int i = 0; i < 4; i++) {
            assertTrue(producer.publishEvent((event, sequence) -> event.value = sequence));
        }
        assertEquals(RingBuffer.DROPPED, producer.next());
        assertFalse(producer.publishEvent((event, sequence) -> event.value = sequence));
        assertEquals(RingBuffer.DROPPED, producer.next(3));
        ProducerSnapshot snapshot = producer.snapshot(new ProducerSnapshot());
        assertEquals(1 + 1 + 3, snapshot.drops(), "drops count events (sequences), not calls");
        assertEquals(0, snapshot.stalls());
        assertEquals(3, ring.cursor());
    }

    @Test
    void dropAccountingIsExactUnderConcurrentProducers() throws InterruptedException {
        int producers = 4;
        int attemptsEach = 100_000;
        RingBuffer<LongEvent> ring = Policies.ring(ProducerType.MULTI, 64, BackpressurePolicy.shed());
        AtomicLong consumed = new AtomicLong();
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, (event, sequence, endOfBatch) -> {
            consumed.incrementAndGet();
            if (sequence % 32 == 0) {
                Thread.yield();
            }
        });
        AtomicLong published = new AtomicLong();
        long[] droppedByProducer = new long[producers];
        ProducerThreads.start(producers, id -> {
            try (Producer<LongEvent> producer = ring.newProducer("shedder-" + id)) {
                for (int i = 0; i < attemptsEach; i++) {
                    if (producer.publishEvent((event, sequence) -> event.value = sequence)) {
                        published.incrementAndGet();
                    }
                }
                droppedByProducer[id] = producer.snapshot(new ProducerSnapshot()).drops();
            }
        }).join();
        consumer.awaitSequence(ring.cursor());
        consumer.stop();

        long dropped = 0;
        for (long d : droppedByProducer) {
            dropped += d;
        }
        RingSnapshot ringSnapshot = ring.snapshot(new RingSnapshot());
        assertTrue(dropped > 0, "nothing was shed; the test proved nothing");
        assertEquals((long) producers * attemptsEach, published.get() + dropped, "attempted = published + dropped");
        assertEquals(dropped, ringSnapshot.drops(), "closed producers' drops stay in the ring's total");
        assertEquals(published.get(), consumed.get());
        assertEquals(published.get(), ringSnapshot.claims());
    }

    @Test
    void aRingWhoseConsumersBusySpinParksWithoutYieldingByDefault() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).waitStrategy(new BusySpinWaitStrategy()).build();
        assertEquals(BackpressurePolicy.park(100, 0, 1, 100, TimeUnit.MICROSECONDS).toString(),
                ring.backpressurePolicy().toString());
    }

    @Test
    void anyOtherRingParksAfterYieldingByDefault() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).waitStrategy(new YieldingWaitStrategy()).build();
        assertEquals(BackpressurePolicy.park().toString(), ring.backpressurePolicy().toString());
    }

    @Test
    void aPolicyGivenToTheBuilderWinsOverTheDefault() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).backpressure(BackpressurePolicy.park())
                .waitStrategy(new BusySpinWaitStrategy()).build();
        assertEquals(BackpressurePolicy.park().toString(), ring.backpressurePolicy().toString());
    }
}
