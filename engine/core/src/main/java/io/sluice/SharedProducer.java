package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;

/**
 * The ring's own producer, behind {@link RingBuffer#next()}, {@link RingBuffer#tryNext()} and the
 * ring's {@code publishEvent} forms: any thread may claim through it at once. It applies the
 * ring's whole policy, and counts only on its slow paths and with atomic adds; it does not count
 * claims, which the ring derives from its claim cursor. It never closes.
 *
 * @param <E> the event type
 */
final class SharedProducer<E> extends Producer<E> {
    SharedProducer(RingBuffer<E> ring, Sequencer sequencer, String name, BackpressurePolicy policy) {
        super(ring, sequencer, name, policy, true);
    }

    @Override
    long claimSequences(int n, long timeout) throws InterruptedException {
        return claimPolicy.admittedClaim(n, timeout);
    }

    @Override
    long tryClaimSequences(int n) {
        return claimPolicy.admittedTryClaim(n);
    }

    /** The ring's producer stays open as long as the ring: closing it does nothing. */
    @Override
    public void close() {
        // Nothing to retire: the ring's totals read this producer's counters directly.
    }
}
