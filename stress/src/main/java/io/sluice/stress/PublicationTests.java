package io.sluice.stress;

import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;
import io.sluice.wait.BlockingWaitStrategy;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Invariant 2: a consumer that sees a sequence as available sees every write to its slot made
 * before {@code publish}, on the real single- and multi-producer rings and on the single-producer
 * ring with slot markers, including a slot reused on the ring's next lap.
 */
public final class PublicationTests {
    private PublicationTests() {
    }

    @JCStressTest
    @Outcome(id = {"-1, 0", "-1, 42", "0, 42"}, expect = ACCEPTABLE, desc = "not yet available, or available with its contents")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "available before the slot write is visible")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class SingleProducer {
        private final RingBuffer<Slot> ring = RingBuffer.createSingleProducer(Slot::new, 4, new BlockingWaitStrategy());
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void producer() {
            long sequence = ring.tryNext();
            ring.get(sequence).value = 42;
            ring.publish(sequence);
        }

        @Actor
        public void consumer(JJ_Result r) {
            r.r1 = barrier.highestAvailable(0);
            r.r2 = ring.get(0).value;
        }
    }

    @JCStressTest
    @Outcome(id = {"-1, 0", "-1, 42", "0, 42"}, expect = ACCEPTABLE, desc = "not yet available, or available with its contents")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "marker visible before the slot write")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class MultiProducer {
        private final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 4, new BlockingWaitStrategy());
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void producer() {
            long sequence = ring.tryNext();
            ring.get(sequence).value = 42;
            ring.publish(sequence);
        }

        @Actor
        public void consumer(JJ_Result r) {
            r.r1 = barrier.highestAvailable(0);
            r.r2 = ring.get(0).value;
        }
    }

    /**
     * A range publish sets one marker per sequence, in order: a consumer may see the first
     * sequence of the range before the second, but never a sequence without its contents.
     */
    @JCStressTest
    @Outcome(id = {"-1, 0, 0", "-1, 0, 7", "-1, 42, 0", "-1, 42, 7"}, expect = ACCEPTABLE, desc = "nothing available yet")
    @Outcome(id = {"0, 42, 0", "0, 42, 7"}, expect = ACCEPTABLE, desc = "the first of the range, with its contents")
    @Outcome(id = "1, 42, 7", expect = ACCEPTABLE, desc = "the whole range, with its contents")
    @Outcome(expect = FORBIDDEN, desc = "an available sequence whose slot was stale")
    @State
    public static class MultiProducerRange {
        private final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 4, new BlockingWaitStrategy());
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void producer() {
            long hi = ring.tryNext(2);
            ring.get(hi - 1).value = 42;
            ring.get(hi).value = 7;
            ring.publish(hi - 1, hi);
        }

        @Actor
        public void consumer(JJJ_Result r) {
            r.r1 = barrier.highestAvailable(0);
            r.r2 = ring.get(0).value;
            r.r3 = ring.get(1).value;
        }
    }

    /**
     * Availability markers across wrap-around: on a 2-slot multi-producer ring whose first lap
     * is consumed, sequence 2 reuses slot 0. Seeing 2 published means seeing its contents, and
     * once 2's marker is seen, slot 0 no longer reports sequence 0 as published.
     */
    @JCStressTest
    @Outcome(id = {"0, 1, 1", "0, 1, 7", "0, 0, 1", "0, 0, 7"}, expect = ACCEPTABLE,
            desc = "sequence 2 not seen yet (the marker may move between the two reads)")
    @Outcome(id = "1, 0, 7", expect = ACCEPTABLE, desc = "sequence 2 seen, with its contents, and 0 no longer")
    @Outcome(id = {"1, 0, 1", "1, 1, 1"}, expect = FORBIDDEN, desc = "sequence 2 seen but slot 0 still held lap 0's contents")
    @Outcome(id = {"1, 1, 7"}, expect = FORBIDDEN, desc = "the marker went back to lap 0 after lap 1 was seen")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class MultiProducerWrapAround {
        private final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 2, new BlockingWaitStrategy());

        public MultiProducerWrapAround() {
            Sequence consumer = new Sequence();
            ring.addGatingSequence(consumer);
            long hi = ring.tryNext(2);
            ring.get(0).value = 1;
            ring.get(1).value = 1;
            ring.publish(0, hi);
            consumer.setRelease(1); // the first lap is consumed
        }

        @Actor
        public void producer() {
            long sequence = ring.tryNext(); // 2, in slot 0
            ring.get(sequence).value = 7;
            ring.publish(sequence);
        }

        @Actor
        public void consumer(JJJ_Result r) {
            r.r1 = ring.isPublished(2) ? 1 : 0;
            r.r3 = ring.get(0).value; // read second, reported third
            r.r2 = ring.isPublished(0) ? 1 : 0;
        }
    }
    /** A single-producer ring with slot markers: its consumers read the slot's marker, not the cursor. */
    private static RingBuffer<Slot> markedRing(int capacity) {
        return RingBuffer.builder(Slot::new).capacity(capacity).producerType(ProducerType.SINGLE).slotMarkers()
                .waitStrategy(new BlockingWaitStrategy()).build();
    }

    /** {@link SingleProducer} on the ring with slot markers. */
    @JCStressTest
    @Outcome(id = {"-1, 0", "-1, 42", "0, 42"}, expect = ACCEPTABLE, desc = "not yet available, or available with its contents")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "marker visible before the slot write")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class SlotMarkedSingleProducer {
        private final RingBuffer<Slot> ring = markedRing(4);
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void producer() {
            long sequence = ring.tryNext();
            ring.get(sequence).value = 42;
            ring.publish(sequence);
        }

        @Actor
        public void consumer(JJ_Result r) {
            r.r1 = barrier.highestAvailable(0);
            r.r2 = ring.get(0).value;
        }
    }

    /**
     * A claim of two committed through the claim object on the ring with slot markers: one marker
     * per sequence, in order, so the consumer may see the first before the second, never a
     * sequence without its contents.
     */
    @JCStressTest
    @Outcome(id = {"-1, 0, 0", "-1, 0, 7", "-1, 42, 0", "-1, 42, 7"}, expect = ACCEPTABLE, desc = "nothing available yet")
    @Outcome(id = {"0, 42, 0", "0, 42, 7"}, expect = ACCEPTABLE, desc = "the first of the claim, with its contents")
    @Outcome(id = "1, 42, 7", expect = ACCEPTABLE, desc = "the whole claim, with its contents")
    @Outcome(expect = FORBIDDEN, desc = "an available sequence whose slot was stale")
    @State
    public static class SlotMarkedClaim {
        private final RingBuffer<Slot> ring = markedRing(4);
        private final Producer<Slot> handle = ring.newProducer("p");
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void producer() {
            try {
                Claim<Slot> claim = handle.claim(2);
                claim.get(0).value = 42;
                claim.get(1).value = 7;
                claim.commit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Actor
        public void consumer(JJJ_Result r) {
            r.r1 = barrier.highestAvailable(0);
            r.r2 = ring.get(0).value;
            r.r3 = ring.get(1).value;
        }
    }

    /**
     * {@code publish(hi)} after {@code next(2)} on the ring with slot markers marks the claim from
     * its last sequence down: a consumer never sees a sequence without its contents.
     */
    @JCStressTest
    @Outcome(id = {"-1, 0, 0", "-1, 0, 7", "-1, 42, 0", "-1, 42, 7"}, expect = ACCEPTABLE, desc = "nothing available yet")
    @Outcome(id = {"0, 42, 0", "0, 42, 7"}, expect = ACCEPTABLE, desc = "the first of the claim, with its contents")
    @Outcome(id = "1, 42, 7", expect = ACCEPTABLE, desc = "the whole claim, with its contents")
    @Outcome(expect = FORBIDDEN, desc = "an available sequence whose slot was stale")
    @State
    public static class SlotMarkedLastSequencePublish {
        private final RingBuffer<Slot> ring = markedRing(4);
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void producer() {
            long hi = ring.tryNext(2);
            ring.get(hi - 1).value = 42;
            ring.get(hi).value = 7;
            ring.publish(hi);
        }

        @Actor
        public void consumer(JJJ_Result r) {
            r.r1 = barrier.highestAvailable(0);
            r.r2 = ring.get(0).value;
            r.r3 = ring.get(1).value;
        }
    }

    /** {@link MultiProducerWrapAround} on the ring with slot markers: sequence 2 reuses slot 0. */
    @JCStressTest
    @Outcome(id = {"0, 1, 1", "0, 1, 7", "0, 0, 1", "0, 0, 7"}, expect = ACCEPTABLE,
            desc = "sequence 2 not seen yet (the marker may move between the two reads)")
    @Outcome(id = "1, 0, 7", expect = ACCEPTABLE, desc = "sequence 2 seen, with its contents, and 0 no longer")
    @Outcome(id = {"1, 0, 1", "1, 1, 1"}, expect = FORBIDDEN, desc = "sequence 2 seen but slot 0 still held lap 0's contents")
    @Outcome(id = {"1, 1, 7"}, expect = FORBIDDEN, desc = "the marker went back to lap 0 after lap 1 was seen")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class SlotMarkedWrapAround {
        private final RingBuffer<Slot> ring = markedRing(2);
        private final SequenceBarrier barrier = ring.newBarrier();

        public SlotMarkedWrapAround() {
            Sequence consumer = new Sequence();
            ring.addGatingSequence(consumer);
            long hi = ring.tryNext(2);
            ring.get(0).value = 1;
            ring.get(1).value = 1;
            ring.publish(0, hi);
            consumer.setRelease(1); // the first lap is consumed
        }

        @Actor
        public void producer() {
            long sequence = ring.tryNext(); // 2, in slot 0
            ring.get(sequence).value = 7;
            ring.publish(sequence);
        }

        @Actor
        public void consumer(JJJ_Result r) {
            r.r1 = barrier.highestAvailable(2) == 2 ? 1 : 0;
            r.r3 = ring.get(0).value; // read second, reported third
            r.r2 = ring.isPublished(0) ? 1 : 0;
        }
    }
}
