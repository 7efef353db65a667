package io.sluice.stress;

import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.wait.BlockingWaitStrategy;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Invariant 1 on tiny rings: a full ring's producer races the consumer that is reading slot 0.
 * The producer's next claim reuses slot 0, so it may only write there after the consumer has
 * released its sequence, and the consumer's read must never see the next lap's value.
 */
public final class NoOverwriteTests {
    private static final long OLD = 1;
    private static final long NEW = 2;

    private NoOverwriteTests() {
    }

    /** A full ring of {@code capacity} whose consumer has read nothing. */
    static final class FullRing {
        final RingBuffer<Slot> ring;
        final Sequence consumer = new Sequence();

        FullRing(ProducerType type, int capacity) {
            ring = RingBuffer.builder(Slot::new).capacity(capacity).producerType(type)
                    .waitStrategy(new BlockingWaitStrategy()).build();
            ring.addGatingSequence(consumer);
            long hi = ring.tryNext(capacity);
            for (long s = 0; s <= hi; s++) {
                ring.get(s).value = OLD;
            }
            ring.publish(0, hi);
        }

        /** The producer's next claim, writing NEW into slot 0 if it gets it: 1 if claimed, 0 if not. */
        long produce() {
            long sequence = ring.tryNext();
            if (sequence < 0) {
                return 0;
            }
            ring.get(sequence).value = NEW;
            ring.publish(sequence);
            return 1;
        }

        /** The consumer reads sequence 0, then releases it. */
        long consume() {
            long value = ring.get(0).value;
            consumer.setRelease(0);
            return value;
        }
    }

    @JCStressTest
    @Outcome(id = {"0, 1", "1, 1"}, expect = ACCEPTABLE, desc = "the consumer read lap 0's value; the producer waited for it or was refused")
    @Outcome(id = {"0, 2", "1, 2"}, expect = FORBIDDEN, desc = "the producer overwrote a slot the consumer had not finished")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class SingleProducerCapacity1 {
        private final FullRing fixture = new FullRing(ProducerType.SINGLE, 1);

        @Actor
        public void producer(JJ_Result r) {
            r.r1 = fixture.produce();
        }

        @Actor
        public void consumer(JJ_Result r) {
            r.r2 = fixture.consume();
        }
    }

    @JCStressTest
    @Outcome(id = {"0, 1", "1, 1"}, expect = ACCEPTABLE, desc = "the consumer read lap 0's value; the producer waited for it or was refused")
    @Outcome(id = {"0, 2", "1, 2"}, expect = FORBIDDEN, desc = "the producer overwrote a slot the consumer had not finished")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class MultiProducerCapacity1 {
        private final FullRing fixture = new FullRing(ProducerType.MULTI, 1);

        @Actor
        public void producer(JJ_Result r) {
            r.r1 = fixture.produce();
        }

        @Actor
        public void consumer(JJ_Result r) {
            r.r2 = fixture.consume();
        }
    }

    @JCStressTest
    @Outcome(id = {"0, 1", "1, 1"}, expect = ACCEPTABLE, desc = "the consumer read lap 0's value; the producer waited for it or was refused")
    @Outcome(id = {"0, 2", "1, 2"}, expect = FORBIDDEN, desc = "the producer overwrote a slot the consumer had not finished")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class MultiProducerCapacity2 {
        private final FullRing fixture = new FullRing(ProducerType.MULTI, 2);

        @Actor
        public void producer(JJ_Result r) {
            r.r1 = fixture.produce();
        }

        @Actor
        public void consumer(JJ_Result r) {
            r.r2 = fixture.consume();
        }
    }

    @JCStressTest
    @Outcome(id = {"0, 1", "1, 1"}, expect = ACCEPTABLE, desc = "the consumer read lap 0's value; the producer waited for it or was refused")
    @Outcome(id = {"0, 2", "1, 2"}, expect = FORBIDDEN, desc = "the producer overwrote a slot the consumer had not finished")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class SingleProducerCapacity4 {
        private final FullRing fixture = new FullRing(ProducerType.SINGLE, 4);

        @Actor
        public void producer(JJ_Result r) {
            r.r1 = fixture.produce();
        }

        @Actor
        public void consumer(JJ_Result r) {
            r.r2 = fixture.consume();
        }
    }

    @JCStressTest
    @Outcome(id = {"0, 1", "1, 1"}, expect = ACCEPTABLE, desc = "the consumer read lap 0's value; the producer waited for it or was refused")
    @Outcome(id = {"0, 2", "1, 2"}, expect = FORBIDDEN, desc = "the producer overwrote a slot the consumer had not finished")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class MultiProducerCapacity4 {
        private final FullRing fixture = new FullRing(ProducerType.MULTI, 4);

        @Actor
        public void producer(JJ_Result r) {
            r.r1 = fixture.produce();
        }

        @Actor
        public void consumer(JJ_Result r) {
            r.r2 = fixture.consume();
        }
    }
}
