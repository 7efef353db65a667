package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;

/**
 * A producer handle on a ring whose capacity is shared out among producer classes: its claims
 * take room through a {@link ClassedRoom}, which leaves the unused reserves of the other classes
 * free. Rings with classes build every handle, and their own shared producer, as this kind;
 * rings without never see it.
 *
 * <p>One thread at a time, as every handle; the ring's shared producer (any thread) counts its
 * claims from the ring's cursor and notes nothing, as its claims belong to no class.
 *
 * @param <E> the event type
 */
final class ClassedProducer<E> extends Producer<E> {
    private final ClassShares.Account account;
    private final ClassedRoom room;
    private final boolean shared;

    ClassedProducer(RingBuffer<E> ring, Sequencer sequencer, String name, BackpressurePolicy policy,
            ClassShares.Account account, ClassedRoom room, boolean shared) {
        super(ring, sequencer, name, policy, shared,
                policy.rateLimiter() == null ? null : account.permitsFrom(policy.rateLimiter()), room);
        this.account = account;
        this.room = room;
        this.shared = shared;
    }
    @Override
    long claimSequences(int n, long timeout) throws InterruptedException {
        checkOpen();
        long sequence = claimPolicy.admittedClaim(n, timeout);
        // The shared producer's claims are counted from the ring's cursor.
        if (sequence >= 0 && !shared) {
            countClaims(n);
        }
        return sequence;
    }

    @Override
    long tryClaimSequences(int n) {
        checkOpen();
        long sequence = claimPolicy.admittedTryClaim(n);
        if (sequence >= 0 && !shared) {
            countClaims(n);
        }
        return sequence;
    }

    @Override
    void abortClaim(long first, long last) {
        super.abortClaim(first, last);
        room.forgetIfTakenBack(first);
    }

    @Override
    boolean isOfClass(ClassShares.Account of) {
        return account == of;
    }

    /** Closes the handle; its log counts until consumers pass its claims. The shared producer never closes. */
    @Override
    public void close() {
        if (!shared) {
            super.close();
        }
    }

    /** Its counts join its class's retired ones; its log counts until consumers pass its claims. */
    @Override
    void retiredFromRing() {
        account.retired.absorb(counters);
        room.close();
    }
}
