package io.sluice;

import io.sluice.backpressure.DelayTarget;
import io.sluice.backpressure.NanoClock;

/**
 * One producer handle's CoDel state for a {@link io.sluice.backpressure.BackpressurePolicy#shedOnDelay
 * delay-shedding policy}: decides, before each waiting claim, whether the claim drops its event.
 *
 * <p>How long events wait is measured without a clock read per claim: every
 * {@link #SAMPLE_EVERY} calls the handle notes the time and the ring's claimed sequence; the
 * event at the slowest consumer's position was claimed no earlier than the newest note whose
 * sequence it has passed, so {@code now} minus that note's time bounds its wait from above (by at
 * most one sampling gap). Between notes the decision is the last one's, except that a dropping
 * handle reads the clock on each claim to space its drops.
 *
 * <p>The control law is RFC 8289's: once the wait has stayed at or above the target for a whole
 * interval, drop; while it stays there, drop again after {@code interval / sqrt(count)}; when it
 * falls under the target, stop, and if dropping resumes soon after, start from a count near the
 * last one.
 *
 * <p>Confined to the handle's thread: every field is written and read by it alone.
 */
final class DelayShedder {
    /** Claims between notes of (time, claimed sequence). */
    static final int SAMPLE_EVERY = 16;

    private final long target;
    private final long interval;
    private final NanoClock clock;
    private final Sequencer sequencer;
    private final long[] noteSequence;
    private final long[] noteTime;
    private final int mask;
    /** Notes written, and the index of the oldest still useful (the newest the consumer has passed). */
    private long written;
    private long oldest;
    private long calls;
    private boolean above;
    private long firstAboveTime;
    private boolean dropping;
    private long dropNext;
    private int count;
    private int lastCount;

    DelayShedder(DelayTarget delay, Sequencer sequencer, int capacity) {
        this.target = delay.targetNanos();
        this.interval = delay.intervalNanos();
        this.clock = delay.clock();
        this.sequencer = sequencer;
        // Enough notes to cover a full ring claimed by this handle alone.
        int notes = Integer.highestOneBit(Math.max(16, capacity / SAMPLE_EVERY) * 2 - 1);
        this.noteSequence = new long[notes];
        this.noteTime = new long[notes];
        this.mask = notes - 1;
    }

    /** {@return whether the claim about to be made drops its event instead} */
    boolean dropsNext() {
        long call = calls++;
        if (dropping) {
            long now = clock.nanoTime();
            if (call % SAMPLE_EVERY == 0 && !okToDrop(now)) {
                dropping = false;
                return false;
            }
            if (now - dropNext >= 0) {
                count++;
                dropNext = controlLaw(dropNext, count);
                return true;
            }
            return false;
        }
        if (call % SAMPLE_EVERY != 0) {
            return false;
        }
        long now = clock.nanoTime();
        if (!okToDrop(now)) {
            return false;
        }
        dropping = true;
        // RFC 8289: dropping again soon after the last episode starts near its drop rate.
        int delta = count - lastCount;
        count = delta > 1 && now - dropNext < 16 * interval ? delta : 1;
        lastCount = count;
        dropNext = controlLaw(now, count);
        return true;
    }

    /** Notes the time and the claimed sequence, then judges the wait of the event at the slowest consumer. */
    private boolean okToDrop(long now) {
        long claimed = sequencer.claimedVolatile();
        noteSequence[(int) (written & mask)] = claimed;
        noteTime[(int) (written & mask)] = now;
        written++;
        long wait = waitAt(sequencer.minimumGatingSequence(claimed) + 1, claimed, now);
        if (wait < target) {
            above = false;
            return false;
        }
        if (!above) {
            above = true;
            firstAboveTime = now + interval;
            return false;
        }
        return now - firstAboveTime >= 0;
    }

    /** {@return how long the event at {@code head} has waited at most, or 0 if none waits} */
    long waitAt(long head, long claimed, long now) {
        if (head > claimed) {
            return 0;
        }
        oldest = Math.max(oldest, written - noteSequence.length);
        // The consumer only moves forward: skip notes it has passed, keeping the newest of them.
        while (oldest + 1 < written && noteSequence[(int) ((oldest + 1) & mask)] < head) {
            oldest++;
        }
        return now - noteTime[(int) (oldest & mask)];
    }

    private long controlLaw(long from, int n) {
        return from + (long) (interval / Math.sqrt(n));
    }
}
