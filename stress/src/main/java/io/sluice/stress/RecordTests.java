package io.sluice.stress;

import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.RingBufferBuilder;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;
import io.sluice.record.Records;
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
 * Invariant 2 for record rings: a consumer that sees a sequence as available sees every field
 * the producer wrote into its record before {@code publish}, on the heap and off it, on single-
 * and multi-producer rings, across a wrap of the buffer; and an aborted record is never seen as
 * one to deliver.
 */
public final class RecordTests {
    private RecordTests() {
    }

    private static RingBuffer<Records> ring(RingBufferBuilder<Records> builder, ProducerType type, int capacity) {
        return builder.capacity(capacity).producerType(type).waitStrategy(new BlockingWaitStrategy()).build();
    }

    /** Writes 42 and 43 into the two fields of one claimed record, then publishes it. */
    private static void writeOne(RingBuffer<Records> ring) {
        long sequence = ring.tryNext();
        ring.get(sequence).putLong(sequence, 0, 42).putLong(sequence, 8, 43);
        ring.publish(sequence);
    }

    /** Reads whether sequence 0 is available, then its two fields. */
    private static void readFirst(RingBuffer<Records> ring, SequenceBarrier barrier, JJJ_Result r) {
        r.r1 = barrier.highestAvailable(0);
        Records records = ring.get(0);
        r.r2 = records.getLong(0, 0);
        r.r3 = records.getLong(0, 8);
    }

    @JCStressTest
    @Outcome(id = {"-1, 0, 0", "-1, 42, 0", "-1, 0, 43", "-1, 42, 43", "0, 42, 43"}, expect = ACCEPTABLE,
            desc = "not yet available, or available with both fields")
    @Outcome(expect = FORBIDDEN, desc = "available before a field write is visible")
    @State
    public static class SingleProducerOnHeap {
        private final RingBuffer<Records> ring = ring(Records.onHeap(16), ProducerType.SINGLE, 4);
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void producer() {
            writeOne(ring);
        }

        @Actor
        public void consumer(JJJ_Result r) {
            readFirst(ring, barrier, r);
        }
    }

    /** {@link SingleProducerOnHeap} with the records in a direct buffer. */
    @JCStressTest
    @Outcome(id = {"-1, 0, 0", "-1, 42, 0", "-1, 0, 43", "-1, 42, 43", "0, 42, 43"}, expect = ACCEPTABLE,
            desc = "not yet available, or available with both fields")
    @Outcome(expect = FORBIDDEN, desc = "available before a field write is visible")
    @State
    public static class SingleProducerOffHeap {
        private final RingBuffer<Records> ring = ring(Records.offHeap(16), ProducerType.SINGLE, 4);
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void producer() {
            writeOne(ring);
        }

        @Actor
        public void consumer(JJJ_Result r) {
            readFirst(ring, barrier, r);
        }
    }

    /** {@link SingleProducerOnHeap} on a multi-producer ring, off the heap: its slot marker publishes the record. */
    @JCStressTest
    @Outcome(id = {"-1, 0, 0", "-1, 42, 0", "-1, 0, 43", "-1, 42, 43", "0, 42, 43"}, expect = ACCEPTABLE,
            desc = "not yet available, or available with both fields")
    @Outcome(expect = FORBIDDEN, desc = "marker visible before a field write")
    @State
    public static class MultiProducerOffHeap {
        private final RingBuffer<Records> ring = ring(Records.offHeap(16), ProducerType.MULTI, 4);
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void producer() {
            writeOne(ring);
        }

        @Actor
        public void consumer(JJJ_Result r) {
            readFirst(ring, barrier, r);
        }
    }

    /**
     * A wrap of the buffer: on a 2-record multi-producer ring whose first lap is consumed,
     * sequence 2 reuses record 0. Seeing 2 published means seeing its field, not lap 0's.
     */
    @JCStressTest
    @Outcome(id = {"0, 1", "0, 7"}, expect = ACCEPTABLE, desc = "sequence 2 not seen yet")
    @Outcome(id = "1, 7", expect = ACCEPTABLE, desc = "sequence 2 seen, with its field")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "sequence 2 seen but its record still held lap 0's field")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class MultiProducerWrapAround {
        private final RingBuffer<Records> ring = ring(Records.onHeap(8), ProducerType.MULTI, 2);

        public MultiProducerWrapAround() {
            Sequence consumer = new Sequence();
            ring.addGatingSequence(consumer);
            long hi = ring.tryNext(2);
            ring.get(0).putLong(0, 0, 1).putLong(1, 0, 1);
            ring.publish(0, hi);
            consumer.setRelease(1); // the first lap is consumed
        }

        @Actor
        public void producer() {
            long sequence = ring.tryNext(); // 2, in record 0
            ring.get(sequence).putLong(sequence, 0, 7);
            ring.publish(sequence);
        }

        @Actor
        public void consumer(JJ_Result r) {
            r.r1 = ring.isPublished(2) ? 1 : 0;
            r.r2 = ring.get(2).getLong(2, 0);
        }
    }

    /**
     * An aborted record of a multi-producer ring is published marked aborted: a consumer that
     * sees it available also sees the mark, so it never hands the record on.
     */
    @JCStressTest
    @Outcome(id = {"-1, 0", "-1, 1"}, expect = ACCEPTABLE, desc = "not yet available")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "available and marked aborted")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "available without its abort mark: it would be delivered")
    @Outcome(expect = FORBIDDEN, desc = "impossible value")
    @State
    public static class MultiProducerAbort {
        private final RingBuffer<Records> ring = ring(Records.offHeap(8), ProducerType.MULTI, 4);
        private final Producer<Records> producer = ring.newProducer("p");
        private final SequenceBarrier barrier = ring.newBarrier();

        @Actor
        public void producer() {
            Claim<Records> claim = producer.tryClaim();
            claim.get().putLong(claim.firstSequence(), 0, -1);
            claim.abort();
        }

        @Actor
        public void consumer(JJ_Result r) {
            r.r1 = barrier.highestAvailable(0);
            r.r2 = ring.isAborted(0) ? 1 : 0;
        }
    }
}
