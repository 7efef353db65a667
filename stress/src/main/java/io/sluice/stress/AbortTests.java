package io.sluice.stress;

import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.RingClosedException;
import io.sluice.consumer.EventPoller;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.YieldingWaitStrategy;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/** Claims withdrawn with {@code Claim.abort()}: no consumer's handler ever sees them. */
public final class AbortTests {
    private AbortTests() {
    }

    /**
     * On a multi-producer ring a producer aborts a claim (sequence 0) and then commits one
     * (sequence 1) while a poller consumes: the poller passes over the aborted slot, whatever it
     * sees of the abort's publication, and delivers the committed event exactly once, with its
     * contents. Two actors, so the test runs on two cores. r1: the sum of what the racing poll
     * delivered; r2: events delivered in all; r3: 1 if an aborted slot was delivered.
     */
    @JCStressTest
    @Outcome(id = {"0, 1, 0", "42, 1, 0"}, expect = ACCEPTABLE,
            desc = "the committed event delivered once, by the racing poll or after it; the aborted one never")
    @Outcome(expect = FORBIDDEN, desc = "an aborted slot delivered, the committed one lost or seen twice, or stale contents")
    @State
    public static class AbortRacingConsumer {
        private final RingBuffer<Slot> ring = RingBuffer.builder(Slot::new).capacity(4)
                .producerType(ProducerType.MULTI).waitStrategy(new BlockingWaitStrategy()).build();
        private final Producer<Slot> producer = ring.newProducer("producer");
        private final EventPoller<Slot> poller = EventPoller.create(ring);
        private final Delivered delivered = new Delivered();

        public AbortRacingConsumer() {
            ring.addGatingSequence(poller.sequence());
        }

        @Actor
        public void produce() {
            Claim<Slot> claim = producer.tryClaim();
            claim.get().value = -1;
            claim.abort();
            claim = producer.tryClaim();
            claim.get().value = 42;
            claim.commit();
        }

        @Actor
        public void consume(JJJ_Result r) {
            delivered.pollOnce(poller);
            r.r1 = delivered.sum;
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            delivered.pollOnce(poller);
            r.r2 = delivered.count;
            r.r3 = delivered.abortedSeen;
        }
    }

    /**
     * On a single-producer ring a producer claims sequence 0 and aborts it while the ring is
     * closed. The abort takes the claim back unless the close counted it first; then the claim is
     * published marked aborted, so a drain up to the final sequence finds it published and passes
     * over it. r1: the final sequence; r2: whether everything up to it is published; r3: whether
     * sequence 0 is marked aborted.
     */
    @JCStressTest
    @Outcome(id = "-1, 1, 0", expect = ACCEPTABLE, desc = "taken back, or refused, before the close counted it: nothing to drain")
    @Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "counted by the close: published marked aborted, a drain passes over it")
    @Outcome(id = "0, 0, 0", expect = FORBIDDEN, desc = "counted but never published: a drain would wait for it forever")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class SingleProducerAbortRacingClose {
        private final RingBuffer<Slot> ring = RingBuffer.builder(Slot::new).capacity(4)
                .producerType(ProducerType.SINGLE).waitStrategy(new YieldingWaitStrategy()).build();
        private final Producer<Slot> producer = ring.newProducer("producer");

        @Actor
        public void abort() {
            try {
                Claim<Slot> claim = producer.tryClaim();
                claim.get().value = -1;
                claim.abort();
            } catch (RingClosedException e) {
                // refused by the close: nothing claimed
            }
        }

        @Actor
        public void close(JJJ_Result r) {
            ring.close("drain-and-stop", null);
            r.r1 = ring.finalSequence();
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            r.r2 = r.r1 < 0 || ring.isPublished(r.r1) ? 1 : 0;
            r.r3 = r.r1 >= 0 && ring.isAborted(0) ? 1 : 0;
        }
    }

    /** What a poller delivered: count, sum, and whether an aborted slot (value -1) was among it. */
    static final class Delivered implements EventPoller.Handler<Slot> {
        long count;
        long sum;
        long abortedSeen;

        @Override
        public boolean onEvent(Slot slot, long sequence, boolean endOfBatch) {
            count++;
            sum += slot.value;
            if (slot.value == -1) {
                abortedSeen = 1;
            }
            return true;
        }

        void pollOnce(EventPoller<Slot> poller) {
            try {
                poller.poll(this);
            } catch (Exception e) {
                throw new IllegalStateException("the handler throws nothing", e);
            }
        }
    }
}
