package io.sluice.stress;

import io.sluice.metrics.RingSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.RateLimiter;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.wait.BlockingWaitStrategy;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;
import org.openjdk.jcstress.infra.results.JJ_Result;
import org.openjdk.jcstress.infra.results.JJJJ_Result;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import java.util.concurrent.TimeUnit;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/** Multi-producer claims: unique, and a claim that gives up takes nothing (no gap). */
public final class ClaimTests {
    private ClaimTests() {
    }

    /** Two racing claims on a multi-producer ring never get the same sequence. */
    @JCStressTest
    @Outcome(id = {"0, 1", "1, 0"}, expect = ACCEPTABLE, desc = "distinct sequences")
    @Outcome(expect = FORBIDDEN, desc = "the same sequence handed out twice, or one lost")
    @State
    public static class MultiProducerClaimsAreUnique {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new BlockingWaitStrategy());

        @Actor
        public void first(JJ_Result r) {
            r.r1 = ring.tryNext();
        }

        @Actor
        public void second(JJ_Result r) {
            r.r2 = ring.tryNext();
        }
    }

    /**
     * On a 1-slot ring two racing claims get the slot once; the other gives up with
     * INSUFFICIENT_CAPACITY (-1) and the cursor shows no sequence taken by it.
     */
    @JCStressTest
    @Outcome(id = {"0, -1, 0", "-1, 0, 0"}, expect = ACCEPTABLE, desc = "one claim, one give-up, cursor at the one claim")
    @Outcome(expect = FORBIDDEN, desc = "both claimed, both gave up, or the give-up moved the cursor (a gap)")
    @State
    public static class GivingUpLeavesNoGap {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 1, new BlockingWaitStrategy());

        public GivingUpLeavesNoGap() {
            ring.addGatingSequence(new Sequence()); // a consumer that has read nothing
        }

        @Actor
        public void first(JJJ_Result r) {
            r.r1 = ring.tryNext();
        }

        @Actor
        public void second(JJJ_Result r) {
            r.r2 = ring.tryNext();
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            r.r3 = ring.cursor();
        }
    }

    /**
     * A claim with a deadline racing the consumer that frees its slot either claims and
     * publishes sequence 1, or times out (-2) having taken nothing.
     */
    @JCStressTest
    @Outcome(id = {"1, 1, 1", "-2, 0, 0"}, expect = ACCEPTABLE, desc = "claimed and published, or timed out with nothing taken")
    @Outcome(expect = FORBIDDEN, desc = "timed out but took a sequence (a gap), or claimed without publishing")
    @State
    public static class TimedClaimRacingConsumerProgress {
        private final RingBuffer<Slot> ring = RingBuffer.builder(Slot::new)
                .capacity(1).backpressure(BackpressurePolicy.spin().withTimeout(1, TimeUnit.MICROSECONDS)).build();
        private final Sequence consumer = new Sequence();

        public TimedClaimRacingConsumerProgress() {
            ring.addGatingSequence(consumer);
            ring.publish(ring.tryNext()); // sequence 0 fills the ring
        }

        @Actor
        public void producer(JJJ_Result r) {
            try {
                long sequence = ring.next();
                if (sequence >= 0) {
                    ring.get(sequence).value = sequence;
                    ring.publish(sequence);
                }
                r.r1 = sequence;
            } catch (InterruptedException e) {
                r.r1 = Long.MIN_VALUE;
            }
        }

        @Actor
        public void consumer() {
            consumer.setRelease(0);
            ring.signalConsumerProgress();
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            r.r2 = ring.cursor();
            r.r3 = ring.isPublished(1) ? 1 : 0;
        }
    }

    /** Two shedding publishes racing for one slot: one lands, one is counted as dropped. */
    @JCStressTest
    @Outcome(id = {"1, 0, 1, 1", "0, 1, 1, 1"}, expect = ACCEPTABLE, desc = "one published, one dropped and counted")
    @Outcome(expect = FORBIDDEN, desc = "a drop not counted, counted twice, or both or neither published")
    @State
    public static class SheddingCountsEveryDrop {
        private final RingBuffer<Slot> ring = RingBuffer.builder(Slot::new)
                .capacity(1).backpressure(BackpressurePolicy.shed()).build();

        public SheddingCountsEveryDrop() {
            ring.addGatingSequence(new Sequence());
        }

        /** 1 if published, 0 if dropped; a shedding claim never waits, so never sees an interrupt. */
        private long publish(long value) {
            try {
                return ring.publishEvent((slot, sequence, v) -> slot.value = v, value) ? 1 : 0;
            } catch (InterruptedException e) {
                return -1;
            }
        }

        @Actor
        public void first(JJJJ_Result r) {
            r.r1 = publish(1);
        }

        @Actor
        public void second(JJJJ_Result r) {
            r.r2 = publish(2);
        }

        @Arbiter
        public void arbiter(JJJJ_Result r) {
            RingSnapshot snapshot = ring.snapshot(new RingSnapshot());
            r.r3 = snapshot.drops();
            r.r4 = snapshot.claims();
        }
    }

    /** Two threads racing for a rate limiter's single permit: exactly one gets it. */
    @JCStressTest
    @Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "one permit, one taker")
    @Outcome(expect = FORBIDDEN, desc = "the permit granted twice, or not at all")
    @State
    public static class RateLimiterGrantsAPermitOnce {
        private final RateLimiter limiter = new RateLimiter(1, 1, () -> 0L); // the clock stands still

        @Actor
        public void first(ZZ_Result r) {
            r.r1 = limiter.tryAcquire(1);
        }

        @Actor
        public void second(ZZ_Result r) {
            r.r2 = limiter.tryAcquire(1);
        }
    }
}
