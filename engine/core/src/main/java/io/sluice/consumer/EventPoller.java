package io.sluice.consumer;

import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;

import java.util.Objects;

/**
 * A consumer the caller drives: each {@link #poll} hands the available events to a handler and
 * returns at once, never waiting. For a consumer that lives in someone else's loop (a network
 * event loop, a game tick, a duty cycle with an Agrona idle strategy).
 *
 * <p>Add {@link #sequence()} to the ring's gating sequences with
 * {@link RingBuffer#addGatingSequence} before the first poll.
 *
 * <p>Thread-safety: one thread polls at a time; {@link #sequence()} may be read from any thread.
 * A poll allocates nothing.
 *
 * @param <E> the event type
 */
public final class EventPoller<E> {
    /** What a {@link #poll} found. */
    public enum State {
        /** It handled at least one event. */
        PROCESSING,
        /** Nothing is published after the poller's sequence. */
        IDLE,
        /** The next event is published but an upstream consumer has not finished it yet. */
        GATING
    }

    /**
     * Handles one polled event.
     *
     * @param <E> the event type
     */
    @FunctionalInterface
    public interface Handler<E> {
        /**
         * Handles one event of a poll.
         *
         * @param event the event, the ring's pre-allocated slot
         * @param sequence its sequence
         * @param endOfBatch whether it is the last event available to this poll
         * @return whether to go on with the next available event in this poll
         * @throws Exception to end the poll; the failed event stays unconsumed
         */
        boolean onEvent(E event, long sequence, boolean endOfBatch) throws Exception;
    }

    private final RingBuffer<E> ring;
    private final SequenceBarrier barrier;
    private final Sequence sequence = new Sequence();
    /** The sequence at the first poll; processed = sequence - this. */
    private long firstSequence = Long.MIN_VALUE;

    private EventPoller(RingBuffer<E> ring, SequenceBarrier barrier) {
        this.ring = ring;
        this.barrier = barrier;
    }

    /**
     * Creates a poller over {@code ring}, after the consumers whose sequences are given.
     *
     * @param ring the ring to read
     * @param dependents the sequences of consumers that must finish an event first; none to read
     *     what producers publish
     * @param <E> the event type
     * @return the poller
     */
    public static <E> EventPoller<E> create(RingBuffer<E> ring, Sequence... dependents) {
        Objects.requireNonNull(ring, "ring");
        return new EventPoller<>(ring, ring.newBarrier(dependents));
    }

    /** {@return the sequence of the last event this poller finished} */
    public Sequence sequence() {
        return sequence;
    }

    /**
     * Hands every event available now to {@code handler}, until it returns false, then advances
     * the poller's sequence once. Never waits.
     *
     * @param handler the handler
     * @return whether it handled events, found none, or is held back by an upstream consumer
     * @throws Exception what the handler threw; the events it finished before are consumed
     */
    public State poll(Handler<? super E> handler) throws Exception {
        Objects.requireNonNull(handler, "handler");
        long current = sequence.getPlain();
        if (firstSequence == Long.MIN_VALUE) {
            firstSequence = current;
        }
        long next = current + 1;
        long available = barrier.highestAvailable(next);
        if (available < next) {
            return ring.isPublished(next) ? State.GATING : State.IDLE;
        }
        long processed = current;
        // Decided per poll: only on a ring where a claim was ever aborted is each event asked about.
        boolean skipAborted = ring.hasAbortedClaims();
        long last = available;
        while (skipAborted && last >= next && ring.isAborted(last)) {
            last--;
        }
        try {
            boolean more = true;
            do {
                if (!skipAborted || !ring.isAborted(next)) {
                    more = handler.onEvent(ring.get(next), next, next == last);
                }
                processed = next++;
            } while (more && next <= available);
        } finally {
            // Release: the reads of the slots up to `processed` happen before their reuse.
            sequence.setRelease(processed);
            ring.signalConsumerProgress();
        }
        return State.PROCESSING;
    }

    /**
     * Copies the poller's progress into {@code into}; allocation-free. Call it from the polling
     * thread (the processed count is the poller's own state).
     *
     * @param into a caller-owned snapshot to overwrite
     * @return {@code into}
     */
    public ConsumerSnapshot snapshot(ConsumerSnapshot into) {
        long current = sequence.getVolatile();
        long processed = firstSequence == Long.MIN_VALUE ? 0 : current - firstSequence;
        into.fill("EventPoller", current, processed, ring.cursor(), true);
        return into;
    }

    @Override
    public String toString() {
        return "EventPoller{sequence=" + sequence + '}';
    }
}
