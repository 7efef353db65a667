package io.sluice.stress;

import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.backpressure.WatermarkListener;
import io.sluice.wait.YieldingWaitStrategy;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

import java.util.concurrent.atomic.AtomicInteger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Watermark reports race a producer's claim and a consumer's progress: the listener is never
 * called by two threads at once, reports alternate, and the last one matches the ring at rest.
 * Ring of 4, high mark 2, low mark 1. Result: the reports in order, H for high and L for low,
 * {@code !} where two calls overlapped; {@code none} if there was none.
 */
public final class WatermarkTests {
    private WatermarkTests() {
    }

    /** Records the listener's calls in order. */
    public static final class Recorder implements WatermarkListener {
        private final StringBuffer reports = new StringBuffer();
        private final AtomicInteger calling = new AtomicInteger();

        @Override
        public void onHighWatermark(String ring, long occupancy) {
            record('H');
        }

        @Override
        public void onLowWatermark(String ring, long occupancy) {
            record('L');
        }

        private void record(char report) {
            if (calling.incrementAndGet() != 1) {
                reports.append('!');
            }
            reports.append(report);
            calling.decrementAndGet();
        }

        String reports() {
            return reports.length() == 0 ? "none" : reports.toString();
        }
    }

    /**
     * One event waits (occupancy 1, low reported by default). The producer claims a second
     * (occupancy 2: the high mark) while the consumer finishes the first. At rest occupancy is
     * 1, at the low mark, so the listener must end on low (or never have heard of high).
     */
    abstract static class HighRacingLow {
        final Recorder recorder = new Recorder();
        final Sequence consumer = new Sequence();
        final RingBuffer<Slot> ring;

        HighRacingLow(ProducerType type) {
            ring = RingBuffer.builder(Slot::new).capacity(4).producerType(type).waitStrategy(new YieldingWaitStrategy())
                    .watermarks(2, 1, recorder).build();
            ring.addGatingSequence(consumer);
            ring.publish(ring.tryNext());
        }

        void produce() {
            ring.publish(ring.tryNext());
        }

        void consumeFirst() {
            consumer.setRelease(0);
            ring.signalConsumerProgress();
        }
    }

    @JCStressTest
    @Outcome(id = "none", expect = ACCEPTABLE, desc = "the consumer went first: occupancy never reached the high mark")
    @Outcome(id = "HL", expect = ACCEPTABLE, desc = "high, then low: the last report matches occupancy 1")
    @Outcome(id = "LH", expect = FORBIDDEN, desc = "out of order: the listener is left on high with the ring at its low mark")
    @Outcome(id = "H", expect = FORBIDDEN, desc = "the fall to the low mark was never reported")
    @Outcome(expect = FORBIDDEN, desc = "overlapping calls, or reports that do not alternate")
    @State
    public static class SingleProducerHighRacingLow extends HighRacingLow {
        public SingleProducerHighRacingLow() {
            super(ProducerType.SINGLE);
        }

        @Actor
        public void producer() {
            produce();
        }

        @Actor
        public void consumer() {
            consumeFirst();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = recorder.reports();
        }
    }

    @JCStressTest
    @Outcome(id = "none", expect = ACCEPTABLE, desc = "the consumer went first: occupancy never reached the high mark")
    @Outcome(id = "HL", expect = ACCEPTABLE, desc = "high, then low: the last report matches occupancy 1")
    @Outcome(id = "LH", expect = FORBIDDEN, desc = "out of order: the listener is left on high with the ring at its low mark")
    @Outcome(id = "H", expect = FORBIDDEN, desc = "the fall to the low mark was never reported")
    @Outcome(expect = FORBIDDEN, desc = "overlapping calls, or reports that do not alternate")
    @State
    public static class MultiProducerHighRacingLow extends HighRacingLow {
        public MultiProducerHighRacingLow() {
            super(ProducerType.MULTI);
        }

        @Actor
        public void producer() {
            produce();
        }

        @Actor
        public void consumer() {
            consumeFirst();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = recorder.reports();
        }
    }

    /**
     * Two events wait (occupancy 2: high, reported while the state was built). The consumer
     * finishes the first (occupancy 1: the low mark) while the producer claims a third. At rest
     * occupancy is 2, at the high mark, so the listener must end on high.
     */
    abstract static class LowRacingHigh {
        final Recorder recorder = new Recorder();
        final Sequence consumer = new Sequence();
        final RingBuffer<Slot> ring;

        LowRacingHigh(ProducerType type) {
            ring = RingBuffer.builder(Slot::new).capacity(4).producerType(type).waitStrategy(new YieldingWaitStrategy())
                    .watermarks(2, 1, recorder).build();
            ring.addGatingSequence(consumer);
            ring.publish(ring.tryNext());
            ring.publish(ring.tryNext());
        }

        void produce() {
            ring.publish(ring.tryNext());
        }

        void consumeFirst() {
            consumer.setRelease(0);
            ring.signalConsumerProgress();
        }
    }

    @JCStressTest
    @Outcome(id = "H", expect = ACCEPTABLE, desc = "the producer went first: occupancy never fell to the low mark")
    @Outcome(id = "HLH", expect = ACCEPTABLE, desc = "low, then high again: the last report matches occupancy 2")
    @Outcome(id = "HHL", expect = FORBIDDEN, desc = "out of order: the listener is left on low with the ring at its high mark")
    @Outcome(id = "HL", expect = FORBIDDEN, desc = "the rise back to the high mark was never reported")
    @Outcome(expect = FORBIDDEN, desc = "overlapping calls, or reports that do not alternate")
    @State
    public static class SingleProducerLowRacingHigh extends LowRacingHigh {
        public SingleProducerLowRacingHigh() {
            super(ProducerType.SINGLE);
        }

        @Actor
        public void producer() {
            produce();
        }

        @Actor
        public void consumer() {
            consumeFirst();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = recorder.reports();
        }
    }

    @JCStressTest
    @Outcome(id = "H", expect = ACCEPTABLE, desc = "the producer went first: occupancy never fell to the low mark")
    @Outcome(id = "HLH", expect = ACCEPTABLE, desc = "low, then high again: the last report matches occupancy 2")
    @Outcome(id = "HHL", expect = FORBIDDEN, desc = "out of order: the listener is left on low with the ring at its high mark")
    @Outcome(id = "HL", expect = FORBIDDEN, desc = "the rise back to the high mark was never reported")
    @Outcome(expect = FORBIDDEN, desc = "overlapping calls, or reports that do not alternate")
    @State
    public static class MultiProducerLowRacingHigh extends LowRacingHigh {
        public MultiProducerLowRacingHigh() {
            super(ProducerType.MULTI);
        }

        @Actor
        public void producer() {
            produce();
        }

        @Actor
        public void consumer() {
            consumeFirst();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = recorder.reports();
        }
    }
}
