package io.sluice.backpressure;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The two control laws, one window at a time. */
class RateControlTest {
    /** A 10 ms window on a ring of 1,000 under a rate of 100,000/s. */
    static FlowWindow window(long occupancy, long consumed, long admitted) {
        FlowWindow w = new FlowWindow();
        w.rate = 100_000;
        w.minRate = 1;
        w.maxRate = 1_000_000;
        w.windowNanos = 10_000_000;
        w.capacity = 1_000;
        w.occupancy = occupancy;
        w.consumed = consumed;
        w.admitted = admitted;
        w.consumerRate = w.windowConsumerRate();
        return w;
    }

    @Test
    void aimdDecreasesWhileTheRingIsAboveItsTargetAndTheQueueGrows() {
        assertEquals(90_000, RateControl.aimd(0.1, 0.9, 0).nextRate(window(200, 900, 1_000)));
    }

    @Test
    void aimdHoldsWhileTheRingIsAboveItsTargetAndTheQueueDrains() {
        assertEquals(100_000, RateControl.aimd(0.1, 0.9, 0).nextRate(window(200, 1_000, 900)));
    }

    @Test
    void aimdAddsItsStepWhileTheRingIsAtOrBelowItsTarget() {
        assertEquals(105_000, RateControl.aimd(0.1, 0.9, 5_000).nextRate(window(100, 1_000, 1_000)));
        assertEquals(150_000, RateControl.aimd(0.1, 0.9, 0).nextRate(window(0, 1_000, 1_000)), "a twentieth of the maximum");
    }

    @Test
    void gradientProbesUpwardWhileEventsWaitLessThanHalfTheTarget() {
        // 10 events at 100,000/s consumed: 0.1 ms of queueing, under half of 1 ms.
        assertEquals(125_000, RateControl.gradient(Duration.ofMillis(1)).nextRate(window(10, 1_000, 1_000)));
    }

    @Test
    void gradientMovesSevenTenthsOfTheWayToTheConsumersThroughputCorrectedTowardTheTargetQueue() {
        // Consumers took 1,000 in 10 ms: 100,000/s; target 2 ms is 200 events, 400 wait: the gap of
        // -200 closed over 4 windows is -5,000/s; the aim 95,000/s, 0.7 of the way from 100,000.
        assertEquals(96_500, RateControl.gradient(Duration.ofMillis(2)).nextRate(window(400, 1_000, 1_000)));
    }

    @Test
    void gradientNeverAimsBelowHalfTheConsumersThroughput() {
        // Consumers took 100 in 10 ms (10,000/s) and 1,000 wait against a target of 10: the aim
        // would be far below zero, and is held at 5,000/s; the rate moves 0.7 of the way there.
        assertEquals(33_500, RateControl.gradient(Duration.ofMillis(1)).nextRate(window(1_000, 100, 100)));
    }

    @Test
    void gradientHeadsForZeroWhenTheConsumersFinishedNothing() {
        assertEquals(30_000, RateControl.gradient(Duration.ofMillis(1)).nextRate(window(500, 0, 0)));
    }

    @Test
    void badParametersAreRefusedNamingTheValue() {
        assertEquals("targetFill must be more than 0 and less than 1: 1.0",
                assertThrows(IllegalArgumentException.class, () -> RateControl.aimd(1.0, 0.9, 0)).getMessage());
        assertEquals("decreaseFactor must be more than 0 and less than 1: 0.0",
                assertThrows(IllegalArgumentException.class, () -> RateControl.aimd(0.5, 0, 0)).getMessage());
        assertEquals("targetDelay must be positive: PT0S",
                assertThrows(IllegalArgumentException.class, () -> RateControl.gradient(Duration.ZERO)).getMessage());
        assertEquals("probe must be more than 1: 1.0",
                assertThrows(IllegalArgumentException.class, () -> RateControl.gradient(Duration.ofMillis(1), 0.5, 4, 1.0)).getMessage());
        assertEquals("correctionWindows must be at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> RateControl.gradient(Duration.ofMillis(1), 0.5, 0, 1.2)).getMessage());
    }
}
