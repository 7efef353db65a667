package io.sluice.stress.canary;

import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;
import io.sluice.stress.Slot;
import io.sluice.wait.AlertException;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.WaitTimeoutException;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/** Each canary is broken on purpose and carries its real test's specification: JCStress must fail it. */
public final class Canaries {
    private Canaries() {
    }

    /** Canary for WakeUpTests.BlockingConsumerWakesOnPublish: a blocking strategy that skips its signal. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the consumer woke")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: the publish did not wake the consumer")
    @State
    public static class BlockingStrategyWithoutSignal {
        private final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(
                Slot::new, 4, new SignalSkippingBlockingWaitStrategy());
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void consumer() throws AlertException, InterruptedException, WaitTimeoutException {
            barrier.waitFor(0);
        }

        @Signal
        public void producer() {
            ring.publish(ring.tryNext());
        }
    }

    /** Canary for PublicationTests.MultiProducer: the publish is not ordered after the slot write. */
    @JCStressTest
    @Outcome(id = {"-1, 0", "-1, 42", "0, 42"}, expect = ACCEPTABLE, desc = "not yet available, or available with its contents")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "marker visible before the slot write")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class PublishBeforeSlotWrite {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new BlockingWaitStrategy());
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void producer() {
            long sequence = ring.tryNext();
            ring.publish(sequence);            // the bug: published first...
            ring.get(sequence).value = 42;     // ...written after
        }

        @Actor
        public void consumer(JJ_Result r) {
            r.r1 = barrier.highestAvailable(0);
            r.r2 = ring.get(0).value;
        }
    }

    /** Canary for ClaimTests.MultiProducerClaimsAreUnique: a claim as a read then a write, not one atomic step. */
    @JCStressTest
    @Outcome(id = {"0, 1", "1, 0"}, expect = ACCEPTABLE, desc = "distinct sequences")
    @Outcome(expect = FORBIDDEN, desc = "the same sequence handed out twice, or one lost")
    @State
    public static class ClaimWithoutAtomicStep {
        private final Sequence cursor = new Sequence();

        private long claim() {
            long current = cursor.getVolatile();
            cursor.setVolatile(current + 1); // the bug: another claim can land between the read and this write
            return current + 1;
        }

        @Actor
        public void first(JJ_Result r) {
            r.r1 = claim();
        }

        @Actor
        public void second(JJ_Result r) {
            r.r2 = claim();
        }
    }
}
