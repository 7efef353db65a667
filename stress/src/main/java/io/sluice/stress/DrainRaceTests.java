package io.sluice.stress;

import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.RingBuffer;
import io.sluice.RingClosedException;
import io.sluice.wait.YieldingWaitStrategy;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Invariant 8, drain: a close racing a claim and publish either counts the claim in the ring's
 * final sequence, which a drain waits for, or refuses it with nothing kept. So nothing a
 * producer was told it published is left unhandled when a pipeline drains and stops. Results:
 * the producer's sequence (-1 if refused), the final sequence, and whether every sequence up to
 * the final one was published with the producer's write (1) or not (0).
 */
public final class DrainRaceTests {
    private DrainRaceTests() {
    }

    @JCStressTest
    @Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "claimed before the close: counted and published")
    @Outcome(id = "-1, -1, 1", expect = ACCEPTABLE, desc = "refused by the close: nothing claimed")
    @Outcome(id = "0, -1, 1", expect = FORBIDDEN, desc = "lost: published but past the final sequence, no drain waits for it")
    @Outcome(id = "-1, 0, 0", expect = FORBIDDEN, desc = "refused but counted: a drain would wait for it forever")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class SingleProducerPublishRacingClose {
        private final RingBuffer<Slot> ring =
                RingBuffer.createSingleProducer(Slot::new, 4, new YieldingWaitStrategy());

        @Actor
        public void producer(JJJ_Result r) {
            r.r1 = publish(ring);
        }

        @Actor
        public void closer(JJJ_Result r) {
            ring.close("drain-and-stop", null);
            r.r2 = ring.finalSequence();
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            r.r3 = allPublished(ring, r.r2);
        }
    }

    @JCStressTest
    @Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "claimed before the close: counted and published")
    @Outcome(id = "-1, -1, 1", expect = ACCEPTABLE, desc = "refused by the close: nothing claimed")
    @Outcome(id = "0, -1, 1", expect = FORBIDDEN, desc = "lost: published but past the final sequence, no drain waits for it")
    @Outcome(id = "-1, 0, 0", expect = FORBIDDEN, desc = "refused but counted: a drain would wait for it forever")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class MultiProducerPublishRacingClose {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new YieldingWaitStrategy());

        @Actor
        public void producer(JJJ_Result r) {
            r.r1 = publish(ring);
        }

        @Actor
        public void closer(JJJ_Result r) {
            ring.close("drain-and-stop", null);
            r.r2 = ring.finalSequence();
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            r.r3 = allPublished(ring, r.r2);
        }
    }

    /**
     * The same race through a producer handle's claim object, the taught path: the handle built
     * for a policy that admits every claim claims straight from the sequencer and commits without
     * re-checking its claim, so the close handshake is the sequencer's, as on the ring's own path.
     */
    @JCStressTest
    @Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "claimed before the close: counted and committed")
    @Outcome(id = "-1, -1, 1", expect = ACCEPTABLE, desc = "refused by the close: nothing claimed")
    @Outcome(id = "0, -1, 1", expect = FORBIDDEN, desc = "lost: committed but past the final sequence, no drain waits for it")
    @Outcome(id = "-1, 0, 0", expect = FORBIDDEN, desc = "refused but counted: a drain would wait for it forever")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class SingleProducerClaimRacingClose {
        private final RingBuffer<Slot> ring =
                RingBuffer.createSingleProducer(Slot::new, 4, new YieldingWaitStrategy());
        private final Producer<Slot> handle = ring.newProducer("p");

        @Actor
        public void producer(JJJ_Result r) {
            r.r1 = commit(handle);
        }

        @Actor
        public void closer(JJJ_Result r) {
            ring.close("drain-and-stop", null);
            r.r2 = ring.finalSequence();
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            r.r3 = allPublished(ring, r.r2);
        }
    }

    /** {@link SingleProducerClaimRacingClose} on a multi-producer ring. */
    @JCStressTest
    @Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "claimed before the close: counted and committed")
    @Outcome(id = "-1, -1, 1", expect = ACCEPTABLE, desc = "refused by the close: nothing claimed")
    @Outcome(id = "0, -1, 1", expect = FORBIDDEN, desc = "lost: committed but past the final sequence, no drain waits for it")
    @Outcome(id = "-1, 0, 0", expect = FORBIDDEN, desc = "refused but counted: a drain would wait for it forever")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class MultiProducerClaimRacingClose {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new YieldingWaitStrategy());
        private final Producer<Slot> handle = ring.newProducer("p");

        @Actor
        public void producer(JJJ_Result r) {
            r.r1 = commit(handle);
        }

        @Actor
        public void closer(JJJ_Result r) {
            ring.close("drain-and-stop", null);
            r.r2 = ring.finalSequence();
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            r.r3 = allPublished(ring, r.r2);
        }
    }

    /**
     * Invariant 9's figures after a refused claim: a multi-producer claim that moved the cursor
     * and then met the close puts it back, so the cursor ends at the final sequence and the
     * ring's occupancy, remaining capacity and lag count no claim that never succeeded. Results:
     * the producer's sequence (-1 if refused), the final sequence, the cursor at rest.
     */
    @JCStressTest
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "claimed before the close: the cursor holds the claim")
    @Outcome(id = "-1, -1, -1", expect = ACCEPTABLE, desc = "refused by the close: the cursor is where it was")
    @Outcome(id = "-1, -1, 0", expect = FORBIDDEN, desc = "refused, but the cursor kept the claim: figures count a claim that never succeeded")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class MultiProducerRefusedClaimLeavesTheCursor {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new YieldingWaitStrategy());

        @Actor
        public void producer(JJJ_Result r) {
            r.r1 = publish(ring);
        }

        @Actor
        public void closer(JJJ_Result r) {
            ring.close("drain-and-stop", null);
            r.r2 = ring.finalSequence();
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            r.r3 = ring.cursor();
        }
    }

    /** Claims, writes 42 and publishes; the sequence, or -1 if the close refused the claim. */
    public static long publish(RingBuffer<Slot> ring) {
        try {
            long sequence = ring.tryNext();
            ring.get(sequence).value = 42;
            ring.publish(sequence);
            return sequence;
        } catch (RingClosedException refused) {
            return -1;
        }
    }

    /** Claims through the handle's claim object, writes 42 and commits; the sequence, or -1 if the close refused the claim. */
    public static long commit(Producer<Slot> handle) {
        try {
            Claim<Slot> claim = handle.claim();
            claim.get().value = 42;
            long sequence = claim.lastSequence();
            claim.commit();
            return sequence;
        } catch (RingClosedException refused) {
            return -1;
        } catch (InterruptedException e) {
            throw new IllegalStateException("nothing interrupts the producer actor", e);
        }
    }

    /** 1 if every sequence up to {@code last} is published and holds the producer's write, else 0. */
    public static long allPublished(RingBuffer<Slot> ring, long last) {
        for (long s = 0; s <= last; s++) {
            if (!ring.isPublished(s) || ring.get(s).value != 42) {
                return 0;
            }
        }
        return 1;
    }
}
