package io.sluice.bench.channel;

import io.sluice.backpressure.BackpressurePolicy;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contender names as the benchmarks' {@code -p} lists give them. */
public class ContendersTest {
    @Test
    void aSluiceContenderWithoutAPolicyHasTheRingsDefault() throws Exception {
        assertEquals(BackpressurePolicy.defaultFor(new io.sluice.wait.BusySpinWaitStrategy()).toString(),
                policyOf("sluice-busy-spin"));
        assertEquals(BackpressurePolicy.park().toString(), policyOf("sluice-blocking"));
    }

    @Test
    void aSluiceContenderTakesThePolicyNamedAfterTheAt() throws Exception {
        assertEquals(BackpressurePolicy.spin().toString(), policyOf("sluice-yielding@spin"));
        assertEquals(BackpressurePolicy.park(100, 0, 1, 100, TimeUnit.MICROSECONDS).toString(),
                policyOf("sluice-busy-spin@spin-park"));
        assertEquals(BackpressurePolicy.block().toString(), policyOf("sluice-blocking@block"));
    }

    @Test
    void aBlockPolicyContenderDeliversThreeRingsOfValuesExactly() throws Exception {
        assertDeliversThreeRingsExactly("sluice-blocking@block");
    }

    @Test
    void aClaimObjectContenderDeliversThreeRingsOfValuesExactly() throws Exception {
        assertDeliversThreeRingsExactly("sluice-claim-busy-spin");
    }

    @Test
    void aClaimObjectContenderIsOneProducer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Contenders.create("sluice-claim-yielding", 3, Topology.ONE));
        assertEquals("sluice-claim-yielding sends through one producer handle: 3 producers", e.getMessage());
    }

    @Test
    void aSlotMarkedContenderDeliversThreeRingsOfValuesExactly() throws Exception {
        assertDeliversThreeRingsExactly("sluice-marked-busy-spin");
        assertDeliversThreeRingsExactly("sluice-claim-marked-busy-spin");
    }

    @Test
    void aSlotMarkedContenderIsOneProducer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Contenders.create("sluice-marked-yielding", 3, Topology.ONE));
        assertEquals("sluice-marked-yielding is a single-producer ring with slot markers: 3 producers", e.getMessage());
    }

    @Test
    void aQueueContenderWhoseConsumerSpinsDeliversThreeRingsOfValuesExactly() throws Exception {
        // agrona-busy-spin differs from it in the same line; Agrona needs the JVM flags JMH gives it.
        assertDeliversThreeRingsExactly("jctools-busy-spin");
    }

    @Test
    void everyRecordContenderDeliversThreeRingsOfValuesExactly() throws Exception {
        assertDeliversThreeRingsExactly("records-busy-spin");
        assertDeliversThreeRingsExactly("records64-yielding");
        assertDeliversThreeRingsExactly("records-offer-busy-spin@spin");
    }

    @Test
    void aRecordContenderOfAnotherLengthIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Contenders.create("records32-yielding", 1, Topology.ONE));
        assertTrue(e.getMessage().endsWith(": records32-yielding"), e.getMessage());
    }

    @Test
    void anOfferContenderIsOneProducer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Contenders.create("records-offer-yielding", 3, Topology.ONE));
        assertEquals("records-offer-yielding offers 8-byte records through one producer handle: 3 producers",
                e.getMessage());
    }

    private static void assertDeliversThreeRingsExactly(String contender) throws Exception {
        AtomicLong sum = new AtomicLong();
        AtomicLong count = new AtomicLong();
        int values = 3 * Contenders.CAPACITY;
        Channel channel = Contenders.create(contender, 1, Topology.ONE, v -> {
            sum.addAndGet(v);
            count.incrementAndGet();
        });
        try {
            for (long v = 0; v < values; v++) {
                channel.send(v);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (count.get() < values && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        } finally {
            channel.close();
        }
        assertEquals(values, count.get());
        assertEquals((long) values * (values - 1) / 2, sum.get());
    }

    @Test
    void anUnknownPolicyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Contenders.create("sluice-busy-spin@nap", 1, Topology.ONE));
        assertTrue(e.getMessage().contains("unknown producer policy: nap"), e.getMessage());
    }

    @Test
    void anUnknownStrategyBeforeThePolicyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Contenders.create("sluice-dozing@spin", 1, Topology.ONE));
        assertTrue(e.getMessage().contains("unknown wait strategy: dozing"), e.getMessage());
    }

    @Test
    void aYieldingStrategyNameMayGiveItsSpinTries() {
        assertEquals("YieldingWaitStrategy{spinTries=100}", Contenders.sluiceStrategy("yielding-100").toString());
        assertEquals("YieldingWaitStrategy{spinTries=0}", Contenders.sluiceStrategy("yielding").toString());
    }

    @Test
    void aSleepingStrategyNameMayGiveItsSpinTries() {
        assertEquals("SleepingWaitStrategy{spinTries=100, yieldTries=100, parkNanos=100}",
                Contenders.sluiceStrategy("sleeping-100").toString());
    }

    @Test
    void aBusySpinStrategyNameMayGiveItsInFlightPauses() {
        assertEquals("BusySpinWaitStrategy{inFlightPauses=0, idlePauses=1}", Contenders.sluiceStrategy("busy-spin-0").toString());
        assertEquals("BusySpinWaitStrategy{inFlightPauses=64, idlePauses=1}", Contenders.sluiceStrategy("busy-spin").toString());
    }

    @Test
    void aBusySpinStrategyNameMayGiveItsIdlePauses() {
        assertEquals("BusySpinWaitStrategy{inFlightPauses=64, idlePauses=32}",
                Contenders.sluiceStrategy("busy-spin-idle32").toString());
    }

    @Test
    void inFlightPausesThatAreNotAWholeNumberAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Contenders.create("sluice-busy-spin-many", 1, Topology.ONE));
        assertEquals("busy-spin-<n> needs a whole number of in-flight pauses: \"many\"", e.getMessage());
    }

    @Test
    void negativeInFlightPausesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Contenders.create("sluice-busy-spin--1", 1, Topology.ONE));
        assertEquals("inFlightPauses must be >= 0: -1", e.getMessage());
    }

    @Test
    void spinTriesThatAreNotAWholeNumberAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Contenders.create("sluice-yielding-few", 1, Topology.ONE));
        assertEquals("yielding-<n> needs a whole number of spin tries: \"few\"", e.getMessage());
    }

    @Test
    void theCapacityIs64KUnlessThePropertyGivesAPowerOfTwo() {
        assertEquals(64 * 1024, Contenders.capacity(null));
        assertEquals(16 * 1024, Contenders.capacity("16384"));
    }

    @Test
    void aCapacityThatIsNotAPowerOfTwoIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Contenders.capacity("1000"));
        assertEquals("bench.capacity must be a power of two, at least 2: 1000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Contenders.capacity("big"));
        assertEquals("bench.capacity must be a whole number: \"big\"", e.getMessage());
    }

    private static String policyOf(String contender) throws Exception {
        SluiceChannel channel = (SluiceChannel) Contenders.create(contender, 1, Topology.ONE);
        try {
            return channel.ring().backpressurePolicy().toString();
        } finally {
            channel.close();
        }
    }
}
