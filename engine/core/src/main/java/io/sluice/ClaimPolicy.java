package io.sluice;

import io.sluice.backpressure.DelayShedder;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.ProducerBackoff;
import io.sluice.jfr.FlightRecorderHooks;
import io.sluice.jfr.ProducerStallEvent;
import io.sluice.metrics.ProducerCounter;

import java.util.concurrent.locks.LockSupport;

/**
 * A producer handle's backpressure policy, applied to its claims: admission (rate-limit permits,
 * shedding on delay) before a claim where the policy has them, and the stall when the ring is
 * short of room (shed, spin, yield, park, block, time out). The handle ({@link Producer}) keeps
 * the API and its fast path and comes here for everything else; this class goes on to the
 * handle's {@link ClaimRoom} and the sequencer, never back to the handle. Counts stalls, drops,
 * timeouts, rejections and rate-limited waits into the handle's counters, never claims.
 *
 * <p>Thread-safety: as its handle, one thread at a time; the ring's shared producer's counters
 * are atomic, so its policy may run on several threads at once.
 */
final class ClaimPolicy {
    private final String producerName;
    private final String ringName;
    private final String policyText;
    private final Sequencer sequencer;
    private final ClaimRoom room;
    private final ProducerCounters counters;
    /** The ring's blocked producers; null unless some handle's policy blocks. */
    private final CapacityWaiters capacityWaiters;
    /** The policy's shape, read once here so that a claim tests a final field, not the policy. */
    private final boolean sheds;
    private final boolean blocks;
    private final ProducerBackoff backoff;
    /** Where a rate-limited handle's permits come from: its policy's limiter, or a class's share of it; null without one. */
    private final Permits permits;
    private final long longestParkNanos;
    /** The CoDel state of a {@link BackpressurePolicy#shedOnDelay} policy; null under any other. */
    private final DelayShedder delayShedder;

    ClaimPolicy(String producerName, String ringName, BackpressurePolicy policy, Permits permits, Sequencer sequencer,
            ClaimRoom room, ProducerCounters counters, CapacityWaiters capacityWaiters) {
        this.producerName = producerName;
        this.ringName = ringName;
        this.policyText = policy.toString();
        this.sequencer = sequencer;
        this.room = room;
        this.counters = counters;
        this.capacityWaiters = capacityWaiters;
        this.sheds = policy.sheds();
        this.blocks = policy.blocks();
        this.backoff = policy.backoffStep();
        this.permits = permits;
        this.longestParkNanos = policy.longestParkNanos();
        this.delayShedder = policy.delayTarget() == null ? null : new DelayShedder(policy.delayTarget(), sequencer);
    }

    /**
     * A claim whose first try at the sequencer failed, as every kind of handle's fast path
     * fails: throws if the ring is closed, else stalls under the policy.
     *
     * @return the highest claimed sequence, or {@link RingBuffer#TIMED_OUT} or {@link RingBuffer#DROPPED}
     */
    long afterFailedClaim(int n, long timeout) throws InterruptedException {
        checkNotClosed();
        return stall(n, timeout, 0);
    }

    /** A try claim found no room: counted, unless the ring is closed, which throws. */
    final long refused() {
        checkNotClosed();
        counters.add(ProducerCounter.REJECTIONS, 1);
        return RingBuffer.INSUFFICIENT_CAPACITY;
    }

    /** A try claim under the whole policy: permits first when rate-limited. Counts nothing claimed. */
    final long admittedTryClaim(int n) {
        if (permits != null && !tryPermits(n)) {
            return refused();
        }
        long sequence = room.claim(n);
        if (sequence >= 0) {
            return sequence;
        }
        if (sequence == ClaimRoom.HELD_BACK) {
            counters.add(ProducerCounter.OVER_SHARE, 1);
        }
        if (permits != null) {
            permits.refund(n); // nothing was claimed: the permits were not used
        }
        return refused();
    }

    /**
     * A claim under the whole policy: delay shedding and rate limiting first, then the
     * sequencer, then the stall path. Counts nothing claimed: the caller does, if it counts.
     */
    final long admittedClaim(int n, long timeout) throws InterruptedException {
        if (delayShedder != null && delayShedder.dropsNext() && room.mayShedOnDelay(n)) {
            checkNotClosed();
            counters.add(ProducerCounter.DROPS, n);
            return RingBuffer.DROPPED;
        }
        long deadline = 0;
        // The burst, a final field, on this path: largestAcquire() sums the limiter's shares, and
        // a claim between the two fails to acquire and waits for its permits in chunks that fit.
        if (permits != null && (n > permits.limiter().burst() || !permits.tryAcquire(n))) {
            if (sheds) {
                checkPermitsFit(n);
                counters.add(ProducerCounter.DROPS, n);
                return RingBuffer.DROPPED;
            }
            long start = System.nanoTime();
            deadline = timeout > 0 ? start + timeout : 0;
            if (!awaitPermits(n, start, deadline)) {
                return RingBuffer.TIMED_OUT;
            }
        }
        long sequence = room.claim(n);
        if (sequence >= 0) {
            return sequence;
        }
        checkNotClosed();
        if (sequence == ClaimRoom.HELD_BACK) {
            counters.add(ProducerCounter.OVER_SHARE, 1);
        }
        return stall(n, timeout, deadline);
    }

    /**
     * Slow path: the ring is short of capacity, and open as far as the failed claim saw. Applies
     * the policy: shed, or wait (blocking or backing off) until a claim succeeds, the deadline
     * (0: none) passes or the ring closes. Counts stalls, timeouts and drops, not claims.
     *
     * @return the highest claimed sequence, or {@link RingBuffer#TIMED_OUT} or {@link RingBuffer#DROPPED}
     */
    private long stall(int n, long timeout, long deadline) throws InterruptedException {
        if (sheds) {
            counters.add(ProducerCounter.DROPS, n);
            return RingBuffer.DROPPED;
        }
        long start = System.nanoTime();
        if (deadline == 0 && timeout > 0) {
            deadline = start + timeout;
        }
        ProducerStallEvent event = null;
        long lag = 0;
        // Asked first: an event object kept across the wait loop is not scalar-replaced, so
        // creating one unconditionally would allocate on every stall (and would start JFR).
        if (FlightRecorderHooks.stallEventEnabled()) {
            event = new ProducerStallEvent();
            event.begin();
            lag = occupancy();
        }
        long sequence;
        try {
            sequence = blocks
                    ? capacityWaiters.claim(room, sequencer, n, deadline, permits)
                    : backoffClaim(n, deadline);
        } catch (InterruptedException e) {
            counters.recordStall(System.nanoTime() - start);
            commit(event, n, lag, "interrupted");
            throw e;
        }
        counters.recordStall(System.nanoTime() - start);
        if (sequence == Sequencer.CLOSED) {
            commit(event, n, lag, "ring closed");
            throw sequencer.closure;
        }
        if (sequence < 0) {
            counters.add(ProducerCounter.TIMEOUTS, 1);
            commit(event, n, lag, "timed out");
        } else {
            commit(event, n, lag, "claimed");
        }
        return sequence;
    }

    private long backoffClaim(int n, long deadline) throws InterruptedException {
        int attempt = 0;
        long sequence;
        while ((sequence = room.claim(n)) < 0) {
            if (sequence == Sequencer.CLOSED || sequencer.closure != null) {
                return Sequencer.CLOSED;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while claiming " + n + " slots of ring " + ringName);
            }
            if (deadline != 0 && System.nanoTime() - deadline >= 0) {
                return RingBuffer.TIMED_OUT;
            }
            if (permits != null) {
                permits.stepIfDue(); // an adaptive rate follows the consumers while the ring is full too
            }
            backoff.idle(attempt);
            if (attempt < Integer.MAX_VALUE) {
                attempt++;
            }
        }
        return sequence;
    }

    /** Takes {@code n} permits if the bucket holds them now; a try claim's only way to get them. */
    private boolean tryPermits(int n) {
        checkPermitsFit(n);
        return permits.tryAcquire(n);
    }

    /** A claim that never waits cannot take more permits than the bucket can hold. */
    private void checkPermitsFit(int n) {
        long most = permits.largestAcquire();
        if (n > most) {
            throw new IllegalArgumentException("a claim of " + n + " sequences that does not wait needs more permits than the "
                    + most + " the rate limiter of producer " + producerName + " on ring " + ringName
                    + " can give it at once (its burst " + permits.limiter().burst()
                    + ", less any reserves of other producer classes): n must be from 1 to "
                    + most);
        }
    }

    /**
     * Waits for {@code n} permits, a burst at a time, until the deadline (0: none). Parks between
     * looks for at most the policy's longest park, so a close is noticed within it; under
     * {@link BackpressurePolicy#block()} it waits on the ring's capacity waiters, which the close
     * signals, and wakes at once. On a timeout, an interrupt or a close, the permits already
     * taken are given back.
     *
     * @return false if the deadline passed first
     */
    private boolean awaitPermits(int n, long start, long deadline) throws InterruptedException {
        long burst = permits.largestAcquire();
        int taken = 0;
        boolean granted = false;
        try {
            while (taken < n) {
                int chunk = (int) Math.min(n - taken, burst);
                while (!permits.tryAcquire(chunk)) {
                    checkNotClosed();
                    if (Thread.interrupted()) {
                        throw new InterruptedException("interrupted while waiting for a rate-limit permit on ring " + ringName);
                    }
                    long wait = permits.nanosUntilAvailable(chunk);
                    if (deadline != 0) {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0) {
                            counters.add(ProducerCounter.TIMEOUTS, 1);
                            return false;
                        }
                        wait = Math.min(wait, remaining);
                    }
                    if (blocks) {
                        capacityWaiters.awaitUnlessClosed(sequencer, wait);
                    } else {
                        LockSupport.parkNanos(this, Math.min(wait, longestParkNanos));
                    }
                }
                taken += chunk;
            }
            granted = true;
            return true;
        } finally {
            if (!granted && taken > 0) {
                permits.refund(taken);
            }
            counters.add(ProducerCounter.RATE_LIMITED_WAITS, 1);
            counters.add(ProducerCounter.RATE_LIMITED_NANOS, System.nanoTime() - start);
        }
    }

    private long occupancy() {
        long claimed = sequencer.claimedVolatile();
        return claimed - sequencer.minimumGatingSequence(claimed);
    }

    private void commit(ProducerStallEvent event, int n, long lag, String outcome) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.ring = ringName;
            event.producer = producerName;
            event.policy = policyText;
            event.claimSize = n;
            event.capacity = sequencer.capacity;
            event.lag = lag;
            event.outcome = outcome;
            event.commit();
        }
    }

    /**
     * A claim that failed on a closed ring throws the ring's closure. Read on failed claims only:
     * a successful claim learns of a close inside the sequencer.
     */
    final void checkNotClosed() {
        RingClosedException closure = sequencer.closure;
        if (closure != null) {
            throw closure;
        }
    }
}
