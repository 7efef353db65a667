package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;

/**
 * A producer handle whose policy admits every claim: no rate limit, no shedding on delay. Its
 * claim is the fast path of JCTools' {@code offer}: the sequencer's compare against its cached
 * gating minimum and store, then one add to this handle's own claim count. Everything else a
 * policy does (back off, block, time out, shed on a full ring) is reached only when that claim
 * fails, through {@link ClaimPolicy#afterFailedClaim}.
 *
 * <p>One thread at a time, as every handle.
 *
 * @param <E> the event type
 */
final class DirectProducer<E> extends Producer<E> {
    DirectProducer(RingBuffer<E> ring, Sequencer sequencer, String name, BackpressurePolicy policy) {
        super(ring, sequencer, name, policy, false);
    }

    @Override
    long claimSequences(int n, long timeout) throws InterruptedException {
        checkOpen();
        long sequence = sequencer.claimIfFree(n);
        if (sequence < 0) {
            sequence = claimPolicy.afterFailedClaim(n, timeout);
            if (sequence < 0) {
                return sequence;
            }
        }
        countClaims(n);
        return sequence;
    }

    @Override
    long tryClaimSequences(int n) {
        checkOpen();
        long sequence = sequencer.claimIfFree(n);
        if (sequence < 0) {
            return refused();
        }
        countClaims(n);
        return sequence;
    }
}
