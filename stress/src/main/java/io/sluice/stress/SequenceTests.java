package io.sluice.stress;

import io.sluice.Sequence;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;
import org.openjdk.jcstress.infra.results.JJ_Result;
import org.openjdk.jcstress.infra.results.ZZJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/** {@link Sequence}: atomic read-modify-write, no torn reads, release/acquire publication. */
public final class SequenceTests {
    private SequenceTests() {
    }

    /** Of two racing compare-and-sets from the same value, exactly one wins, and its value stays. */
    @JCStressTest
    @Outcome(id = {"true, false, 1", "false, true, 2"}, expect = ACCEPTABLE, desc = "exactly one wins")
    @Outcome(expect = FORBIDDEN, desc = "both or neither won, or the loser's value landed")
    @State
    public static class CompareAndSet {
        private final Sequence sequence = new Sequence(0);

        @Actor
        public void first(ZZJ_Result r) {
            r.r1 = sequence.compareAndSetVolatile(0, 1);
        }

        @Actor
        public void second(ZZJ_Result r) {
            r.r2 = sequence.compareAndSetVolatile(0, 2);
        }

        @Arbiter
        public void arbiter(ZZJ_Result r) {
            r.r3 = sequence.getVolatile();
        }
    }

    /**
     * A 64-bit value is never seen half-written, through any non-plain accessor, and successive
     * reads never go back in time (coherence).
     */
    @JCStressTest
    @Outcome(id = {"0, 0, 0", "0, 0, -1", "0, -1, -1", "-1, -1, -1"}, expect = ACCEPTABLE,
            desc = "old or new, and never old after new")
    @Outcome(expect = FORBIDDEN, desc = "a torn value, or a read that went back to the old value")
    @State
    public static class NoTornOrIncoherentReads {
        private final Sequence sequence = new Sequence(0);

        @Actor
        public void writer() {
            sequence.setRelease(-1L); // all 64 bits set
        }

        @Actor
        public void reader(JJJ_Result r) {
            r.r1 = sequence.getOpaque();
            r.r2 = sequence.getAcquire();
            r.r3 = sequence.getVolatile();
        }
    }

    /** setRelease publishes the writes before it to a thread that sees the value with getAcquire. */
    @JCStressTest
    @Outcome(id = {"0, 0", "0, 42", "1, 42"}, expect = ACCEPTABLE, desc = "not yet seen, or seen with its data")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "saw the release but not the write before it")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class ReleaseAcquire {
        private final Sequence sequence = new Sequence(0);
        private long data;

        @Actor
        public void publisher() {
            data = 42;
            sequence.setRelease(1);
        }

        @Actor
        public void reader(JJ_Result r) {
            r.r1 = sequence.getAcquire();
            r.r2 = data;
        }
    }

    /** Two racing adds are both counted. */
    @JCStressTest
    @Outcome(id = {"0, 1, 2", "1, 0, 2"}, expect = ACCEPTABLE, desc = "each add saw the other or not, both counted")
    @Outcome(expect = FORBIDDEN, desc = "an add was lost or both saw the same value: not atomic")
    @State
    public static class AtomicAdd {
        private final Sequence sequence = new Sequence(0);

        @Actor
        public void first(JJJ_Result r) {
            r.r1 = sequence.getAndAddVolatile(1);
        }

        @Actor
        public void second(JJJ_Result r) {
            r.r2 = sequence.getAndAddVolatile(1);
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            r.r3 = sequence.getVolatile();
        }
    }
}
