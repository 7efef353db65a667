package io.sluice.micrometer;

import io.sluice.Producer;
import io.sluice.ProducerClass;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.Containment;
import io.sluice.consumer.EventPoller;
import io.sluice.consumer.ExceptionPolicy;
import io.sluice.metrics.ClassFigure;
import io.sluice.metrics.ConsumerFigure;
import io.sluice.metrics.Figure;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingFigure;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.Stage;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The binding walks the counter catalogue: every figure of every catalogue enum is a meter of the
 * kind its aggregation and unit call for, with the catalogue's description, tagged by its source;
 * its values are the snapshots'; its meters go when the source is over or the binder is closed.
 */
class SluiceMetersTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();

    private static RingBuffer<LongEvent> ring(String name) {
        return RingBuffer.builder(LongEvent.FACTORY).name(name).capacity(8).producerType(ProducerType.MULTI)
                .producerClasses(ProducerClass.of("orders", 0.25)).build();
    }

    private Meter meter(String name, String tagKey, String tagValue) {
        Meter meter = registry.find(name).tag(tagKey, tagValue).meter();
        assertNotNull(meter, "no meter " + name + " tagged " + tagKey + "=" + tagValue);
        return meter;
    }

    private static double value(Meter meter) {
        if (meter instanceof FunctionCounter) {
            return ((FunctionCounter) meter).count();
        }
        if (meter instanceof TimeGauge) {
            return ((TimeGauge) meter).value(TimeUnit.NANOSECONDS);
        }
        return ((Gauge) meter).value();
    }

    /** Checks that each figure of {@code catalogue} has its meter, of its kind, described by the catalogue. */
    private void assertEveryFigureIsAMeter(String scope, List<? extends Figure> catalogue, String tagKey, String tagValue) {
        for (Figure figure : catalogue) {
            Meter meter = meter(MeterKind.name(scope, figure), tagKey, tagValue);
            switch (MeterKind.of(figure)) {
                case COUNTER, TIME_COUNTER -> assertInstanceOf(FunctionCounter.class, meter, figure.key());
                case TIME_GAUGE -> assertInstanceOf(TimeGauge.class, meter, figure.key());
                default -> assertInstanceOf(Gauge.class, meter, figure.key());
            }
            assertEquals(figure.description(), meter.getId().getDescription(), figure.key());
        }
    }

    @Test
    void everyRingFigureAndProducerCounterIsARingMeter() {
        SluiceMeters.ring(ring("orders")).bindTo(registry);

        assertEveryFigureIsAMeter("ring", RingFigure.ALL, "ring", "orders");
        assertEveryFigureIsAMeter("ring", ProducerCounter.ALL, "ring", "orders");
    }

    @Test
    void everyClassFigureAndProducerCounterIsAMeterOfEachProducerClass() {
        SluiceMeters.ring(ring("orders")).bindTo(registry);

        assertEveryFigureIsAMeter("class", ClassFigure.ALL, "class", "orders");
        assertEveryFigureIsAMeter("class", ProducerCounter.ALL, "class", "orders");
    }

    @Test
    void everyProducerCounterIsAMeterOfAHandle() {
        RingBuffer<LongEvent> ring = ring("orders");
        SluiceMeters.producer(ring, ring.newProducer("gateway")).bindTo(registry);

        assertEveryFigureIsAMeter("producer", ProducerCounter.ALL, "producer", "gateway");
        assertEquals("orders", meter("sluice.producer.claims", "producer", "gateway").getId().getTag("ring"));
    }

    @Test
    void everyConsumerFigureIsAMeterOfEachStage() {
        RingBuffer<LongEvent> ring = ring("orders");
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> journal = b.handler("journal", (event, sequence, end) -> { });
        b.handler("match", (event, sequence, end) -> { }, journal);
        SluiceMeters.pipeline(b.build()).bindTo(registry);

        assertEveryFigureIsAMeter("consumer", ConsumerFigure.ALL, "stage", "journal");
        assertEveryFigureIsAMeter("consumer", ConsumerFigure.ALL, "stage", "match");
    }

    @Test
    void aCountedFigureIsACounterATotalTimeIsSecondsAndALongestTimeIsATimeGauge() {
        assertEquals(MeterKind.COUNTER, MeterKind.of(ProducerCounter.DROPS));
        assertEquals(MeterKind.TIME_COUNTER, MeterKind.of(ProducerCounter.STALL_NANOS));
        assertEquals(MeterKind.TIME_GAUGE, MeterKind.of(ProducerCounter.MAX_STALL_NANOS));
        assertEquals(MeterKind.GAUGE, MeterKind.of(RingFigure.REMAINING_CAPACITY));
        assertEquals(MeterKind.COUNTER, MeterKind.of(ConsumerFigure.PROCESSED));
        assertEquals(MeterKind.GAUGE, MeterKind.of(ConsumerFigure.LAG));
        assertEquals("sluice.producer.rate.limited.waits", MeterKind.name("producer", ProducerCounter.RATE_LIMITED_WAITS));
        assertEquals("seconds", meterOfStallTime().getId().getBaseUnit());
    }

    private Meter meterOfStallTime() {
        SluiceMeters.ring(ring("orders")).bindTo(registry);
        return meter("sluice.ring.stall.time", "ring", "orders");
    }

    @Test
    void theMetersReadWhatTheRingAndItsHandlesCounted() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring("orders");
        Producer<LongEvent> gateway = ring.newProducer("gateway", BackpressurePolicy.shed());
        ring.addGatingSequence(new io.sluice.Sequence());
        SluiceMeters.ring(ring).bindTo(registry);
        SluiceMeters.producer(ring, gateway).bindTo(registry);
        for (int i = 0; i < 10; i++) {
            long sequence = gateway.next();
            if (sequence >= 0) {
                gateway.publish(sequence);
            }
        }
        // A shedding handle of no class on a ring of 8 nobody consumes, 2 slots kept for the orders
        // class: 6 claims, 4 drops.
        Await.until(() -> value(meter("sluice.ring.drops", "ring", "orders")) == 4, "the ring's drops to read 4");
        assertEquals(6, value(meter("sluice.producer.claims", "producer", "gateway")));
        assertEquals(4, value(meter("sluice.producer.drops", "producer", "gateway")));
        assertEquals(8, value(meter("sluice.ring.capacity", "ring", "orders")));
        assertEquals(2, value(meter("sluice.ring.remaining", "ring", "orders")));
        assertEquals(5, value(meter("sluice.ring.cursor", "ring", "orders")));
        assertEquals(2, value(meter("sluice.class.reserved", "class", "orders")));
    }

    @Test
    void aStagesMetersReadItsProgress() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("orders").capacity(8).build();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("journal", (event, sequence, end) -> { });
        Pipeline<LongEvent> pipeline = b.build();
        SluiceMeters.pipeline(pipeline).bindTo(registry);
        pipeline.start();
        for (int i = 0; i < 20; i++) {
            ring.publish(ring.next());
        }
        Await.until(() -> value(meter("sluice.consumer.processed", "stage", "journal")) == 20,
                "the journal's processed count to read 20");
        assertEquals(19, value(meter("sluice.consumer.sequence", "stage", "journal")));
        assertEquals(0, value(meter("sluice.consumer.lag", "stage", "journal")));
        pipeline.drainAndStop(Duration.ofSeconds(30));
    }

    @Test
    void consumersOutsideAPipelineAreMeteredByName() {
        RingBuffer<LongEvent> ring = ring("orders");
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>("audit", ring, ring.newBarrier(),
                (event, sequence, end) -> { }, 64, ExceptionPolicy.stop(), Containment.FAIL_CLAIMS);
        EventPoller<LongEvent> poller = EventPoller.create(ring);
        SluiceMeters.consumer(ring, processor).bindTo(registry);
        SluiceMeters.consumer(ring, poller).bindTo(registry);

        assertEveryFigureIsAMeter("consumer", ConsumerFigure.ALL, "stage", "audit");
        List<String> stages = new ArrayList<>();
        registry.find("sluice.consumer.lag").meters().forEach(m -> stages.add(m.getId().getTag("stage")));
        assertEquals(2, stages.size(), stages.toString());
    }

    @Test
    void closingTheBinderRemovesItsMetersFromEveryRegistry() {
        MeterRegistry other = new SimpleMeterRegistry();
        SluiceMeterBinder binder = SluiceMeters.ring(ring("orders"));
        binder.bindTo(registry);
        binder.bindTo(other);
        int perRegistry = binder.meters().size() / 2;
        assertEquals(perRegistry, registry.getMeters().size());

        binder.close();
        assertEquals(List.of(), registry.getMeters());
        assertEquals(List.of(), other.getMeters());
        assertEquals(List.of(), binder.meters());
    }

    @Test
    void aClosedRingsMetersGoAtTheFirstReadAfterTheClose() {
        RingBuffer<LongEvent> ring = ring("orders");
        SluiceMeters.ring(ring).bindTo(registry);
        ring.close("test over", null);

        value(meter("sluice.ring.capacity", "ring", "orders"));
        Await.until(() -> registry.getMeters().isEmpty(), "the closed ring's meters to go");
    }

    @Test
    void aStoppedPipelinesMetersGoAtTheFirstReadAfterTheStop() {
        RingBuffer<LongEvent> ring = ring("orders");
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        b.handler("journal", (event, sequence, end) -> { });
        Pipeline<LongEvent> pipeline = b.build();
        SluiceMeters.pipeline(pipeline).bindTo(registry);
        pipeline.start();
        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(30)).drained());

        value(meter("sluice.consumer.lag", "stage", "journal"));
        Await.until(() -> registry.getMeters().isEmpty(), "the stopped pipeline's meters to go");
    }

    @Test
    void readingAMeterAllocatesNothingOnceWarm() {
        RingBuffer<LongEvent> ring = ring("orders");
        SluiceMeters.ring(ring).bindTo(registry);
        List<Meter> meters = registry.getMeters();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        double sink = 0;
        for (int warm = 0; warm < 20_000; warm++) {
            sink += value(meters.get(warm % meters.size()));
        }
        // The steadiest of three windows of 100,000 reads, as the core's allocation specs measure
        // (io.sluice.AllocationWindows, whose package this module cannot read): a JIT event can
        // land in one window, an allocation per read would fill all three.
        long steadiest = Long.MAX_VALUE;
        for (int window = 0; window < 3; window++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int read = 0; read < 100_000; read++) {
                sink += value(meters.get(read % meters.size()));
            }
            steadiest = Math.min(steadiest, threads.getThreadAllocatedBytes(id) - before);
        }
        assertTrue(steadiest < 1024, "100,000 reads allocated " + steadiest + " bytes in the steadiest window (" + sink + ")");
    }
}
