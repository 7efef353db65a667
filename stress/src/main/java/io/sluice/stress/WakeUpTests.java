package io.sluice.stress;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;
import io.sluice.wait.AlertException;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.WaitTimeoutException;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Invariant 5, no lost wake-up: a thread blocked on a monitor resumes once what it waits for
 * happens, however the signal races the wait. JCStress termination mode: STALE means the waiter
 * never woke.
 */
public final class WakeUpTests {
    private WakeUpTests() {
    }

    /** A consumer blocked in the blocking wait strategy wakes when the sequence is published. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the consumer woke")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: the publish did not wake the consumer")
    @State
    public static class BlockingConsumerWakesOnPublish {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new BlockingWaitStrategy());
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

    /**
     * A consumer woken by the first of two publishes, and not yet given what it waits for, is
     * woken again by the second: the first signal clears the waiter count, and the consumer must
     * count itself again before it re-checks.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the consumer woke for the second publish")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: the second publish did not wake the consumer")
    @State
    public static class BlockingConsumerWakesForTheSecondOfTwoPublishes {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new BlockingWaitStrategy());
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void consumer() throws AlertException, InterruptedException, WaitTimeoutException {
            barrier.waitFor(1);
        }

        @Signal
        public void producer() {
            ring.publish(ring.tryNext());
            ring.publish(ring.tryNext());
        }
    }

    /** A consumer blocked behind an upstream consumer wakes when the upstream one signals progress. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the downstream consumer woke")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: upstream progress did not wake it")
    @State
    public static class BlockingConsumerWakesOnUpstreamProgress {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new BlockingWaitStrategy());
        private final Sequence upstream = new Sequence();
        private final SequenceBarrier barrier = ring.newBarrier(upstream);

        public BlockingConsumerWakesOnUpstreamProgress() {
            ring.publish(ring.tryNext());
        }

        @Actor
        public void downstream() throws AlertException, InterruptedException, WaitTimeoutException {
            barrier.waitFor(0);
        }

        @Signal
        public void upstreamFinishes() {
            upstream.setRelease(0);
            ring.signalConsumerProgress();
        }
    }

    /** An alert racing a blocking wait always ends the wait. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the alert ended the wait")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the alert was lost")
    @State
    public static class AlertEndsABlockingWait {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new BlockingWaitStrategy());
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void consumer() throws InterruptedException, WaitTimeoutException {
            try {
                barrier.waitFor(0);
            } catch (AlertException expected) {
                // the only way out: nothing is ever published
            }
        }

        @Signal
        public void halt() {
            barrier.alert();
        }
    }

    /**
     * An alert racing a blocking wait behind an upstream consumer ends the wait: such waiters
     * block apart from those waiting for producers, and the alert must reach them too.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the alert ended the wait")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the alert was lost")
    @State
    public static class AlertEndsABlockingWaitBehindAConsumer {
        private final RingBuffer<Slot> ring =
                RingBuffer.createMultiProducer(Slot::new, 4, new BlockingWaitStrategy());
        private final SequenceBarrier barrier = ring.newBarrier(new Sequence());

        @Actor
        public void downstream() throws InterruptedException, WaitTimeoutException {
            try {
                barrier.waitFor(0);
            } catch (AlertException expected) {
                // the only way out: the upstream consumer never advances
            }
        }

        @Signal
        public void halt() {
            barrier.alert();
        }
    }

    /** A producer blocked on a full ring (block() policy) wakes when the consumer frees a slot. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the producer woke and claimed")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: consumer progress did not wake the producer")
    @State
    public static class BlockedProducerWakesOnConsumerProgress {
        private final RingBuffer<Slot> ring = RingBuffer.builder(Slot::new)
                .capacity(1).backpressure(BackpressurePolicy.block()).build();
        private final Sequence consumer = new Sequence();

        public BlockedProducerWakesOnConsumerProgress() {
            ring.addGatingSequence(consumer);
            ring.publish(ring.tryNext()); // the ring is full
        }

        @Actor
        public void producer() throws InterruptedException {
            long sequence = ring.next();
            ring.publish(sequence);
        }

        @Signal
        public void consumerFinishes() {
            consumer.setRelease(0);
            ring.signalConsumerProgress();
        }
    }

    /**
     * A producer blocked on a full ring and woken by a progress signal that freed nothing is
     * woken again by the one that does: the first signal clears the waiter count, and the
     * producer must count itself again before it retries.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the producer woke and claimed")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up: the second signal did not wake the producer")
    @State
    public static class BlockedProducerWakesForTheSecondOfTwoSignals {
        private final RingBuffer<Slot> ring = RingBuffer.builder(Slot::new)
                .capacity(1).backpressure(BackpressurePolicy.block()).build();
        private final Sequence consumer = new Sequence();

        public BlockedProducerWakesForTheSecondOfTwoSignals() {
            ring.addGatingSequence(consumer);
            ring.publish(ring.tryNext()); // the ring is full
        }

        @Actor
        public void producer() throws InterruptedException {
            long sequence = ring.next();
            ring.publish(sequence);
        }

        @Signal
        public void consumerSignalsThenFinishes() {
            ring.signalConsumerProgress(); // frees nothing
            consumer.setRelease(0);
            ring.signalConsumerProgress();
        }
    }
}
