package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;

/**
 * A producer handle whose policy must admit each claim before the sequencer makes it: a rate
 * limit takes its permits, and shedding on delay asks its CoDel state whether to drop. Those
 * steps are the features in use, so every claim takes them; a handle without them is a
 * {@link DirectProducer} and never looks.
 *
 * <p>One thread at a time, as every handle.
 *
 * @param <E> the event type
 */
final class AdmissionProducer<E> extends Producer<E> {
    AdmissionProducer(RingBuffer<E> ring, Sequencer sequencer, String name, BackpressurePolicy policy) {
        super(ring, sequencer, name, policy, false);
    }

    @Override
    long claimSequences(int n, long timeout) throws InterruptedException {
        checkOpen();
        long sequence = claimPolicy.admittedClaim(n, timeout);
        if (sequence >= 0) {
            countClaims(n);
        }
        return sequence;
    }

    @Override
    long tryClaimSequences(int n) {
        checkOpen();
        long sequence = claimPolicy.admittedTryClaim(n);
        if (sequence >= 0) {
            countClaims(n);
        }
        return sequence;
    }
}
