package io.sluice;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.metrics.ProducerClassSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.RateLimiter;
import io.sluice.metrics.ProducerCounter;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Producer classes: each class keeps its reserve, borrows what others leave unused, and a claim
 * that would take another class's unused reserve goes to its handle's policy. A consumer is a
 * {@link Sequence} moved by hand, so every occupancy here is exact.
 */
class ProducerClassTest {
    private static final ProducerClass ORDERS = ProducerClass.of("orders", 0.25);
    private static final ProducerClass BULK = ProducerClass.of("bulk", 0);

    private final Sequence consumer = new Sequence();

    private RingBuffer<LongEvent> ring(RingKind kind, int capacity, ProducerClass... classes) {
        RingBuffer<LongEvent> ring = kind.configure(RingBuffer.builder(LongEvent.FACTORY))
                .capacity(capacity).producerClasses(classes).build();
        ring.addGatingSequence(consumer);
        return ring;
    }

    /** Claims and commits one slot at a time until the handle is refused; returns how many it got. */
    private static int claimUntilRefused(Producer<LongEvent> producer) {
        return claimUntilRefusedAtMost(producer, Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aClassWithinItsReserveClaimsAfterAnotherClassFilledEverythingElse(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, BULK);
        Producer<LongEvent> bulk = ring.newProducer("bulk", BULK);
        Producer<LongEvent> orders = ring.newProducer("orders", ORDERS);

        assertEquals(12, claimUntilRefused(bulk), "bulk gets all but the orders' reserve of 4");
        assertEquals(4, claimUntilRefused(orders), "orders get their whole reserve");
        assertEquals(0, ring.remainingCapacity());
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aClassBorrowsTheWholeRingWhenNoOtherClassKeepsAReserve(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, BULK);
        Producer<LongEvent> orders = ring.newProducer("orders", ORDERS);

        assertEquals(16, claimUntilRefused(orders));
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aClassNeverTakesTheUnusedReserveOfAnother(RingKind kind) {
        ProducerClass alerts = ProducerClass.of("alerts", 0.5);
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, alerts);
        Producer<LongEvent> orders = ring.newProducer("orders", ORDERS);

        assertEquals(8, claimUntilRefused(orders), "the common 4 and its own 4; the alerts' 8 stay free");
        Producer<LongEvent> alertsHandle = ring.newProducer("alerts", alerts);
        assertEquals(8, claimUntilRefused(alertsHandle));
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aClassOverItsReserveGetsRoomBackOnlyAsConsumersPassItsOwnSlotsOrTheCommonRoom(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, BULK);
        Producer<LongEvent> bulk = ring.newProducer("bulk", BULK);
        Producer<LongEvent> orders = ring.newProducer("orders", ORDERS);
        claimUntilRefused(bulk); // sequences 0..11

        consumer.setRelease(3); // 4 bulk slots consumed: common room again
        assertEquals(4, claimUntilRefused(bulk), "bulk gets the freed common room, not the orders' reserve");
        assertEquals(4, claimUntilRefused(orders));
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aClassPastItsReserveLeavesNothingToKeepFreeForIt(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, BULK);
        Producer<LongEvent> orders = ring.newProducer("orders", ORDERS);
        Producer<LongEvent> bulk = ring.newProducer("bulk", BULK);
        assertEquals(10, claimUntilRefusedAtMost(orders, 10));

        assertEquals(6, claimUntilRefused(bulk), "orders hold 10, above their reserve: bulk may use the rest");
    }

    private static int claimUntilRefusedAtMost(Producer<LongEvent> producer, int most) {
        int claimed = 0;
        Claim<LongEvent> claim;
        while (claimed < most && (claim = producer.tryClaim()).isClaimed()) {
            claim.commit();
            claimed++;
        }
        return claimed;
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aClaimOfSeveralWithinTheReserveIsAdmittedWhole(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, BULK);
        Producer<LongEvent> bulk = ring.newProducer("bulk", BULK);
        Producer<LongEvent> orders = ring.newProducer("orders", ORDERS);
        claimUntilRefused(bulk);

        assertFalse(orders.tryClaim(5).isClaimed(), "5 is more than the reserve of 4");
        Claim<LongEvent> four = orders.tryClaim(4);
        assertTrue(four.isClaimed());
        four.commit();
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void theRingsOwnClaimsOnlyBorrow(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, BULK);
        int claimed = 0;
        long sequence;
        while ((sequence = ring.tryNext()) >= 0) {
            ring.publish(sequence);
            claimed++;
        }
        assertEquals(12, claimed);
        Producer<LongEvent> unclassed = ring.newProducer("plain");
        assertEquals(0, claimUntilRefused(unclassed), "a handle without a class only borrows too");
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aClaimHeldBackByAnotherClassesReserveIsCountedAsOverShare(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, BULK);
        Producer<LongEvent> bulk = ring.newProducer("bulk", BULK);
        claimUntilRefused(bulk);

        assertEquals(1, bulk.snapshot(new ProducerSnapshot()).overShare());
        assertEquals(1, bulk.snapshot(new ProducerSnapshot()).rejections());
        assertEquals(1, ring.snapshot(new RingSnapshot()).overShare());
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aClaimOnAFullRingIsNotCountedAsOverShare(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, BULK);
        Producer<LongEvent> orders = ring.newProducer("orders", ORDERS);
        claimUntilRefused(orders);

        ProducerSnapshot snapshot = orders.snapshot(new ProducerSnapshot());
        assertEquals(0, snapshot.overShare());
        assertEquals(1, snapshot.rejections());
    }

    @Test
    void aWaitingClaimHeldBackByAReserveWaitsUntilConsumersFreeRoom() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(16)
                .producerClasses(ORDERS, BULK).build();
        ring.addGatingSequence(consumer);
        Producer<LongEvent> bulk = ring.newProducer("bulk", BackpressurePolicy.park(), BULK);
        for (int i = 0; i < 12; i++) {
            ring.publish(bulk.next());
        }
        AtomicLong claimed = new AtomicLong(Long.MIN_VALUE);
        Thread waiter = new Thread(() -> {
            try {
                claimed.set(bulk.next());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bulk-waiter");
        waiter.start();
        Await.until(() -> bulk.snapshot(new ProducerSnapshot()).overShare() == 1, "the claim to be held back");

        consumer.setRelease(0);
        Await.joined(waiter);
        assertEquals(12, claimed.get());
    }

    @Test
    void aTimedClaimHeldBackByAReserveTimesOut() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring(RingKind.MULTI, 16, ORDERS, BULK);
        Producer<LongEvent> bulk = ring.newProducer("bulk", BackpressurePolicy.park(), BULK);
        claimUntilRefused(bulk);

        assertEquals(RingBuffer.TIMED_OUT, bulk.next(1, 1, TimeUnit.MILLISECONDS));
        assertEquals(1, bulk.snapshot(new ProducerSnapshot()).timeouts());
    }

    @Test
    void aSheddingClassOverItsShareDropsWhileTheReserveStaysFree() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring(RingKind.MULTI, 16, ORDERS, BULK);
        Producer<LongEvent> bulk = ring.newProducer("bulk", BackpressurePolicy.shed(), BULK);
        int published = 0;
        for (int i = 0; i < 20; i++) {
            if (bulk.publishEvent((event, sequence) -> event.value = sequence)) {
                published++;
            }
        }
        assertEquals(12, published);
        assertEquals(8, bulk.snapshot(new ProducerSnapshot()).drops());
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void severalHandlesOfAClassShareItsReserve(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, BULK);
        Producer<LongEvent> bulk = ring.newProducer("bulk", BULK);
        Producer<LongEvent> first = ring.newProducer("orders-1", ORDERS);
        Producer<LongEvent> second = ring.newProducer("orders-2", ORDERS);
        claimUntilRefused(bulk);

        assertEquals(3, claimUntilRefusedAtMost(first, 3));
        assertEquals(1, claimUntilRefused(second));
        assertEquals(0, claimUntilRefused(first));
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aClosedHandlesClaimsKeepCountingForItsClassUntilConsumed(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, BULK);
        Producer<LongEvent> orders = ring.newProducer("orders", ORDERS);
        claimUntilRefusedAtMost(orders, 4);
        orders.close();
        Producer<LongEvent> bulk = ring.newProducer("bulk", BULK);

        assertEquals(12, claimUntilRefused(bulk), "the closed handle's 4 fill the orders' reserve: bulk may use the rest");
        ProducerClassSnapshot snapshot = ring.snapshot(ORDERS, new ProducerClassSnapshot());
        assertEquals(4, snapshot.inFlight());
        assertEquals(0, snapshot.get(io.sluice.metrics.ClassFigure.PRODUCERS));
        consumer.setRelease(3);
        assertEquals(0, ring.snapshot(ORDERS, new ProducerClassSnapshot()).inFlight());
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void anAbortedClaimCountsUntilConsumersPassIt(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, BULK);
        Producer<LongEvent> orders = ring.newProducer("orders", ORDERS);
        orders.tryClaim(2).abort();
        long expected = kind.producerType() == ProducerType.SINGLE ? 0 : 2; // a single producer takes its latest claim back
        assertEquals(expected, ring.snapshot(ORDERS, new ProducerClassSnapshot()).inFlight());

        Producer<LongEvent> bulk = ring.newProducer("bulk", BULK);
        assertEquals(12, claimUntilRefused(bulk));
        assertEquals(4 - expected, ring.remainingCapacity(), "the orders' reserve less what their aborted claim still holds");
    }

    @ParameterizedTest
    @EnumSource(RingKind.class)
    void aClassSnapshotShowsItsReserveItsSlotsInFlightAndItsHandlesCounters(RingKind kind) {
        RingBuffer<LongEvent> ring = ring(kind, 16, ORDERS, BULK);
        Producer<LongEvent> orders = ring.newProducer("orders", ORDERS);
        claimUntilRefusedAtMost(orders, 3);
        consumer.setRelease(0);

        ProducerClassSnapshot snapshot = ring.snapshot(ORDERS, new ProducerClassSnapshot());
        assertEquals("orders", snapshot.name());
        assertEquals(4, snapshot.reservedSlots());
        assertEquals(2, snapshot.inFlight());
        assertEquals(3, snapshot.claims());
        assertEquals(1, snapshot.get(io.sluice.metrics.ClassFigure.PRODUCERS));
        assertTrue(snapshot.toString().contains("reserved=4"), snapshot.toString());
        assertEquals(0, ring.snapshot(BULK, new ProducerClassSnapshot()).claims());
        assertEquals(3, ring.snapshot(new RingSnapshot()).get(ProducerCounter.CLAIMS));
    }

    @Test
    void sharesSummingToMoreThanTheWholeRingAreRefusedNamingTheSum() {
        RingBufferBuilder<LongEvent> builder = RingBuffer.builder(LongEvent.FACTORY)
                .producerClasses(ProducerClass.of("a", 0.6), ProducerClass.of("b", 0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains("sum to 1.1"), e.getMessage());
    }

    @Test
    void twoClassesOfOneNameAreRefused() {
        RingBufferBuilder<LongEvent> builder = RingBuffer.builder(LongEvent.FACTORY)
                .producerClasses(ProducerClass.of("a", 0.1), ProducerClass.of("a", 0.2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains("producer class a is given twice"), e.getMessage());
    }

    @Test
    void aShareOutsideZeroToOneIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProducerClass.of("a", 1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProducerClass.of("a", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ProducerClass.of(" ", 0.1));
    }

    @Test
    void aHandleOfAClassTheRingDoesNotHaveIsRefused() {
        RingBuffer<LongEvent> ring = ring(RingKind.MULTI, 16, ORDERS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ring.newProducer("x", ProducerClass.of("alerts", 0.25)));
        assertTrue(e.getMessage().contains("is not a producer class of ring"), e.getMessage());
        RingBuffer<LongEvent> plain = RingBuffer.builder(LongEvent.FACTORY).build();
        assertThrows(IllegalArgumentException.class, () -> plain.newProducer("x", ORDERS));
        assertThrows(IllegalArgumentException.class, () -> plain.snapshot(ORDERS, new ProducerClassSnapshot()));
    }

    @Test
    void aRingListsItsClassesInOrder() {
        assertEquals(java.util.List.of(ORDERS, BULK), ring(RingKind.MULTI, 16, ORDERS, BULK).producerClasses());
        assertEquals(java.util.List.of(), RingBuffer.builder(LongEvent.FACTORY).build().producerClasses());
    }

    /**
     * On a clock the test moves, a millisecond a tick: "debug" claims 16 events a tick and
     * "alerts" one, both shedding on a 5 ms delay over 100 ms, while the consumer stalls.
     * {@return the alerts dropped in ticks 1 to 150} (debug starts dropping at tick 106)
     */
    private static long alertsDroppedWhileTheConsumerStalls(double alertsShare) throws InterruptedException {
        FakeClock clock = new FakeClock();
        ProducerClass alerts = ProducerClass.of("alerts", alertsShare);
        ProducerClass debug = ProducerClass.of("debug", 0);
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8192).producerClasses(alerts, debug).build();
        ring.addGatingSequence(new Sequence());
        BackpressurePolicy shedOnDelay = BackpressurePolicy.shedOnDelay(
                java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(100), clock);
        Producer<LongEvent> alertsHandle = ring.newProducer("alerts", shedOnDelay, alerts);
        Producer<LongEvent> debugHandle = ring.newProducer("debug", shedOnDelay, debug);
        for (int tick = 1; tick <= 150; tick++) {
            clock.advance(1, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 16; i++) {
                debugHandle.publishEvent((event, sequence) -> event.value = sequence);
            }
            alertsHandle.publishEvent((event, sequence) -> event.value = sequence);
        }
        assertEquals(16 * 45, debugHandle.snapshot(new ProducerSnapshot()).drops(), "debug drops every claim from tick 106");
        return alertsHandle.snapshot(new ProducerSnapshot()).drops();
    }

    @Test
    void aClassWithinItsReserveIsNotShedBecauseOthersMadeTheWaitLong() throws InterruptedException {
        assertEquals(0, alertsDroppedWhileTheConsumerStalls(0.5), "150 alerts in flight, within a reserve of 4096");
    }

    @Test
    void aClassPastItsReserveIsShedOnDelayAsAnyOther() throws InterruptedException {
        // A reserve of 64 slots: from tick 106, when shedding starts, the alerts hold more, and
        // shed exactly as alerts without a reserve do.
        long withoutReserve = alertsDroppedWhileTheConsumerStalls(0);
        assertTrue(withoutReserve > 0, "alerts without a reserve shed");
        assertEquals(withoutReserve, alertsDroppedWhileTheConsumerStalls(64.0 / 8192));
    }

    @Test
    void aClassWithinItsShareOfTheRingsRateIsNeverRefusedPermitsWhileAnotherClassFloods() {
        FakeClock clock = new FakeClock();
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(1024).producerClasses(ORDERS, BULK)
                .backpressure(BackpressurePolicy.park().withRateLimit(new RateLimiter(1000, 100, clock))).build();
        ring.addGatingSequence(consumer);
        Producer<LongEvent> bulk = ring.newProducer("bulk", BULK);
        Producer<LongEvent> orders = ring.newProducer("orders", ORDERS);
        int ordersRefused = 0;
        long bulkClaimed = 0;
        for (int millisecond = 1; millisecond <= 1_000; millisecond++) {
            clock.advance(1, TimeUnit.MILLISECONDS);
            bulkClaimed += claimUntilRefused(bulk);
            if (millisecond % 4 == 0 && claimUntilRefusedAtMost(orders, 1) == 0) { // 250 a second: a quarter of the rate
                ordersRefused++;
            }
            consumer.setRelease(ring.cursor());
        }
        assertEquals(0, ordersRefused);
        assertTrue(Math.abs(bulkClaimed - (75 + 750)) <= 1, "bulk gets the rest of the rate: " + bulkClaimed);
    }
}
