package io.sluice.stress.wide;

import io.sluice.RingBuffer;
import io.sluice.stress.DrainRaceTests;
import io.sluice.stress.Slot;
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
 * Two producers racing a close on a multi-producer ring: the kept claims are exactly the
 * sequences 0..final, all published. Results: each producer's sequence (-1 if refused), and the
 * final sequence, or -99 if a sequence up to it was not published.
 */
public final class DrainRaceWideTests {
    private DrainRaceWideTests() {
    }

    @JCStressTest
    @Outcome(id = {"0, 1, 1", "1, 0, 1"}, expect = ACCEPTABLE, desc = "both claimed before the close, both counted")
    @Outcome(id = {"0, -1, 0", "-1, 0, 0"}, expect = ACCEPTABLE, desc = "one counted, the other refused")
    @Outcome(id = "-1, -1, -1", expect = ACCEPTABLE, desc = "both refused")
    @Outcome(expect = FORBIDDEN, desc = "a kept claim past the final sequence (lost), or a counted one unpublished")
    @State
    public static class TwoProducersRacingClose {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new YieldingWaitStrategy());

        @Actor
        public void first(JJJ_Result r) {
            r.r1 = DrainRaceTests.publish(ring);
        }

        @Actor
        public void second(JJJ_Result r) {
            r.r2 = DrainRaceTests.publish(ring);
        }

        @Actor
        public void closer(JJJ_Result r) {
            ring.close("drain-and-stop", null);
            r.r3 = ring.finalSequence();
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            if (DrainRaceTests.allPublished(ring, r.r3) == 0) {
                r.r3 = -99;
            }
        }
    }
}
