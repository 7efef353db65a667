package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.RateLimiter;
import io.sluice.consumer.EventHandler;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.Stage;
import io.sluice.pipeline.StopResult;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;
import io.sluice.testkit.VirtualThreads;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.PhasedBackoffWaitStrategy;
import io.sluice.wait.SleepingWaitStrategy;
import io.sluice.wait.TimeoutBlockingWaitStrategy;
import io.sluice.wait.WaitStrategy;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Producers and consumers on virtual threads, with the scheduler held to two carriers
 * ({@code jdk.virtualThreadScheduler.parallelism} and {@code maxPoolSize}, set by the build's
 * {@code virtual-threads} test run): a waiting virtual thread must park and free its carrier, or
 * the others never run. Each test records JFR's {@code jdk.VirtualThreadPinned} and fails on any.
 * Skipped, with the reason, on a JDK without virtual threads.
 *
 * <p>Every scenario first runs once on platform threads, before any recording: a class's first
 * use loads and initialises it, and a virtual thread that waits for another thread's class
 * initialisation pins its carrier (the JDK's doing, once per class, not a waiting path's).
 */
class VirtualThreadTest {
    private static final int CARRIERS = 2;
    private static final EventTranslatorOneArg<LongEvent, Long> WRITE = (event, sequence, value) -> event.value = value;

    private Recording pinned;

    @BeforeAll
    static void runEachScenarioOnceOnPlatformThreads() throws InterruptedException {
        if (!VirtualThreads.available()) {
            return;
        }
        ThreadFactory platform = VirtualThreads.platform("warm-up");
        blockedThenDrained(platform, 4, 100);
        blockedThenClosed(platform, 4);
        for (Arguments policy : waitingPolicies().collect(Collectors.toList())) {
            deliveredUnder(policySupplier(policy).get(), platform, 4, 100);
        }
        for (Arguments strategy : strategiesForVirtualThreads().collect(Collectors.toList())) {
            drainedDiamond(strategySupplier(strategy).get(), platform, 4, 100);
        }
    }

    @SuppressWarnings("unchecked")
    private static Supplier<BackpressurePolicy> policySupplier(Arguments arguments) {
        return (Supplier<BackpressurePolicy>) arguments.get()[1];
    }

    @SuppressWarnings("unchecked")
    private static Supplier<WaitStrategy> strategySupplier(Arguments arguments) {
        return (Supplier<WaitStrategy>) arguments.get()[1];
    }

    @BeforeEach
    void recordPinnedCarriers() {
        assumeTrue(VirtualThreads.available(), VirtualThreads.UNAVAILABLE);
        assertEquals(String.valueOf(CARRIERS), System.getProperty("jdk.virtualThreadScheduler.parallelism"),
                "run with -Djdk.virtualThreadScheduler.parallelism=" + CARRIERS + " (the build's virtual-threads execution)");
        assertEquals(String.valueOf(CARRIERS), System.getProperty("jdk.virtualThreadScheduler.maxPoolSize"),
                "run with -Djdk.virtualThreadScheduler.maxPoolSize=" + CARRIERS);
        pinned = new Recording();
        pinned.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
        // Sluice's own stall event would be on too (its default): committing it can pin a carrier
        // for a moment inside JFR's string pool, which is JFR's doing, not a waiting path's.
        pinned.disable("io.sluice.ProducerStall");
        pinned.start();
    }

    @AfterEach
    void noCarrierWasPinned() throws IOException {
        if (pinned == null) {
            return;
        }
        pinned.stop();
        Path file = Files.createTempFile("pinned", ".jfr");
        try {
            pinned.dump(file);
            List<String> events = new ArrayList<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
                    events.add(describe(event));
                }
            }
            assertEquals(List.of(), events, "virtual threads pinned their carriers");
        } finally {
            pinned.close();
            Files.deleteIfExists(file);
        }
    }

    private static String describe(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return event.toString();
        }
        return event.getStackTrace().getFrames().stream().limit(8)
                .map(RecordedFrame::getMethod).map(m -> m.getType().getName() + "." + m.getName())
                .collect(Collectors.joining(" < "));
    }

    /** A ring of 64 for producers that block, with a blocking consumer's strategy. */
    private static RingBuffer<LongEvent> ring(BackpressurePolicy policy) {
        return RingBuffer.builder(LongEvent.FACTORY).name("vt").capacity(64).producerType(ProducerType.MULTI)
                .waitStrategy(new BlockingWaitStrategy()).backpressure(policy).blockingProducers().build();
    }

    /** Counts each producer's events as a consumer sees them; a value is producer × 1,000,000 + its number. */
    private static EventHandler<LongEvent> counting(AtomicLongArray perProducer) {
        return (event, sequence, endOfBatch) -> perProducer.incrementAndGet((int) (event.value / 1_000_000));
    }

    /** Publishes {@code events} values of one producer; an interrupt ends it (no test interrupts one). */
    private static void publishAll(RingBuffer<LongEvent> ring, int producer, int events) {
        try {
            for (int k = 0; k < events; k++) {
                ring.publishEvent(WRITE, producer * 1_000_000L + k);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("producer " + producer + " interrupted", e);
        }
    }

    /** Waits until every producer has parked on the full ring, or finished before the ring filled. */
    private static void awaitAllParked(List<Thread> threads) {
        Await.until(() -> threads.stream().map(Thread::getState)
                        .allMatch(state -> state == Thread.State.WAITING || state == Thread.State.TERMINATED),
                "every producer to park or finish");
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            Await.joined(thread);
        }
    }

    private static void assertEach(AtomicLongArray perProducer, long expected) {
        for (int i = 0; i < perProducer.length(); i++) {
            assertEquals(expected, perProducer.get(i), "events delivered from producer " + i);
        }
    }

    /**
     * Producers fill a ring whose consumer is built (so it gates) but not started, and block; once
     * all are parked, the consumer starts and drains; everything arrives.
     */
    private static void blockedThenDrained(ThreadFactory producerThreads, int producers, int events)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = ring(BackpressurePolicy.block());
        AtomicLongArray perProducer = new AtomicLongArray(producers);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("count", counting(perProducer));
        Pipeline<LongEvent> pipeline = b.build();
        List<Thread> threads = VirtualThreads.start(producerThreads, producers, p -> publishAll(ring, p, events));
        awaitAllParked(threads);

        pipeline.start();
        joinAll(threads);
        assertTrue(pipeline.drainAndStop(Duration.ofMinutes(1)).drained());
        assertEach(perProducer, events);
    }

    /**
     * Producers block on a ring of 64 nobody consumes, each with 65 events to publish, so none
     * finishes; the ring closes under them. Each must end with the closure.
     */
    private static void blockedThenClosed(ThreadFactory producerThreads, int producers) throws InterruptedException {
        RingBuffer<LongEvent> ring = ring(BackpressurePolicy.block());
        ring.addGatingSequence(new Sequence());
        AtomicReferenceArray<Throwable> outcomes = new AtomicReferenceArray<>(producers);
        List<Thread> threads = VirtualThreads.start(producerThreads, producers, p -> {
            try {
                publishAll(ring, p, 65);
            } catch (Throwable t) {
                outcomes.set(p, t);
            }
        });
        awaitAllParked(threads);

        ring.close("closed under blocked producers", null);
        joinAll(threads);
        for (int p = 0; p < producers; p++) {
            assertInstanceOf(RingClosedException.class, outcomes.get(p), "producer " + p);
        }
    }

    /** Producers publish under {@code policy} to a consumer that runs throughout; everything arrives. */
    private static void deliveredUnder(BackpressurePolicy policy, ThreadFactory producerThreads, int producers, int events)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = ring(policy);
        AtomicLongArray perProducer = new AtomicLongArray(producers);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("count", counting(perProducer));
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        joinAll(VirtualThreads.start(producerThreads, producers, p -> publishAll(ring, p, events)));
        assertTrue(pipeline.drainAndStop(Duration.ofMinutes(1)).drained());
        assertEach(perProducer, events);
    }

    /**
     * A diamond whose stages, producers and stopping thread all come from {@code threads}, under
     * {@code strategy}; a drain-and-stop from one of those threads finishes everything.
     */
    private static void drainedDiamond(WaitStrategy strategy, ThreadFactory threads, int producers, int events)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("vt").capacity(64)
                .producerType(ProducerType.MULTI).waitStrategy(strategy)
                .backpressure(BackpressurePolicy.block()).build();
        AtomicLongArray left = new AtomicLongArray(producers);
        AtomicLongArray right = new AtomicLongArray(producers);
        AtomicLongArray joined = new AtomicLongArray(producers);
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring).threadFactory(threads);
        Stage<LongEvent> l = b.handler("left", counting(left));
        Stage<LongEvent> r = b.handler("right", counting(right));
        b.handler("join", counting(joined), l, r);
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        joinAll(VirtualThreads.start(threads, producers, p -> publishAll(ring, p, events)));

        List<StopResult> stopped = new ArrayList<>();
        joinAll(VirtualThreads.start(threads, 1, i -> stopped.add(pipeline.drainAndStop(Duration.ofMinutes(1)))));
        assertTrue(stopped.get(0).drained(), stopped.get(0).toString());
        assertTrue(stopped.get(0).threadsEnded(), stopped.get(0).toString());
        assertEach(left, events);
        assertEach(right, events);
        assertEach(joined, events);
    }

    @Test
    void thousandsOfVirtualProducersBlockedOnAFullRingAreAllDelivered() throws InterruptedException {
        blockedThenDrained(VirtualThreads.factory("producer-"), 2_000, 20);
    }

    @Test
    void aVirtualProducerBlockedOnAFullRingWaitsParkedNotInAMonitor() {
        RingBuffer<LongEvent> ring = ring(BackpressurePolicy.block());
        ring.addGatingSequence(new Sequence());
        List<Thread> threads = VirtualThreads.start(VirtualThreads.factory("producer-"), 100, p -> {
            try {
                publishAll(ring, p, 65);
            } catch (RingClosedException expected) {
                // the test closes the ring once it has looked
            }
        });
        awaitAllParked(threads);
        try {
            for (Thread thread : threads) {
                List<String> frames = Stream.of(thread.getStackTrace())
                        .map(f -> f.getClassName() + "." + f.getMethodName()).collect(Collectors.toList());
                assertTrue(frames.contains("java.util.concurrent.locks.LockSupport.park"),
                        thread.getName() + " is not parked: " + frames);
                assertTrue(frames.stream().noneMatch(f -> f.equals("java.lang.Object.wait") || f.equals("java.lang.Object.wait0")),
                        thread.getName() + " waits in a monitor: " + frames);
            }
        } finally {
            ring.close("test over", null);
        }
    }

    @Test
    void closingTheRingReleasesEveryVirtualProducerBlockedOnIt() throws InterruptedException {
        blockedThenClosed(VirtualThreads.factory("producer-"), 2_000);
    }

    static Stream<Arguments> waitingPolicies() {
        return Stream.of(
                Arguments.of("block()", (Supplier<BackpressurePolicy>) BackpressurePolicy::block),
                Arguments.of("block() with a timeout", (Supplier<BackpressurePolicy>) () -> BackpressurePolicy.block().withTimeout(1, TimeUnit.MINUTES)),
                Arguments.of("park()", (Supplier<BackpressurePolicy>) BackpressurePolicy::park),
                Arguments.of("yielding()", (Supplier<BackpressurePolicy>) BackpressurePolicy::yielding),
                Arguments.of("park() with a rate limit", (Supplier<BackpressurePolicy>) () ->
                        BackpressurePolicy.park().withRateLimit(new RateLimiter(2_000_000, 64))),
                Arguments.of("block() with a rate limit", (Supplier<BackpressurePolicy>) () ->
                        BackpressurePolicy.block().withRateLimit(new RateLimiter(2_000_000, 64))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("waitingPolicies")
    void virtualProducersDeliverEverythingUnderEachWaitingPolicy(String name, Supplier<BackpressurePolicy> policy)
            throws InterruptedException {
        deliveredUnder(policy.get(), VirtualThreads.factory("producer-"), 500, 40);
    }

    /**
     * The strategies that suit consumers on virtual threads: each parks when it has waited a
     * while. Not busy-spin or yielding: a consumer that never parks keeps a carrier, and with
     * fewer carriers than such consumers the producers never run (the guide's strategy table).
     */
    static Stream<Arguments> strategiesForVirtualThreads() {
        return Stream.of(
                Arguments.of("blocking", (Supplier<WaitStrategy>) BlockingWaitStrategy::new),
                Arguments.of("timeout-blocking", (Supplier<WaitStrategy>) () -> new TimeoutBlockingWaitStrategy(1, TimeUnit.MILLISECONDS)),
                Arguments.of("sleeping", (Supplier<WaitStrategy>) SleepingWaitStrategy::new),
                Arguments.of("phased back-off, then blocking", (Supplier<WaitStrategy>) () ->
                        PhasedBackoffWaitStrategy.withBlocking(10, TimeUnit.MICROSECONDS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategiesForVirtualThreads")
    void aDiamondOnVirtualThreadsDrainsEverythingWhenAVirtualThreadStopsIt(String name, Supplier<WaitStrategy> strategy)
            throws InterruptedException {
        drainedDiamond(strategy.get(), VirtualThreads.factory("vt-"), 100, 100);
    }
}
