package io.sluice;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.metrics.ProducerClassSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.testkit.ConsumerThread;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariant 10 on the slow paths: stalling, timing out and dropping allocate nothing on the
 * producer's thread, for every policy. Same method as {@link AllocationTest}: the thread's
 * allocated bytes over three windows of the same work, the steadiest within 1 KiB. No JFR
 * recording runs here; with one that enables stall events, each stall is an event object.
 */
class BackpressureAllocationTest {
    private static final EventTranslator<LongEvent> STAMP = (event, sequence) -> event.value = sequence;

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
        AllocationWindows.Work produce = () -> {
            for (int i = 0; i < 50_000; i++) {
                producer.publishEvent(STAMP);
            }
        };
        produce.run();
        long stallsBefore = producer.snapshot(new ProducerSnapshot()).stalls();
        long[] windows = AllocationWindows.measure(produce);
        long stalls = producer.snapshot(new ProducerSnapshot()).stalls() - stallsBefore;
        consumer.awaitSequence(ring.cursor());
        consumer.stop();

        assertTrue(stalls > 300, "only " + stalls + " stalls: the slow path was hardly exercised");
        AllocationWindows.assertSteadyStateAllocatesNothing("a stalling producer", windows);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.Policies#producerTypesAndWaitingPolicies")
    void timingOutAllocatesNothing(ProducerType type, Supplier<BackpressurePolicy> policy) throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(type, 2, policy.get().withTimeout(1, TimeUnit.MICROSECONDS));
        ring.addGatingSequence(new Sequence()); // a consumer that never moves
        ring.publish(0, ring.tryNext(2));
        Producer<LongEvent> producer = ring.newProducer("p");
        // A blocked wait has millisecond resolution on JDK 17, so blocking gets fewer rounds.
        int rounds = policy.get().blocks() ? 150 : 5_000;
        AllocationWindows.Work timeOut = () -> {
            for (int i = 0; i < rounds; i++) {
                producer.next();
            }
        };
        timeOut.run();
        long[] windows = AllocationWindows.measure(timeOut);

        assertEquals((1L + AllocationWindows.WINDOWS) * rounds, producer.snapshot(new ProducerSnapshot()).timeouts());
        AllocationWindows.assertSteadyStateAllocatesNothing("a timing-out producer", windows);
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void droppingAllocatesNothing(ProducerType type) throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(type, 2, BackpressurePolicy.shed());
        ring.addGatingSequence(new Sequence());
        ring.publish(0, ring.tryNext(2));
        Producer<LongEvent> producer = ring.newProducer("p");
        AllocationWindows.Work drop = () -> {
            for (int i = 0; i < 500_000; i++) {
                producer.publishEvent(STAMP);
                ring.publishEvent(STAMP); // the ring's shared producer, atomic counters
            }
        };
        drop.run();
        long[] windows = AllocationWindows.measure(drop);

        assertEquals((1L + AllocationWindows.WINDOWS) * 500_000, producer.snapshot(new ProducerSnapshot()).drops());
        AllocationWindows.assertSteadyStateAllocatesNothing("a dropping producer", windows);
    }

    @Test
    void snapshotsAllocateNothing() throws InterruptedException {
        RingBuffer<LongEvent> ring = Policies.ring(ProducerType.MULTI, 8, BackpressurePolicy.park());
        ring.addGatingSequence(new Sequence());
        Producer<LongEvent> producer = ring.newProducer("p");
        producer.publish(producer.tryNext());
        RingSnapshot ringSnapshot = new RingSnapshot();
        ProducerSnapshot producerSnapshot = new ProducerSnapshot();
        AllocationWindows.Work read = () -> {
            for (int i = 0; i < 100_000; i++) {
                ring.snapshot(ringSnapshot);
                producer.snapshot(producerSnapshot);
            }
        };
        read.run();
        AllocationWindows.assertSteadyStateAllocatesNothing("snapshots", AllocationWindows.measure(read));
        assertEquals(1, ringSnapshot.claims());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void claimsOfProducerClassesAndTheirSnapshotsAllocateNothing(ProducerType type) throws InterruptedException {
        ProducerClass orders = ProducerClass.of("orders", 0.25);
        ProducerClass bulk = ProducerClass.of("bulk", 0);
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(64).producerType(type)
                .producerClasses(orders, bulk).build();
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        Producer<LongEvent> ordersHandle = ring.newProducer("orders", orders);
        Producer<LongEvent> bulkHandle = ring.newProducer("bulk", BackpressurePolicy.shed(), bulk);
        ProducerClassSnapshot snapshot = new ProducerClassSnapshot();
        AllocationWindows.Work claim = () -> {
            for (int i = 0; i < 20_000; i++) {
                // Bulk fills the common room and is held back; orders claim within their reserve.
                while (bulkHandle.publishEvent(STAMP)) {
                    Thread.onSpinWait();
                }
                Claim<LongEvent> order = ordersHandle.tryClaim();
                order.get().value = i;
                order.commit();
                consumer.setRelease(ring.cursor()); // the consumer passes everything
                ring.snapshot(orders, snapshot);
            }
        };
        claim.run();
        long[] windows = AllocationWindows.measure(claim);

        assertTrue(bulkHandle.snapshot(new ProducerSnapshot()).overShare() > 0);
        AllocationWindows.assertSteadyStateAllocatesNothing("producer classes", windows);
    }
}
