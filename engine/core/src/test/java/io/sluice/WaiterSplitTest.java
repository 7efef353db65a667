package io.sluice;

import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.AlertException;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.PhasedBackoffWaitStrategy;
import io.sluice.wait.TimeoutBlockingWaitStrategy;
import io.sluice.wait.WaitStrategy;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The blocking strategies keep consumers that wait for producers and consumers that wait for
 * other consumers apart: each signal wakes only the waiters it can concern. A wake-up shows as
 * one more park in the waiter's {@link java.lang.management.ThreadInfo#getWaitedCount()} (a woken
 * waiter that finds nothing new parks again).
 */
class WaiterSplitTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int SIGNALS = 100;

    static Stream<Named<Supplier<WaitStrategy>>> blockingStrategies() {
        return Stream.of(
                Named.of("blocking", BlockingWaitStrategy::new),
                // A timeout far beyond the test, so every wake-up counted is a signal.
                Named.of("timeout-blocking", () -> new TimeoutBlockingWaitStrategy(1, TimeUnit.HOURS)),
                Named.of("phased-blocking", () -> new PhasedBackoffWaitStrategy(
                        0, 0, TimeUnit.MICROSECONDS, new BlockingWaitStrategy())));
    }

    private static Thread blockedWaiter(SequenceBarrier barrier, long sequence, AtomicReference<Object> outcome) {
        Thread thread = new Thread(() -> {
            try {
                outcome.set(barrier.waitFor(sequence));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "waiter");
        thread.start();
        Await.until(() -> thread.getState() == Thread.State.WAITING
                || thread.getState() == Thread.State.TIMED_WAITING, "the waiter to block");
        return thread;
    }

    private static long waits(Thread thread) {
        return THREADS.getThreadInfo(thread.getId()).getWaitedCount();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockingStrategies")
    void aConsumersProgressDoesNotWakeConsumersWaitingForProducers(Supplier<WaitStrategy> strategy)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent.FACTORY, 8, strategy.get());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread sibling = blockedWaiter(ring.newBarrier(), 0, outcome);
        long before = waits(sibling);
        for (int i = 0; i < SIGNALS; i++) {
            ring.signalConsumerProgress();
        }
        Thread.sleep(20);
        assertEquals(before, waits(sibling), "the sibling consumer was woken by another consumer's progress");
        ring.publish(ring.tryNext());
        Await.joined(sibling);
        assertEquals(0L, outcome.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockingStrategies")
    void aPublishDoesNotWakeConsumersWaitingForConsumers(Supplier<WaitStrategy> strategy)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent.FACTORY, 1024, strategy.get());
        Sequence upstream = new Sequence();
        ring.addGatingSequence(upstream);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread downstream = blockedWaiter(ring.newBarrier(upstream), 0, outcome);
        long before = waits(downstream);
        for (int i = 0; i < SIGNALS; i++) {
            ring.publish(ring.tryNext());
        }
        Thread.sleep(20);
        assertEquals(before, waits(downstream), "the downstream consumer was woken by a publish");
        upstream.setRelease(SIGNALS - 1);
        ring.signalConsumerProgress();
        Await.joined(downstream);
        assertEquals((long) SIGNALS - 1, outcome.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockingStrategies")
    void anAlertWakesAConsumerWaitingForConsumers(Supplier<WaitStrategy> strategy) throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent.FACTORY, 8, strategy.get());
        Sequence upstream = new Sequence();
        SequenceBarrier barrier = ring.newBarrier(upstream);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread downstream = blockedWaiter(barrier, 0, outcome);
        barrier.alert();
        Await.joined(downstream);
        assertInstanceOf(AlertException.class, outcome.get());
    }
}
