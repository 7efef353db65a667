package io.sluice.stress;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.RingClosedException;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.wait.BlockingWaitStrategy;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import java.util.logging.Level;
import java.util.logging.Logger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Invariant 7, containment: a consumer that fails while a producer waits on the full ring it
 * gates releases that producer (the ring closes, naming the stage), however the failure races
 * the producer's wait. JCStress termination mode: STALE means the producer waited forever, as a
 * Disruptor producer does behind a dead consumer (its issue 223).
 */
public final class ContainmentTests {
    /** Every iteration logs the failure; kept strongly reachable so the setting sticks. */
    private static final Logger QUIET = Logger.getLogger("io.sluice.consumer");

    static {
        QUIET.setLevel(Level.OFF);
    }

    private ContainmentTests() {
    }

    /** A one-slot ring, full, gated by a processor whose handler fails on the one event. */
    static final class FullRing {
        final RingBuffer<Slot> ring;
        final BatchEventProcessor<Slot> processor;

        FullRing(ProducerType type, BackpressurePolicy policy) {
            ring = RingBuffer.builder(Slot::new).capacity(1).producerType(type)
                    .waitStrategy(new BlockingWaitStrategy()).backpressure(policy).build();
            processor = new BatchEventProcessor<>(ring, ring.newBarrier(), (slot, sequence, endOfBatch) -> {
                throw new IllegalStateException("consumer failed");
            });
            ring.addGatingSequence(processor.sequence());
            ring.publish(ring.tryNext());
        }

        void produce() throws InterruptedException {
            try {
                ring.next();
            } catch (RingClosedException released) {
                // what the producer learns: the stage failed
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the blocked producer was released")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the producer waits forever on a dead consumer")
    @State
    public static class BlockedProducerIsReleasedWhenTheConsumerFails {
        private final FullRing full = new FullRing(ProducerType.MULTI, BackpressurePolicy.block());

        @Actor
        public void producer() throws InterruptedException {
            full.produce();
        }

        @Signal
        public void consumerFails() {
            full.processor.run();
        }
    }

    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the parked producer was released")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the producer waits forever on a dead consumer")
    @State
    public static class ParkedSingleProducerIsReleasedWhenTheConsumerFails {
        private final FullRing full = new FullRing(ProducerType.SINGLE, BackpressurePolicy.park());

        @Actor
        public void producer() throws InterruptedException {
            full.produce();
        }

        @Signal
        public void consumerFails() {
            full.processor.run();
        }
    }
}
