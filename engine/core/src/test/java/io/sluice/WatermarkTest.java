package io.sluice;

import io.sluice.metrics.RingSnapshot;
import io.sluice.backpressure.WatermarkListener;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

    /**
     * The guide's listener: pauses a source on high, resumes it on low. Records the reports and
     * whether two calls ever overlapped; the first report of {@code blocking} waits for
     * {@link #release} after saying it was entered.
     */
    private static final class PausingListener implements WatermarkListener {
        final AtomicBoolean paused = new AtomicBoolean();
        final AtomicBoolean overlapped = new AtomicBoolean();
        final List<String> reports = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicInteger calling = new AtomicInteger();
        private final String blocking;

        PausingListener(String blocking) {
            this.blocking = blocking;
        }

        @Override
        public void onHighWatermark(String ring, long occupancy) {
            report("high", true);
        }

        @Override
        public void onLowWatermark(String ring, long occupancy) {
            report("low", false);
        }

        private void report(String what, boolean pause) {
            if (calling.incrementAndGet() != 1) {
                overlapped.set(true);
            }
            if (what.equals(blocking) && entered.getCount() == 1) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            paused.set(pause);
            reports.add(what);
            calling.decrementAndGet();
        }
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void aFallToLowDuringTheHighReportIsReportedAfterIt(ProducerType type) throws InterruptedException {
        PausingListener listener = new PausingListener("high");
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).producerType(type)
                .watermarks(4, 1, listener).build();
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        Thread producer = new Thread(() -> claim(ring, 4), "producer"); // the 4th claim reports high
        producer.start();
        listener.entered.await();
        consumeTo(ring, consumer, ring.cursor()); // empty while the high report is still in progress
        listener.release.countDown();
        Await.joined(producer);
        assertEquals(List.of("high", "low"), listener.reports);
        assertFalse(listener.paused.get(), "the listener's last report matches the empty ring");
        assertFalse(listener.overlapped.get(), "reports never overlap");
        assertFalse(ring.snapshot(new RingSnapshot()).aboveHighWatermark());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void aRiseToHighDuringTheLowReportIsReportedAfterIt(ProducerType type) throws InterruptedException {
        PausingListener listener = new PausingListener("low");
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).producerType(type)
                .watermarks(4, 1, listener).build();
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        claim(ring, 4); // high, reported at once
        long consumed = ring.cursor();
        Thread consuming = new Thread(() -> consumeTo(ring, consumer, consumed), "consumer"); // reports low
        consuming.start();
        listener.entered.await();
        claim(ring, 4); // high again while the low report is still in progress
        listener.release.countDown();
        Await.joined(consuming);
        assertEquals(List.of("high", "low", "high"), listener.reports);
        assertTrue(listener.paused.get(), "the listener's last report matches the ring at its high mark");
        assertFalse(listener.overlapped.get(), "reports never overlap");
        assertTrue(ring.snapshot(new RingSnapshot()).aboveHighWatermark());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void aListenerThatThrowsDoesNotCostTheClaimThatReportedHigh(ProducerType type) {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).producerType(type)
                .watermarks(2, 0, new WatermarkListener() {
                    @Override
                    public void onHighWatermark(String ring, long occupancy) {
                        throw new IllegalStateException("listener bug");
                    }

                    @Override
                    public void onLowWatermark(String ring, long occupancy) {
                    }
                }).build();
        ring.addGatingSequence(new Sequence());
        claim(ring, 1);
        long sequence = ring.tryNext(); // reports high: the listener throws
        assertEquals(1, sequence);
        ring.publish(sequence);
        assertEquals(1, ring.cursor());
        assertTrue(ring.isPublished(1));
    }

    /**
     * The adversarial probe of the issue, in small: two sources that produce only while not
     * paused, a listener that pauses them on high and resumes them on low, one consumer. With
     * reports out of order a source stays paused for good at an empty ring; here every event
     * arrives.
     */
    @Test
    void sourcesPausedAndResumedByTheListenerNeverStayPaused() throws InterruptedException {
        int perSource = 100_000;
        AtomicBoolean paused = new AtomicBoolean();
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(64).producerType(ProducerType.MULTI)
                .watermarks(48, 16, new WatermarkListener() {
                    @Override
                    public void onHighWatermark(String ring, long occupancy) {
                        Thread.yield(); // widens the window the probe found
                        paused.set(true);
                    }

                    @Override
                    public void onLowWatermark(String ring, long occupancy) {
                        paused.set(false);
                    }
                }).build();
        Sequence consumer = new Sequence();
        ring.addGatingSequence(consumer);
        AtomicLong consumed = new AtomicLong();
        Thread consuming = new Thread(() -> {
            long next = 0;
            while (next < 2L * perSource) {
                long available = ring.cursor();
                while (next <= available && ring.isPublished(next)) {
                    next++;
                }
                consumer.setRelease(next - 1);
                ring.signalConsumerProgress();
                consumed.set(next);
            }
        }, "consumer");
        List<Thread> sources = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sources.add(new Thread(() -> {
                for (int sent = 0; sent < perSource; ) {
                    if (paused.get()) {
                        Thread.onSpinWait();
                        continue;
                    }
                    long sequence = ring.tryNext();
                    if (sequence >= 0) {
                        ring.publish(sequence);
                        sent++;
                    }
                }
            }, "source-" + i));
        }
        consuming.start();
        sources.forEach(Thread::start);
        for (Thread source : sources) {
            source.join(Await.LONG.toMillis());
            assertFalse(source.isAlive(), "a source stayed paused: paused=" + paused.get() + ", consumed=" + consumed.get()
                    + ", occupancy=" + (ring.cursor() - consumer.getVolatile()));
        }
        Await.joined(consuming);
        assertFalse(paused.get(), "the ring is empty, and the listener was last told low");
    }
}
