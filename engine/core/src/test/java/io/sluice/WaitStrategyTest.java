package io.sluice;

import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.AlertException;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.BusySpinWaitStrategy;
import io.sluice.wait.PhasedBackoffWaitStrategy;
import io.sluice.wait.SleepingWaitStrategy;
import io.sluice.wait.TimeoutBlockingWaitStrategy;
import io.sluice.wait.WaitStrategy;
import io.sluice.wait.WaitTimeoutException;
import io.sluice.wait.YieldingWaitStrategy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every strategy, in whatever phase it has reached: wakes for a publish and for upstream progress
 * (invariant 5), and ends its wait on an alert or an interrupt.
 */
class WaitStrategyTest {
    /** Long enough for every strategy to leave its spin and yield phases and park or block. */
    private static final long SETTLE_MILLIS = 30;

    /** Waits as a processor does: a timeout (of the timeout strategy) means wait again. */
    private static Thread waiter(SequenceBarrier barrier, long sequence, AtomicReference<Object> outcome) {
        Thread thread = new Thread(() -> {
            while (true) {
                try {
                    outcome.set(barrier.waitFor(sequence));
                    return;
                } catch (WaitTimeoutException e) {
                    // wait again
                } catch (Throwable t) {
                    outcome.set(t);
                    return;
                }
            }
        }, "waiter");
        thread.start();
        return thread;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.WaitStrategies#ringKindsAndStrategies")
    void aWaitingConsumerWakesWhenTheSequenceIsPublished(RingKind kind, Supplier<WaitStrategy> strategy)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = kind.configure(RingBuffer.builder(LongEvent.FACTORY))
                .capacity(8).waitStrategy(strategy.get()).build();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = waiter(ring.newBarrier(), 0, outcome);
        Thread.sleep(SETTLE_MILLIS);
        ring.publish(ring.tryNext());
        Await.joined(thread);
        assertEquals(0L, outcome.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.WaitStrategies#all")
    void aWaitingConsumerWakesWhenItsUpstreamConsumerAdvances(Supplier<WaitStrategy> strategy)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, strategy.get());
        Sequence upstream = new Sequence();
        ring.addGatingSequence(upstream);
        ring.publish(0, ring.tryNext(2));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = waiter(ring.newBarrier(upstream), 0, outcome);
        Thread.sleep(SETTLE_MILLIS);
        upstream.setRelease(1);
        ring.signalConsumerProgress(); // what a processor does after each batch
        Await.joined(thread);
        assertEquals(1L, outcome.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.WaitStrategies#all")
    void anAlertEndsTheWait(Supplier<WaitStrategy> strategy) throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, strategy.get());
        SequenceBarrier barrier = ring.newBarrier();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = waiter(barrier, 0, outcome);
        Thread.sleep(SETTLE_MILLIS);
        barrier.alert();
        Await.joined(thread);
        assertInstanceOf(AlertException.class, outcome.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.WaitStrategies#all")
    void anInterruptEndsTheWait(Supplier<WaitStrategy> strategy) throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, strategy.get());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = waiter(ring.newBarrier(), 0, outcome);
        Thread.sleep(SETTLE_MILLIS);
        thread.interrupt();
        Await.joined(thread);
        assertInstanceOf(InterruptedException.class, outcome.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.WaitStrategies#all")
    void anAlertedBarrierThrowsBeforeWaitingAndClearAlertResumes(Supplier<WaitStrategy> strategy) throws Exception {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, strategy.get());
        ring.publish(ring.tryNext());
        SequenceBarrier barrier = ring.newBarrier();
        barrier.alert();
        assertTrue(barrier.isAlerted());
        assertThrows(AlertException.class, () -> barrier.waitFor(0));
        barrier.clearAlert();
        assertEquals(0, barrier.waitFor(0));
    }

    @Test
    void theYieldingStrategyYieldsAtOnceUnlessGivenSpinTries() {
        assertEquals("YieldingWaitStrategy{spinTries=0}", new YieldingWaitStrategy().toString());
        assertEquals("YieldingWaitStrategy{spinTries=100}", new YieldingWaitStrategy(100).toString());
    }

    @Test
    void theBusySpinStrategyPausesBeforeLookingAgainAtAClaimInFlightByDefault() {
        assertEquals(BusySpinWaitStrategy.DEFAULT_IN_FLIGHT_PAUSES, new BusySpinWaitStrategy().inFlightPauses());
        assertEquals("BusySpinWaitStrategy{inFlightPauses=64, idlePauses=1}", new BusySpinWaitStrategy().toString());
        assertEquals("BusySpinWaitStrategy{inFlightPauses=0, idlePauses=1}", new BusySpinWaitStrategy(0).toString());
    }

    @Test
    void theBusySpinStrategyLooksAfterEveryPauseUnlessGivenIdlePauses() {
        assertEquals(1, new BusySpinWaitStrategy().idlePauses());
        assertEquals(64, new BusySpinWaitStrategy(0, 64).idlePauses());
    }

    @Test
    void idlePausesBelowOneAreRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BusySpinWaitStrategy(64, 0));
        assertEquals("idlePauses must be >= 1: 0", e.getMessage());
    }

    @Test
    void negativeInFlightPausesAreRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BusySpinWaitStrategy(-1));
        assertEquals("inFlightPauses must be >= 0: -1", e.getMessage());
    }

    @Test
    void aClaimInFlightIsOneClaimedAndNotPublishedOnAMultiProducerRing() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BusySpinWaitStrategy());
        SequenceBarrier barrier = ring.newBarrier();
        assertFalse(barrier.isClaimInFlight(0), "nothing claimed yet");
        long claimed = ring.tryNext();
        assertTrue(barrier.isClaimInFlight(claimed));
        assertFalse(barrier.isClaimInFlight(claimed + 1), "the next one is not claimed");
    }

    @Test
    void aSingleProducerRingHasNoClaimInFlightForItsConsumers() {
        RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent.FACTORY, 8, new BusySpinWaitStrategy());
        SequenceBarrier barrier = ring.newBarrier();
        long claimed = ring.tryNext();
        assertFalse(barrier.isClaimInFlight(claimed), "its cursor moves only on publish");
    }

    @Test
    void aBarrierOnOtherConsumersHasNoClaimInFlight() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BusySpinWaitStrategy());
        long claimed = ring.tryNext();
        SequenceBarrier downstream = ring.newBarrier(new Sequence());
        assertFalse(downstream.isClaimInFlight(claimed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.WaitStrategies#all")
    void aConsumerThatMeetsAClaimInFlightReadsItOncePublished(Supplier<WaitStrategy> strategy)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, strategy.get());
        long first = ring.tryNext();
        long second = ring.tryNext();
        ring.publish(second);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = waiter(ring.newBarrier(), 0, outcome);
        Thread.sleep(SETTLE_MILLIS);
        assertNull(outcome.get(), "the first claim is still in flight");
        ring.publish(first);
        Await.joined(thread);
        assertEquals(1L, outcome.get());
    }

    @Test
    void theSleepingStrategyDoesNotSpinByDefault() {
        assertEquals("SleepingWaitStrategy{spinTries=0, yieldTries=100, parkNanos=100}",
                new SleepingWaitStrategy().toString());
    }

    @Test
    void theTimeoutStrategyGivesUpAfterItsTimeout() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8,
                new TimeoutBlockingWaitStrategy(20, TimeUnit.MILLISECONDS));
        SequenceBarrier barrier = ring.newBarrier();
        long start = System.nanoTime();
        assertThrows(WaitTimeoutException.class, () -> barrier.waitFor(0));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMillis >= 20, "gave up after " + waitedMillis + " ms");
    }

    @Test
    void thePhasedStrategyHandsLongWaitsToItsFallback() throws InterruptedException {
        AtomicLong fallbackWaits = new AtomicLong();
        WaitStrategy countingFallback = new WaitStrategy() {
            private final BlockingWaitStrategy blocking = new BlockingWaitStrategy();

            @Override
            public long waitFor(long sequence, SequenceBarrier barrier) throws AlertException, InterruptedException {
                fallbackWaits.incrementAndGet();
                return blocking.waitFor(sequence, barrier);
            }

            @Override
            public void signalAll() {
                blocking.signalAll();
            }
        };
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8,
                new PhasedBackoffWaitStrategy(100, 100, TimeUnit.MICROSECONDS, countingFallback));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = waiter(ring.newBarrier(), 0, outcome);
        Await.parked(thread);
        ring.publish(ring.tryNext());
        Await.joined(thread);
        assertEquals(0L, outcome.get());
        assertEquals(1, fallbackWaits.get());
    }

    @Test
    void aMultiProducerConsumerWaitsForAClaimedButUnpublishedSequence() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        long first = ring.tryNext();
        long second = ring.tryNext();
        ring.publish(second); // the first is still being written
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = waiter(ring.newBarrier(), 0, outcome);
        Await.parked(thread);
        assertEquals(null, outcome.get());
        ring.publish(first);
        Await.joined(thread);
        assertEquals(1L, outcome.get(), "both are available once the gap is filled");
    }
}
