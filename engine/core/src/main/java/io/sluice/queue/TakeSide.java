package io.sluice.queue;

import io.sluice.Producer;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;
import io.sluice.access.FieldHandles;
import io.sluice.backpressure.BackpressurePolicy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The consumers' side of a queue: which sequence the next take gets, and the gating sequence
 * that lets producers reuse slots. Chosen when the queue is built: a {@link SingleTaker} for one
 * consumer thread at a time, {@link SharedTakers} for any number.
 *
 * <p>A queue whose capacity is not a power of two sits on the next larger ring, and producers
 * must stop {@code slack} slots early for it to hold no more than its capacity. So the ring's
 * first {@code slack} sequences are claimed and published empty when the queue is built, and
 * count as taken, while the gating sequence starts where it would without them: it runs
 * {@code slack} behind the last sequence taken from then on, and the ring's gating rule (claimed
 * minus gate at most the ring's size) becomes the queue's (claimed minus taken at most the
 * capacity). The gate never moves back, as a ring's gating sequences must not.
 */
abstract class TakeSide {
    private static final VarHandle HOLES = FieldHandles.field(MethodHandles.lookup(), TakeSide.class, "holes", long.class);

    final RingBuffer<QueueSlot> ring;
    final Sequence gate;
    final long slack;

    /** Elements withdrawn by {@code remove} that no consumer has passed over yet. */
    @SuppressWarnings("unused") // read and written through HOLES
    private volatile long holes;

    TakeSide(RingBuffer<QueueSlot> ring, long slack) {
        this.ring = ring;
        this.slack = slack;
        this.gate = new Sequence();
        ring.addGatingSequence(gate); // the ring was just built: the gate is at the initial value
        if (slack > 0) {
            // Through a handle of its own that never waits: the queue's policy may be rate-limited.
            try (Producer<QueueSlot> filler = ring.newProducer("slack", BackpressurePolicy.spin())) {
                long hi = filler.tryNext((int) slack);
                filler.publish(hi - slack + 1, hi);
            }
        }
    }

    /** Takes the oldest element, or returns null at once if there is none; never waits. */
    abstract Object poll();

    /** {@return the last sequence a consumer has taken (or is taking)} */
    abstract long taken();

    /** Counts a withdrawn element that consumers will pass over. */
    final void withdrawn() {
        HOLES.getAndAdd(this, 1L);
    }

    /**
     * A consumer passed over a withdrawn element, whose slot is free again once the gate is past
     * it: producers waiting on the full queue are told, as after a take (without it, a queue
     * whose last elements were all removed kept a blocked {@code put} waiting forever).
     */
    final void passedOver() {
        HOLES.getAndAdd(this, -1L);
        ring.signalConsumerProgress();
    }

    final long holes() {
        return (long) HOLES.getVolatile(this);
    }

    /** {@return whether an element may be waiting at the head: the sequence after the last taken is published} */
    final boolean headPublished() {
        return ring.isPublished(taken() + 1);
    }

    /**
     * One consumer thread at a time: the gating sequence is the position, moved with a release
     * store. The consumer keeps the highest sequence it found published and asks the ring again
     * only past it ({@link #publishedFrom}); how far to ask depends on the ring's kind.
     */
    abstract static class SingleTaker extends TakeSide {
        /** The highest sequence known published; only the consumer thread reads and writes it. */
        private long available = Sequence.INITIAL_VALUE;

        SingleTaker(RingBuffer<QueueSlot> ring, long slack) {
            super(ring, slack);
        }

        /** {@return the consumer side for one consumer thread on {@code ring}} */
        static SingleTaker on(RingBuffer<QueueSlot> ring, long slack) {
            return ring.producerType() == ProducerType.SINGLE ? new OfCursor(ring, slack) : new OfMarkers(ring, slack);
        }

        /**
         * {@return the highest sequence from {@code next} on known to be published, or less than
         *     {@code next} if {@code next} is not} Acquire: the elements up to it are visible.
         */
        abstract long publishedFrom(long next);

        @Override
        final Object poll() {
            long next = gate.getPlain() + slack + 1;
            while (true) {
                if (next > available) {
                    available = publishedFrom(next);
                    if (next > available) {
                        return null;
                    }
                }
                Object element = ring.get(next).take();
                // Release: the slot's null (and every read of it) happens before a producer that
                // acquires the gate reuses it.
                gate.setRelease(next - slack);
                if (element != null) {
                    ring.signalConsumerProgress();
                    return element;
                }
                passedOver();
                next++;
            }
        }

        @Override
        final long taken() {
            return gate.getAcquire() + slack;
        }

        /**
         * On a single-producer ring one read of the cursor tells how far the producer has
         * published: the consumer reads it once per run of elements, not once per element.
         */
        static final class OfCursor extends SingleTaker {
            private final SequenceBarrier barrier;

            OfCursor(RingBuffer<QueueSlot> ring, long slack) {
                super(ring, slack);
                this.barrier = ring.newBarrier();
            }

            @Override
            long publishedFrom(long next) {
                return barrier.highestAvailable(next);
            }
        }

        /**
         * On a multi-producer ring each slot has its own marker: the consumer asks for one slot
         * at a time, because a scan ahead would read lines the producers are writing.
         */
        static final class OfMarkers extends SingleTaker {
            OfMarkers(RingBuffer<QueueSlot> ring, long slack) {
                super(ring, slack);
            }

            @Override
            long publishedFrom(long next) {
                return ring.isPublished(next) ? next : next - 1;
            }
        }
    }

    /**
     * Any number of consumer threads: a take claims the next published sequence with a
     * compare-and-set on {@code claimed}, empties its slot, and marks it done; the gate then
     * moves over every done sequence in order, moved by whichever taker finds the next one done,
     * so a taker never waits for a slower one.
     */
    static final class SharedTakers extends TakeSide {
        private static final VarHandle DONE = MethodHandles.arrayElementVarHandle(long[].class);

        /** The last sequence a taker claimed. */
        private final Sequence claimed;
        /** Per slot, the last sequence taken from it and done with. */
        private final long[] done;
        private final int mask;

        SharedTakers(RingBuffer<QueueSlot> ring, long slack) {
            super(ring, slack);
            this.claimed = new Sequence(slack - 1); // the empty slack sequences count as taken
            this.done = new long[ring.capacity()];
            Arrays.fill(done, Sequence.INITIAL_VALUE);
            this.mask = ring.capacity() - 1;
        }

        @Override
        Object poll() {
            while (true) {
                long last = claimed.getVolatile();
                long next = last + 1;
                if (!ring.isPublished(next)) { // acquire on the cursor or the slot's marker
                    if (claimed.getVolatile() == last) {
                        return null;
                    }
                    continue; // a stale view: another taker moved on
                }
                // Volatile CAS: the sequence is this taker's alone, and it is published, so its
                // slot holds this lap's element (or null, withdrawn) until this taker is done.
                if (!claimed.compareAndSetVolatile(last, next)) {
                    continue;
                }
                Object element = ring.get(next).take();
                markDone(next);
                if (element != null) {
                    ring.signalConsumerProgress();
                    return element;
                }
                passedOver();
            }
        }

        /**
         * Marks {@code sequence} done, then moves the gate over every done sequence in order.
         * Volatile mark and volatile reads: of two takers finishing neighbouring sequences, the
         * one that marks last sees the other's mark (the store-load order a release store would
         * not give), so the gate never stops short of a done sequence.
         */
        private void markDone(long sequence) {
            DONE.setVolatile(done, (int) sequence & mask, sequence);
            while (true) {
                long gateValue = gate.getVolatile();
                long following = gateValue + slack + 1;
                if ((long) DONE.getVolatile(done, (int) following & mask) != following) {
                    return;
                }
                // Volatile CAS: a lost race means another taker moved the gate; look again.
                gate.compareAndSetVolatile(gateValue, gateValue + 1);
            }
        }

        @Override
        long taken() {
            return claimed.getVolatile();
        }
    }
}
