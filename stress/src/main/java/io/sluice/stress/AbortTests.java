package io.sluice.stress;

import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.consumer.EventPoller;
import io.sluice.wait.BlockingWaitStrategy;

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
