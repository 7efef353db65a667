package io.sluice.backpressure;

import io.sluice.metrics.RingSnapshot;
import io.sluice.FakeClock;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.metrics.RingFigure;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adaptive limiter on a simulated ring and a clock the test moves: it follows the consumer
 * down when it slows 4x and back up when it recovers, within the bounds the guide states.
 */
class AdaptiveRateLimiterTest {
    static final long FAST = 1_000_000;
    static final long SLOW = FAST / 4;
    static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(10);
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    static final long SETTLE = TimeUnit.MILLISECONDS.toNanos(200);

    static AdaptiveRateLimiter limiter(RateControl control, FlowSimulation ring) {
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.builder(control).rates(1_000, 2 * FAST).burst(1_000)
                .window(Duration.ofNanos(WINDOW)).clock(ring.clock).build();
        limiter.follow(ring);
        return limiter;
    }

    /** A second at full speed, a second at a quarter, a second at full speed again; a sample per window. */
    static List<FlowSimulation.Sample> slowdownAndRecovery(RateControl control) {
        FlowSimulation ring = new FlowSimulation(65_536, FAST);
        AdaptiveRateLimiter limiter = limiter(control, ring);
        List<FlowSimulation.Sample> samples = new java.util.ArrayList<>(ring.run(limiter, SECOND, WINDOW));
        ring.consumerRate(SLOW);
        samples.addAll(ring.run(limiter, SECOND, WINDOW));
        ring.consumerRate(FAST);
        samples.addAll(ring.run(limiter, SECOND, WINDOW));
        return samples;
    }

    static List<FlowSimulation.Sample> between(List<FlowSimulation.Sample> samples, long from, long to) {
        return samples.stream().filter(s -> s.atNanos() > from && s.atNanos() <= to).toList();
    }

    static String trace(List<FlowSimulation.Sample> samples) {
        StringBuilder s = new StringBuilder();
        for (FlowSimulation.Sample sample : samples) {
            s.append(String.format("%4d ms rate %8d delivered %8.0f/s queue %6d%n", sample.atNanos() / 1_000_000, sample.rate(),
                    sample.deliveredPerSecond(WINDOW), sample.occupancy()));
        }
        return s.toString();
    }

    static void assertRatesWithin(List<FlowSimulation.Sample> samples, double low, double high, long capacity, String what) {
        for (FlowSimulation.Sample sample : samples) {
            double share = sample.rate() / (double) capacity;
            assertTrue(share >= low && share <= high, what + ": rate " + sample.rate() + " at " + sample.atNanos() / 1_000_000
                    + " ms is " + share + " of the consumer's " + capacity + "/s, outside " + low + ".." + high + "\n" + trace(samples));
        }
    }

    @Test
    void gradientSettlesWithinTenPercentOfTheConsumersNewCapacityWithin200msOfAFourfoldSlowdown() {
        List<FlowSimulation.Sample> samples = slowdownAndRecovery(RateControl.gradient(Duration.ofMillis(1)));
        assertRatesWithin(between(samples, SECOND + SETTLE, 2 * SECOND), 0.9, 1.1, SLOW, "gradient after the slowdown");
    }

    @Test
    void gradientHoldsTheQueueNearItsTargetDelay() {
        List<FlowSimulation.Sample> samples = slowdownAndRecovery(RateControl.gradient(Duration.ofMillis(1)));
        // 1 ms of events at the consumer's speed: 1,000 at full speed, 250 at a quarter; at most twice that.
        for (FlowSimulation.Sample s : between(samples, SETTLE, SECOND)) {
            assertTrue(s.occupancy() <= 2 * FAST / 1000, "queue " + s.occupancy() + " at " + s.atNanos() / 1_000_000 + " ms");
        }
        for (FlowSimulation.Sample s : between(samples, SECOND + SETTLE, 2 * SECOND)) {
            assertTrue(s.occupancy() <= 2 * SLOW / 1000, "queue " + s.occupancy() + " at " + s.atNanos() / 1_000_000 + " ms");
        }
    }

    @Test
    void gradientReturnsToTheConsumersFullSpeedWithin200msOfTheirRecovery() {
        List<FlowSimulation.Sample> samples = slowdownAndRecovery(RateControl.gradient(Duration.ofMillis(1)));
        for (FlowSimulation.Sample s : between(samples, 2 * SECOND + SETTLE, 3 * SECOND)) {
            assertTrue(s.deliveredPerSecond(WINDOW) >= 0.9 * FAST, "delivered " + s.deliveredPerSecond(WINDOW) + "/s at "
                    + s.atNanos() / 1_000_000 + " ms\n" + trace(samples));
        }
        assertRatesWithin(between(samples, 2 * SECOND + SETTLE, 3 * SECOND), 0.9, 1.1, FAST, "gradient after the recovery");
    }

    @Test
    void aimdSawsBetweenItsDecreaseAndAFewStepsAboveTheConsumersCapacity() {
        List<FlowSimulation.Sample> samples = slowdownAndRecovery(RateControl.aimd());
        // The bound the guide states for the defaults: 0.85 to 1.2 of the consumers' capacity once settled.
        assertRatesWithin(between(samples, SETTLE, SECOND), 0.85, 1.2, FAST, "aimd at full speed");
        assertRatesWithin(between(samples, SECOND + SETTLE, 2 * SECOND), 0.85, 1.2, SLOW, "aimd after the slowdown");
        assertRatesWithin(between(samples, 2 * SECOND + SETTLE, 3 * SECOND), 0.85, 1.2, FAST, "aimd after the recovery");
    }

    @Test
    void aimdKeepsTheConsumersBusyThroughTheSlowdownAndTheRecovery() {
        List<FlowSimulation.Sample> samples = slowdownAndRecovery(RateControl.aimd());
        for (FlowSimulation.Sample s : between(samples, SECOND, 2 * SECOND)) {
            assertTrue(s.deliveredPerSecond(WINDOW) >= 0.95 * SLOW, "delivered " + s.deliveredPerSecond(WINDOW) + " at " + s.atNanos());
        }
        for (FlowSimulation.Sample s : between(samples, 2 * SECOND + SETTLE, 3 * SECOND)) {
            assertTrue(s.deliveredPerSecond(WINDOW) >= 0.9 * FAST, "delivered " + s.deliveredPerSecond(WINDOW) + " at " + s.atNanos());
        }
    }

    @Test
    void aConsumerSlowerThanTheMinimumHoldsProducersAtTheMinimumRateAndNeverBelow() {
        for (RateControl control : List.of(RateControl.aimd(), RateControl.gradient(Duration.ofMillis(1)))) {
            FlowSimulation ring = new FlowSimulation(65_536, FAST);
            AdaptiveRateLimiter limiter = limiter(control, ring);
            ring.run(limiter, SETTLE, WINDOW);
            // Half the minimum: once the ring is full, a slot frees every 2 ms, and each claim of it runs the window's step.
            ring.consumerRate(500);
            List<FlowSimulation.Sample> samples = ring.run(limiter, 2 * SECOND, WINDOW);
            assertTrue(samples.stream().allMatch(s -> s.rate() >= 1_000), control + "\n" + trace(samples));
            assertEquals(1_000, samples.get(samples.size() - 1).rate(), control + "\n" + trace(samples));
        }
    }

    @Test
    void aConsumerFasterThanTheMaximumLeavesProducersAtTheMaximumAndNeverAbove() {
        for (RateControl control : List.of(RateControl.aimd(), RateControl.gradient(Duration.ofMillis(1)))) {
            FlowSimulation ring = new FlowSimulation(65_536, 100 * FAST);
            AdaptiveRateLimiter limiter = AdaptiveRateLimiter.builder(control).rates(1_000, 2 * FAST).initialRate(10_000)
                    .window(Duration.ofNanos(WINDOW)).clock(ring.clock).build();
            limiter.follow(ring);
            List<FlowSimulation.Sample> samples = ring.run(limiter, SECOND, WINDOW);
            assertTrue(samples.stream().allMatch(s -> s.rate() <= 2 * FAST), control + "\n" + trace(samples));
            assertEquals(2 * FAST, samples.get(samples.size() - 1).rate(), control + "\n" + trace(samples));
        }
    }

    @Test
    void oneWindowInWhichTheConsumerFinishesNothingDoesNotHalveTheRate() {
        // A consumer descheduled for a whole window reads as no throughput at all; the gradient
        // law, taking that window alone, would aim at nothing and halve the rate.
        FlowSimulation ring = new FlowSimulation(65_536, FAST);
        AdaptiveRateLimiter limiter = limiter(RateControl.gradient(Duration.ofMillis(1)), ring);
        ring.run(limiter, SECOND, WINDOW);
        ring.consumerRate(0);
        List<FlowSimulation.Sample> samples = new java.util.ArrayList<>(ring.run(limiter, WINDOW, WINDOW));
        ring.consumerRate(FAST);
        samples.addAll(ring.run(limiter, SETTLE, WINDOW));
        // The queue the stall left (10 ms of events) is drained by the law's correction, not by a halving.
        assertRatesWithin(samples, 0.75, 1.1, FAST, "gradient through a window without progress");
    }

    @Test
    void aProducerParkedOnAFullRingStillRunsTheControlStep() throws InterruptedException {
        assertRateFallsWhileAProducerWaitsOnTheFullRing(BackpressurePolicy.park(), ring -> { });
    }

    @Test
    void aProducerBlockedOnAFullRingRunsTheControlStepAtEachWakeUp() throws InterruptedException {
        // A consumer's progress wakes the blocked producer, even progress that frees no slot it can use.
        assertRateFallsWhileAProducerWaitsOnTheFullRing(BackpressurePolicy.block(), RingBuffer::signalConsumerProgress);
    }

    /**
     * A ring of 16 under {@code waiting} and a limiter whose law halves the rate each window: a
     * producer claims the whole ring while the consumer finishes one event, and waits; a window
     * later the rate has halved, with {@code nudge} applied to the ring while the test waits.
     */
    private static void assertRateFallsWhileAProducerWaitsOnTheFullRing(BackpressurePolicy waiting,
            java.util.function.Consumer<RingBuffer<LongEvent>> nudge) throws InterruptedException {
        FakeClock clock = new FakeClock();
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.builder(window -> window.rate() / 2).rates(1_000, 2 * FAST)
                .window(Duration.ofNanos(WINDOW)).clock(clock).build();
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent::new).capacity(16).backpressure(waiting.withRateLimit(limiter)).build();
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        for (int i = 0; i < 16; i++) {
            ring.publish(ring.next());
        }
        long before = limiter.permitsPerSecond();
        // A claim of the whole ring: it waits while the consumer finishes events one by one.
        Thread producer = new Thread(() -> {
            try {
                ring.publish(ring.next(16));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, "waiting producer");
        producer.start();
        Await.parked(producer);
        consumer.setRelease(0);
        clock.advance(WINDOW, TimeUnit.NANOSECONDS);
        Await.until(() -> {
            nudge.accept(ring);
            return limiter.permitsPerSecond() < before;
        }, "the control step to run while the producer waits for capacity");
        assertEquals(before / 2, limiter.permitsPerSecond());
        assertTrue(producer.isAlive(), "the producer still waits: one slot of the 16 it claims is free");
        consumer.setRelease(15);
        ring.signalConsumerProgress();
        Await.joined(producer);
    }

    /** A ring whose positions the test sets, and a law that notes the consumers' throughput it is shown and keeps the rate. */
    private static final class ShownThroughput implements FlowFeedback, RateControl {
        final FakeClock clock = new FakeClock();
        final List<Double> shown = new java.util.ArrayList<>();
        long claimed = -1;
        long consumed = -1;
        final AdaptiveRateLimiter limiter = AdaptiveRateLimiter.builder(this).rates(1_000, 2 * FAST).initialRate(FAST)
                .window(Duration.ofNanos(WINDOW)).clock(clock).build();

        ShownThroughput() {
            limiter.follow(this);
        }

        /** Moves a window on, with the positions given at its end; {@return the throughput the law was shown} */
        double window(long claimedAtEnd, long consumedAtEnd) {
            claimed = claimedAtEnd;
            consumed = consumedAtEnd;
            clock.advance(WINDOW, TimeUnit.NANOSECONDS);
            limiter.tryAcquire(1);
            return shown.get(shown.size() - 1);
        }

        @Override
        public long nextRate(FlowWindow window) {
            shown.add(window.consumerRate());
            return window.rate();
        }

        @Override
        public long capacity() {
            return 1 << 20;
        }

        @Override
        public long claimed() {
            return claimed;
        }

        @Override
        public long consumed() {
            return consumed;
        }
    }

    @Test
    void aBatchingConsumersThroughputIsMeasuredOverItsWholeBatches() {
        // 1M/s in batches of 40,000: the position moves every fourth window, 40,000 at once.
        ShownThroughput ring = new ShownThroughput();
        ring.window(100_000, -1);
        ring.window(100_000, -1);
        ring.window(100_000, -1);
        assertEquals(1e6, ring.window(100_000, 39_999), 1e-3, "not four times that, as the last window alone would show");
    }

    @Test
    void aWindowWithoutProgressWhileManyEventsWaitLeavesTheThroughputWhereItWas() {
        // 1M/s, then a window in which the consumer is off its core with 20,000 waiting: its batch
        // may well be that large, so it may still be running at 1M/s.
        ShownThroughput ring = new ShownThroughput();
        assertEquals(1e6, ring.window(30_000, 9_999), 1e-3);
        assertEquals(1e6, ring.window(30_000, 9_999), 1e-3);
    }

    @Test
    void aConsumerShowingNoProgressIsNoFasterThanTheEventsWaitingOverTheTimeSince() {
        // 1M/s, then no progress with 5,000 waiting: a batch begun since holds at most those 5,000.
        ShownThroughput ring = new ShownThroughput();
        ring.window(14_999, 9_999);
        assertEquals(5e5, ring.window(14_999, 9_999), 1e-3, "5,000 over 10 ms");
        assertEquals(2.5e5, ring.window(14_999, 9_999), 1e-3, "5,000 over 20 ms");
    }

    @Test
    void idleTimeIsNotCountedAgainstTheConsumers() {
        // 10,000 events in the first window; then 30 ms with nothing to do; then 10,000 in 10 ms.
        ShownThroughput ring = new ShownThroughput();
        ring.window(9_999, 9_999);
        ring.window(9_999, 9_999);
        ring.window(9_999, 9_999);
        ring.window(9_999, 9_999);
        assertEquals(1e6, ring.window(19_999, 19_999), 1e-3);
    }

    @Test
    void theFirstControlStepComesOneWindowAfterTheLimiterStartsFollowing() {
        FlowSimulation ring = new FlowSimulation(1024, FAST);
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.builder(window -> 5_000).rates(1_000, 2 * FAST).initialRate(FAST)
                .window(Duration.ofNanos(WINDOW)).clock(ring.clock).build();
        limiter.follow(ring);
        ring.clock.advance(WINDOW - 1, TimeUnit.NANOSECONDS);
        limiter.tryAcquire(1);
        assertEquals(FAST, limiter.permitsPerSecond());
        ring.clock.advance(1, TimeUnit.NANOSECONDS);
        limiter.tryAcquire(1);
        assertEquals(5_000, limiter.permitsPerSecond());
    }

    @Test
    void aLimiterThatFollowsNoRingKeepsItsInitialRate() {
        FlowSimulation unfollowed = new FlowSimulation(1024, FAST);
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.builder(window -> 5_000).rates(1_000, 2 * FAST).initialRate(FAST)
                .clock(unfollowed.clock).build();
        unfollowed.clock.advance(1, TimeUnit.SECONDS);
        limiter.tryAcquire(1);
        assertNull(limiter.following());
        assertEquals(FAST, limiter.permitsPerSecond());
    }

    @Test
    void aLimiterFollowsOneRingOnly() {
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.builder(RateControl.aimd()).build();
        FlowSimulation first = new FlowSimulation(1024, FAST);
        limiter.follow(first);
        limiter.follow(first);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> limiter.follow(new FlowSimulation(1024, FAST)));
        assertTrue(e.getMessage().contains("already follows") && e.getMessage().contains("give each ring its own limiter"),
                e.getMessage());
    }

    @Test
    void aRingBuiltWithTheLimiterFollowsItAndShowsItsRateInSnapshots() {
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.builder(RateControl.gradient(Duration.ofMillis(1))).rates(10, 5_000)
                .initialRate(2_000).build();
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent::new).name("paced").capacity(64)
                .backpressure(BackpressurePolicy.park().withRateLimit(limiter)).build();
        assertEquals("ring paced", String.valueOf(limiter.following()));
        assertEquals(2_000, ring.snapshot(new RingSnapshot()).get(RingFigure.RATE_LIMIT));
        assertThrows(IllegalStateException.class, () -> RingBuffer.builder(LongEvent::new).name("second").capacity(64)
                .backpressure(BackpressurePolicy.park().withRateLimit(limiter)).build());
    }

    @Test
    void aProducerHandleGivenTheLimiterMakesItFollowTheHandlesRing() {
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.builder(RateControl.aimd()).build();
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent::new).name("handles").capacity(64).build();
        ring.newProducer("paced", BackpressurePolicy.park().withRateLimit(limiter)).close();
        assertEquals("ring handles", String.valueOf(limiter.following()));
        assertEquals(0, ring.snapshot(new RingSnapshot()).get(RingFigure.RATE_LIMIT), "the ring's own policy has no limiter");
    }

    @Test
    void badSettingsAreRefusedNamingTheValue() {
        AdaptiveRateLimiter.Builder b = AdaptiveRateLimiter.builder(RateControl.aimd());
        assertEquals("min rate must be from 1 to 1000000000: 0", assertThrows(IllegalArgumentException.class, () -> b.rates(0, 10)).getMessage());
        assertEquals("max rate must be from the min 10 to 1000000000: 5",
                assertThrows(IllegalArgumentException.class, () -> b.rates(10, 5)).getMessage());
        assertEquals("window must be at least 1 ms: PT0.0005S",
                assertThrows(IllegalArgumentException.class, () -> b.window(Duration.ofMillis(1).dividedBy(2))).getMessage());
        assertEquals("burst must be >= 1: 0", assertThrows(IllegalArgumentException.class, () -> b.burst(0)).getMessage());
        b.rates(10, 100).initialRate(500);
        assertEquals("initial rate must be from the min 10 to the max 100: 500",
                assertThrows(IllegalArgumentException.class, b::build).getMessage());
    }
}
