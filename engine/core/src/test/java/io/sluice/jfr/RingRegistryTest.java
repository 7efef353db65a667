package io.sluice.jfr;

import io.sluice.RingBuffer;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JFR statistics' registry of rings holds only rings that asked, and nothing for a ring the collector has cleared. */
class RingRegistryTest {
    @Test
    void aRingBuiltWithoutStatisticsEventsIsNotRegistered() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(2).build();

        assertFalse(RingRegistry.contains(ring));
    }

    @Test
    void aRingBuiltWithStatisticsEventsIsRegistered() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(2).statisticsEvents().build();

        assertTrue(RingRegistry.contains(ring));
    }

    @Test
    void aClearedRingsRegistrationIsDroppedAtTheNextRegistration() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(2).build();
        Reference<RingBuffer<?>> registration = RingRegistry.register(ring);
        assertTrue(RingRegistry.holds(registration));
        // As the collector does once the ring is unreachable: clear the reference and queue it.
        registration.clear();
        assertTrue(registration.enqueue());

        Reference<RingBuffer<?>> next = RingRegistry.register(ring);

        assertFalse(RingRegistry.holds(registration), "the cleared registration is dropped");
        assertTrue(RingRegistry.holds(next));
        next.clear();
        next.enqueue();
        RingRegistry.dropCleared();
        assertFalse(RingRegistry.holds(next));
    }
}
