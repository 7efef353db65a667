package io.sluice;

import io.sluice.backpressure.Watermarks;
import io.sluice.wait.WaitStrategy;

/**
 * A single producer whose cursor, and whose one gating consumer, live in memory another process
 * shares ({@link SharedPositions}). It publishes as {@link SingleProducerSequencer} does, to the
 * shared cursor. The consumer's position reaches the claim through a gating {@link Sequence} of
 * this JVM, {@link #remoteConsumer}, which a claim that finds the ring full refreshes from the
 * shared position before it gives up: the producer's own thread carries the consumer's progress
 * across, so every backpressure policy that polls (spin, yield, park, timeouts, shed, rate limits)
 * follows the other process. A consumer whose heartbeat stays still for the timeout while the
 * ring is full is taken for dead: the claim closes the ring, naming the shared memory, and the
 * waiting producer gets that {@link RingClosedException}.
 *
 * <p>Thread-safety: as {@link SingleClaimSequencer}; the heartbeat fields are the producer
 * thread's own.
 */
final class SharedCursorSequencer extends SingleClaimSequencer {
    private final SharedPositions shared;
    /** The other process's consumer, as this JVM's gating sequence; written only by claims here. */
    final Sequence remoteConsumer = new Sequence();
    private final long heartbeatTimeoutNanos;
    /** The heartbeat last seen, and since when it has not changed while this producer watched. */
    private long lastBeat;
    private long beatStillSince;
    private long lastLook;

    private final String ringName;

    SharedCursorSequencer(int capacity, WaitStrategy waitStrategy, Watermarks watermarks, SharedPositions shared,
            String ringName) {
        super(capacity, waitStrategy, watermarks);
        this.shared = shared;
        this.ringName = ringName;
        this.heartbeatTimeoutNanos = shared.heartbeatTimeoutNanos();
        // A producer that opens a ring again resumes at its cursor; nothing before it is claimed
        // again, and nothing the consumer has not finished is overwritten: the cache starts at
        // the consumer's shared position, not at the cursor.
        this.claim = shared.cursor();
        this.gatingCache = shared.consumerPosition();
        this.lastBeat = shared.consumerHeartbeat();
        this.lastLook = System.nanoTime();
        this.beatStillSince = lastLook;
    }

    /** Joins the shared consumer to the gating sequences at its shared position; called once, by the builder. */
    void gateOnRemoteConsumer() {
        addGatingSequences(remoteConsumer);
        // Release: the position read with acquire from the other process, for this JVM's readers.
        remoteConsumer.setRelease(shared.consumerPosition());
    }

    @Override
    long claimIfFree(int n) {
        long sequence = claimAlone(n);
        if (sequence != RingBuffer.INSUFFICIENT_CAPACITY) {
            return sequence;
        }
        // Full as far as this JVM knows: bring the consumer's shared position across (read with
        // acquire by SharedPositions), then try again. Plain read of the mirror: only claims on
        // this producer's thread write it.
        long position = shared.consumerPosition();
        if (position > remoteConsumer.getPlain()) {
            // Release, as a local consumer's own release of its sequence.
            remoteConsumer.setRelease(position);
            return claimAlone(n);
        }
        checkHeartbeat();
        return RingBuffer.INSUFFICIENT_CAPACITY;
    }

    @Override
    long claimWithin(int n, long head, long limit) {
        return claimAloneWithin(n, head, limit);
    }

    /** While the ring stays full: closes it if the consumer's heartbeat has not moved for the timeout. */
    private void checkHeartbeat() {
        long now = System.nanoTime();
        long beat = shared.consumerHeartbeat();
        // A look long after the last one starts the watch again: the consumer was not watched meanwhile.
        if (beat != lastBeat || now - lastLook > heartbeatTimeoutNanos / 4) {
            lastBeat = beat;
            beatStillSince = now;
        }
        lastLook = now;
        if (now - beatStillSince > heartbeatTimeoutNanos && closure == null) {
            close(new RingClosedException(ringName, "the consumer of " + shared.describe() + " stopped: no heartbeat for "
                    + (now - beatStillSince) / 1_000_000 + " ms while the ring was full (timeout "
                    + heartbeatTimeoutNanos / 1_000_000 + " ms); the ring is abandoned", null));
        }
    }

    @Override
    void makeAvailable(long last) {
        checkClaimed(last);
        // Release (SharedPositions.publishCursor): the other process's consumer, acquiring the
        // cursor, sees the record writes made before it.
        shared.publishCursor(last);
        waitStrategy.signalPublished();
    }

    @Override
    void makeAvailable(long lo, long hi) {
        checkClaimed(hi);
        // Release, as above; the cursor covers the whole range.
        shared.publishCursor(hi);
        waitStrategy.signalPublished();
    }

    @Override
    void makeClaimAvailable(long lo, long hi) {
        // Release, as above: the claim object made this claim, so there is nothing to check.
        shared.publishCursor(hi);
        waitStrategy.signalPublished();
    }

    @Override
    void withdraw(long lo, long hi) {
        if (takeBack(lo, hi)) {
            return;
        }
        // The other process's consumer cannot read this JVM's abort marks, so only the latest
        // claim can be withdrawn (taken back, as if never claimed); an earlier one is refused.
        throw new IllegalStateException("claim " + lo + ".." + hi + " on " + shared.describe()
                + " is not the producer's latest: a ring shared with another process can take back only its latest claim");
    }

    @Override
    void closedAt(long finalSequence) {
        shared.close(finalSequence);
    }

    @Override
    long highestAvailable(long lo) {
        // Acquire (SharedPositions.cursor): pairs with the release of publishCursor.
        return shared.cursor();
    }

    @Override
    boolean isClaimInFlight(long sequence) {
        return false;
    }

    @Override
    boolean isAvailable(long sequence) {
        long published = shared.cursor();
        return sequence <= published && sequence > published - capacity;
    }
}
