package io.sluice;

import io.sluice.metrics.RingSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.metrics.ClassFigure;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingFigure;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;

import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JFR events, read back in-process with a RecordingStream. */
class JfrEventTest {
    @Test
    void aStallIsRecordedWithItsRingProducerPolicyLagAndOutcome() throws InterruptedException {
        List<RecordedEvent> stalls = new CopyOnWriteArrayList<>();
        try (RecordingStream stream = new RecordingStream()) {
            // Kept events are read after the stream moved on: a reused event object would by then
            // hold a later event's fields.
            stream.setReuse(false);
            stream.enable("io.sluice.ProducerStall").withoutThreshold();
            stream.onEvent("io.sluice.ProducerStall", event -> {
                if ("jfr-stall".equals(event.getString("ring"))) {
                    stalls.add(event);
                }
            });
            stream.startAsync();

            RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("jfr-stall").capacity(2).build();
            ring.addGatingSequence(new Sequence());
            ring.publish(0, ring.tryNext(2));
            Producer<LongEvent> producer = ring.newProducer("gateway-1",
                    BackpressurePolicy.park().withTimeout(20, TimeUnit.MILLISECONDS));
            assertEquals(RingBuffer.TIMED_OUT, producer.next());

            Await.until(() -> !stalls.isEmpty(), "the stall event");
        }
        RecordedEvent stall = stalls.get(0);
        assertEquals("gateway-1", stall.getString("producer"));
        assertTrue(stall.getString("policy").startsWith("park"), stall.getString("policy"));
        assertEquals("timed out", stall.getString("outcome"));
        assertEquals(2, stall.getInt("capacity"));
        assertEquals(2, stall.getLong("lag"));
        assertEquals(1, stall.getInt("claimSize"));
        // JFR's clock is not System.nanoTime: allow it a millisecond either way of the 20 ms deadline.
        assertTrue(stall.getDuration().compareTo(Duration.ofMillis(19)) >= 0, "duration " + stall.getDuration());
    }

    @Test
    void ringStatisticsArePublishedPeriodically() throws InterruptedException {
        List<RecordedEvent> statistics = new CopyOnWriteArrayList<>();
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("jfr-stats").capacity(4)
                .backpressure(BackpressurePolicy.shed()).statisticsEvents().build();
        ring.addGatingSequence(new Sequence());
        for (int i = 0; i < 10; i++) {
            ring.publishEvent((event, sequence) -> event.value = sequence);
        }
        try (RecordingStream stream = new RecordingStream()) {
            // The stream reuses its event objects by default: the event kept for this ring would
            // be overwritten by the next ring's (another test's ring, capacity 1024, in one CI run).
            stream.setReuse(false);
            stream.enable("io.sluice.RingStatistics").withPeriod(Duration.ofMillis(100));
            stream.onEvent("io.sluice.RingStatistics", event -> {
                if ("jfr-stats".equals(event.getString("ring"))) {
                    statistics.add(event);
                }
            });
            stream.startAsync();
            Await.until(() -> !statistics.isEmpty(), "a statistics event");
        }
        RecordedEvent event = statistics.get(0);
        assertEquals(4, event.getLong("capacity"));
        assertEquals(4, event.getLong("claims"));
        assertEquals(6, event.getLong("drops"));
        assertEquals(0, event.getLong("remaining"));
        Reference.reachabilityFence(ring); // the registry holds rings weakly
        RingSnapshot snapshot = ring.snapshot(new RingSnapshot());
        for (RingFigure figure : RingFigure.ALL) {
            assertTrue(event.hasField(figure.key()), "the event carries ring figure " + figure.key());
        }
        for (ProducerCounter counter : ProducerCounter.ALL) {
            assertEquals(snapshot.get(counter), event.getLong(counter.key()), "the event carries counter " + counter.key());
        }
        List<String> own = event.getFields().stream().map(ValueDescriptor::getName)
                .filter(name -> !List.of("startTime", "duration", "eventThread", "stackTrace").contains(name))
                .collect(Collectors.toList());
        assertEquals(1 + RingFigure.COUNT + ProducerCounter.COUNT, own.size(),
                "beside JFR's own fields: the ring, then one field per catalogue figure, and nothing else: " + own);
    }

    @Test
    void producerClassStatisticsArePublishedPeriodicallyForEachClass() throws InterruptedException {
        List<RecordedEvent> statistics = new CopyOnWriteArrayList<>();
        ProducerClass orders = ProducerClass.of("orders", 0.5);
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("jfr-classes").capacity(8)
                .producerClasses(orders, ProducerClass.of("bulk", 0)).statisticsEvents().build();
        ring.addGatingSequence(new Sequence());
        Producer<LongEvent> producer = ring.newProducer("order-entry", orders);
        producer.tryClaim(3).commit();
        try (RecordingStream stream = new RecordingStream()) {
            stream.setReuse(false);
            stream.enable("io.sluice.ProducerClassStatistics").withPeriod(Duration.ofMillis(100));
            stream.onEvent("io.sluice.ProducerClassStatistics", event -> {
                if ("jfr-classes".equals(event.getString("ring")) && "orders".equals(event.getString("producerClass"))) {
                    statistics.add(event);
                }
            });
            stream.startAsync();
            Await.until(() -> !statistics.isEmpty(), "a class statistics event");
        }
        RecordedEvent event = statistics.get(0);
        assertEquals(4, event.getLong("reserved"));
        assertEquals(3, event.getLong("inFlight"));
        assertEquals(1, event.getLong("producers"));
        assertEquals(3, event.getLong("claims"));
        Reference.reachabilityFence(ring);
        List<String> own = event.getFields().stream().map(ValueDescriptor::getName)
                .filter(name -> !List.of("startTime", "duration", "eventThread", "stackTrace").contains(name))
                .collect(Collectors.toList());
        assertEquals(2 + ClassFigure.COUNT + ProducerCounter.COUNT, own.size(),
                "beside JFR's own fields: the ring and class, then one field per catalogue figure: " + own);
    }
}
