package io.sluice.stress.wide;

import io.sluice.RingBuffer;
import io.sluice.SequenceBarrier;
import io.sluice.stress.Slot;
import io.sluice.wait.BlockingWaitStrategy;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/** Three-actor races on the multi-producer ring. */
public final class WideTests {
    private WideTests() {
    }

    /** Three racing claims get three distinct sequences. */
    @JCStressTest
    @Outcome(id = {"0, 1, 2", "0, 2, 1", "1, 0, 2", "1, 2, 0", "2, 0, 1", "2, 1, 0"}, expect = ACCEPTABLE,
            desc = "distinct sequences")
    @Outcome(expect = FORBIDDEN, desc = "a sequence handed out twice")
    @State
    public static class ThreeClaimsAreUnique {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new BlockingWaitStrategy());

        @Actor
        public void first(JJJ_Result r) {
            r.r1 = ring.tryNext();
        }

        @Actor
        public void second(JJJ_Result r) {
            r.r2 = ring.tryNext();
        }

        @Actor
        public void third(JJJ_Result r) {
            r.r3 = ring.tryNext();
        }
    }

    /**
     * Two producers publish out of claim order while a consumer reads: it sees only a contiguous
     * prefix, each sequence with its contents (value = 100 + sequence).
     */
    @JCStressTest
    @Outcome(id = {"-1, 0, 0", "-1, 0, 101", "-1, 100, 0", "-1, 100, 101"}, expect = ACCEPTABLE, desc = "nothing available yet")
    @Outcome(id = {"0, 100, 0", "0, 100, 101"}, expect = ACCEPTABLE, desc = "sequence 0 available, with its contents")
    @Outcome(id = "1, 100, 101", expect = ACCEPTABLE, desc = "both available, with their contents")
    @Outcome(expect = FORBIDDEN, desc = "an available sequence with stale contents, or a gap skipped")
    @State
    public static class TwoProducersAndAConsumer {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new BlockingWaitStrategy());
        private final SequenceBarrier barrier = ring.newBarrier();

        private void produce() {
            long sequence = ring.tryNext();
            ring.get(sequence).value = 100 + sequence;
            ring.publish(sequence);
        }

        @Actor
        public void producerA() {
            produce();
        }

        @Actor
        public void producerB() {
            produce();
        }

        @Actor
        public void consumer(JJJ_Result r) {
            r.r1 = barrier.highestAvailable(0);
            r.r2 = ring.get(0).value;
            r.r3 = ring.get(1).value;
        }
    }
}
