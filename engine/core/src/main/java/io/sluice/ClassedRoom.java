package io.sluice;

/**
 * Room for the claims of one handle on a ring whose capacity is shared out among producer classes
 * ({@link ClassShares}): every claim, on its first try and on each retry while the policy waits,
 * leaves the unused reserves of the other classes free.
 *
 * <p>A claim first tries the sequencer within the common room (the capacity less all reserves),
 * against the consumers' minimum this handle last read: one compare more than a plain claim,
 * and the whole cost while occupancy stays there. Past it, the handle reads the consumers again,
 * then every reserving class's count ({@link ClassShares#limitFor}), and claims within that
 * limit. A handle whose class keeps a reserve then notes the claim in its {@link ClaimLog}: two
 * plain stores and a release store.
 *
 * <p>Thread-safety: one thread at a time, as the handle that owns it; the ring's shared producer
 * (any thread) notes nothing, as its claims belong to no class.
 */
final class ClassedRoom implements ClaimRoom {
    /** How many more looks a claim within its class's reserve takes before it counts as held back. */
    private static final int RELOOKS = 16;
    private final Sequencer sequencer;
    private final ClassShares shares;
    final ClassShares.Account account;
    /** Null when the class keeps no reserve, whose count nobody reads, and for the ring's shared producer. */
    private final ClaimLog log;
    /**
     * The consumers' minimum as last read. Gating sequences only grow, so an old value only
     * understates free room. Plain: the handle's thread writes it; on the ring's shared producer
     * several threads may, each a value the consumers had passed, so any value read is safe.
     */
    private long cachedHead = Sequence.INITIAL_VALUE;

    /** @param noted whether claims are noted in a log for the class (not for the ring's shared producer) */
    ClassedRoom(Sequencer sequencer, ClassShares shares, ClassShares.Account account, boolean noted) {
        this.sequencer = sequencer;
        this.shares = shares;
        this.account = account;
        this.log = noted ? account.newLog() : null;
    }

    @Override
    public long claim(int n) {
        long sequence = sequencer.claimWithin(n, cachedHead, shares.commonRoom);
        if (sequence == RingBuffer.INSUFFICIENT_CAPACITY) {
            sequence = claimPastCommonRoom(n);
        }
        if (sequence >= 0 && log != null) {
            log.noteClaim(sequence - n + 1, n);
        }
        return sequence;
    }

    /**
     * Off the inlined path: occupancy, as last seen, would leave the common room. A handle whose
     * class is within its reserve and is still refused looks again a few times: the other
     * classes' counts it read may have missed a claim of theirs granted an instant before and
     * not yet noted, which made them seem to keep more than they do.
     */
    private long claimPastCommonRoom(int n) {
        long sequence = claimWithinLimit(n);
        for (int look = 0; look < RELOOKS && sequence == HELD_BACK && withinReserve(n); look++) {
            Thread.onSpinWait();
            sequence = claimWithinLimit(n);
        }
        return sequence;
    }

    /** One look: the consumers' position, then the common room, then the limit the other classes leave. */
    private long claimWithinLimit(int n) {
        long claimed = sequencer.claimedVolatile();
        long head = sequencer.minimumGatingSequence(claimed);
        cachedHead = head;
        long sequence = sequencer.claimWithin(n, head, shares.commonRoom);
        if (sequence != RingBuffer.INSUFFICIENT_CAPACITY) {
            return sequence;
        }
        long limit = shares.limitFor(account, head);
        if (limit > shares.commonRoom) {
            sequence = sequencer.claimWithin(n, head, limit);
        }
        if (sequence == RingBuffer.INSUFFICIENT_CAPACITY && limit < shares.capacity
                && claimed + n - head <= shares.capacity) {
            // The ring had room for the claim, but only in other classes' unused reserves.
            return HELD_BACK;
        }
        return sequence;
    }

    /** {@return whether a claim of {@code n} keeps this handle's class within its reserve, as counted now} */
    private boolean withinReserve(int n) {
        return account.withinReserve(n, sequencer.minimumGatingSequence(sequencer.claimedVolatile()));
    }

    @Override
    public boolean mayShedOnDelay(int n) {
        return !withinReserve(n);
    }

    /** After an abort of {@code first..}: a single-producer ring took its latest claim back, and the sequence will be claimed again. */
    void forgetIfTakenBack(long first) {
        if (log != null && sequencer.claimedVolatile() < first) {
            log.forgetLatest();
        }
    }

    /** The handle is retired: its log counts until consumers pass its claims. */
    void close() {
        if (log != null) {
            log.close();
        }
    }
}
