package io.sluice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariant 10 on the slow paths: stalling, timing out and dropping allocate nothing on the
 * producer's thread, for every policy (same method and tolerance as {@link AllocationTest}: the
 * thread's allocated-bytes counter, 1 KiB for one-off runtime work). No JFR recording runs here;
 * with one, each stall event is an object.
 */
class BackpressureAllocationTest {
    private static final long TOLERANCE_BYTES = 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final EventTranslator<LongEvent> STAMP = (event, sequence) -> event.value = sequence;

    private static long allocatedBy(Action action) throws InterruptedException {
        THREADS.getCurrentThreadAllocatedBytes();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        action.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    interface Action {
        void run() throws InterruptedException;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.Policies#producerTypesAndWaitingPolicies")
    void stallingAllocatesNothing(ProducerType type, Supplier<BackpressurePolicy> policy) throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(type, 16, policy.get());
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, (event, sequence, endOfBatch) -> {
            if (sequence % 16 == 0) {
                LockSupport.parkNanos(20_000); // a consumer that keeps falling behind
            }
        });
        Producer<LongEvent> producer = ring.newProducer("p");
        Action produce = () -> {
            for (int i = 0; i < 50_000; i++) {
                producer.publishEvent(STAMP);
            }
        };
        produce.run();
        long stallsBefore = producer.snapshot(new ProducerSnapshot()).stalls();
        long bytes = allocatedBy(produce);
        long stalls = producer.snapshot(new ProducerSnapshot()).stalls() - stallsBefore;
        consumer.awaitSequence(ring.cursor());
        consumer.stop();

        assertTrue(stalls > 100, "only " + stalls + " stalls: the slow path was hardly exercised");
        assertTrue(bytes <= TOLERANCE_BYTES, "allocated " + bytes + " bytes over " + stalls + " stalls");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.Policies#producerTypesAndWaitingPolicies")
    void timingOutAllocatesNothing(ProducerType type, Supplier<BackpressurePolicy> policy) throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(type, 2, policy.get().withTimeout(1, TimeUnit.MICROSECONDS));
        ring.addGatingSequence(new Sequence()); // a consumer that never moves
        ring.publish(0, ring.tryNext(2));
        Producer<LongEvent> producer = ring.newProducer("p");
        // A blocked wait has millisecond resolution on JDK 17, so blocking gets fewer rounds.
        int rounds = policy.get().blocks() ? 300 : 5_000;
        Action timeOut = () -> {
            for (int i = 0; i < rounds; i++) {
                producer.next();
            }
        };
        timeOut.run();
        long bytes = allocatedBy(timeOut);

        assertEquals(2L * rounds, producer.snapshot(new ProducerSnapshot()).timeouts());
        assertTrue(bytes <= TOLERANCE_BYTES, "allocated " + bytes + " bytes over " + rounds + " timeouts");
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void droppingAllocatesNothing(ProducerType type) throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(type, 2, BackpressurePolicy.shed());
        ring.addGatingSequence(new Sequence());
        ring.publish(0, ring.tryNext(2));
        Producer<LongEvent> producer = ring.newProducer("p");
        Action drop = () -> {
            for (int i = 0; i < 500_000; i++) {
                producer.publishEvent(STAMP);
                ring.publishEvent(STAMP); // the ring's shared producer, atomic counters
            }
        };
        drop.run();
        long bytes = allocatedBy(drop);

        assertEquals(2 * 500_000L, producer.snapshot(new ProducerSnapshot()).drops());
        assertTrue(bytes <= TOLERANCE_BYTES, "allocated " + bytes + " bytes over 1M drops");
    }

    @Test
    void snapshotsAllocateNothing() throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(ProducerType.MULTI, 8, BackpressurePolicy.park());
        ring.addGatingSequence(new Sequence());
        Producer<LongEvent> producer = ring.newProducer("p");
        producer.publish(producer.tryNext());
        RingSnapshot ringSnapshot = new RingSnapshot();
        ProducerSnapshot producerSnapshot = new ProducerSnapshot();
        Action read = () -> {
            for (int i = 0; i < 100_000; i++) {
                ring.snapshot(ringSnapshot);
                producer.snapshot(producerSnapshot);
            }
        };
        read.run();
        long bytes = allocatedBy(read);
        assertTrue(bytes <= TOLERANCE_BYTES, "allocated " + bytes + " bytes over 100k snapshots");
        assertEquals(1, ringSnapshot.claims());
    }
}
