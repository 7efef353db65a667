package io.sluice.examples.throughput;

import io.sluice.wait.BlockingWaitStrategy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThroughputDemoTest {
    @Test
    void theDemoMovesEventsInBothScenarios() throws InterruptedException {
        assertTrue(ThroughputDemo.eventsPerSecond(1, new BlockingWaitStrategy(), 10, 50) > 0);
        assertTrue(ThroughputDemo.eventsPerSecond(3, new BlockingWaitStrategy(), 10, 50) > 0);
    }

    @Test
    void theDemoAcceptsItsOptions() {
        assertEquals(1000, ThroughputDemo.Options.parse().measureMillis());
        assertEquals(5000, ThroughputDemo.Options.parse("--seconds", "5").measureMillis());
        assertTrue(ThroughputDemo.Options.parse("--help").help());
    }

    @Test
    void theDemoRejectsBadOptionsNamingThem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ThroughputDemo.Options.parse("--fast"));
        assertTrue(unknown.getMessage().contains("--fast"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ThroughputDemo.Options.parse("--seconds", "0"));
        assertTrue(bad.getMessage().contains(": 0"));
        assertThrows(IllegalArgumentException.class, () -> ThroughputDemo.Options.parse("--seconds", "x"));
        assertThrows(IllegalArgumentException.class, () -> ThroughputDemo.Options.parse("--seconds"));
    }
}
