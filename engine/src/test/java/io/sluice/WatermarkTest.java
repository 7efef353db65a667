package io.sluice;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watermark listener fires once per crossing, with hysteresis between the marks. */
class WatermarkTest {
    private final List<String> crossings = new CopyOnWriteArrayList<>();
    private final WatermarkListener recorder = new WatermarkListener() {
        @Override
        public void onHighWatermark(String ring, long occupancy) {
            crossings.add(ring + " high " + occupancy);
        }

        @Override
        public void onLowWatermark(String ring, long occupancy) {
            crossings.add(ring + " low " + occupancy);
        }
    };

    private RingBuffer<LongEvent> ring(ProducerType type) {
        return RingBuffer.builder(LongEvent.FACTORY).name("wm").capacity(16).producerType(type)
                .watermarks(12, 4, recorder).build();
    }

    private static void claim(RingBuffer<LongEvent> ring, int count) {
        for (int i = 0; i < count; i++) {
            ring.publish(ring.tryNext());
        }
    }

    private static void consumeTo(RingBuffer<LongEvent> ring, Sequence consumer, long sequence) {
        consumer.setRelease(sequence);
        ring.signalConsumerProgress(); // what a processor does after each batch
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void highFiresOnceWhenOccupancyReachesTheHighMark(ProducerType type) {
        RingBuffer<LongEvent> ring = ring(type);
        ring.addGatingSequence(new Sequence());
        claim(ring, 11);
        assertEquals(List.of(), crossings);
        claim(ring, 1);
        assertEquals(List.of("wm high 12"), crossings);
        claim(ring, 4);
        assertEquals(List.of("wm high 12"), crossings, "once per crossing, not per claim above it");
        assertTrue(ring.snapshot(new RingSnapshot()).aboveHighWatermark());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void lowFiresOnceWhenConsumersBringOccupancyDownToTheLowMark(ProducerType type) {
        RingBuffer<LongEvent> ring = ring(type);
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        claim(ring, 16); // sequences 0..15
        consumeTo(ring, consumer, 3); // occupancy 12
        consumeTo(ring, consumer, 10); // occupancy 5: between the marks, nothing
        assertEquals(List.of("wm high 12"), crossings);
        consumeTo(ring, consumer, 11); // occupancy 4
        assertEquals(List.of("wm high 12", "wm low 4"), crossings);
        consumeTo(ring, consumer, 15);
        assertEquals(2, crossings.size(), "once per crossing");
        assertFalse(ring.snapshot(new RingSnapshot()).aboveHighWatermark());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void betweenTheMarksNothingFiresInEitherDirection(ProducerType type) {
        RingBuffer<LongEvent> ring = ring(type);
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        claim(ring, 12); // high at 12
        consumeTo(ring, consumer, 5); // occupancy 6
        claim(ring, 5); // occupancy 11: below high again, but it never fell to low
        consumeTo(ring, consumer, 9); // occupancy 7
        claim(ring, 5); // occupancy 12: still high, not reported twice
        assertEquals(List.of("wm high 12"), crossings);
        consumeTo(ring, consumer, 17); // occupancy 4
        claim(ring, 8); // occupancy 12 again: a new crossing
        assertEquals(List.of("wm high 12", "wm low 4", "wm high 12"), crossings);
    }
}
