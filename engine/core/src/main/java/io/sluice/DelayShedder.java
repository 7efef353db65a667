package io.sluice;

import io.sluice.backpressure.DelayTarget;
import io.sluice.backpressure.NanoClock;

/**
 * One producer handle's CoDel state for a {@link io.sluice.backpressure.BackpressurePolicy#shedOnDelay
 * delay-shedding policy}: decides, before each waiting claim, whether the claim drops its event.
 *
 * <p>How long events wait is judged without a clock read per claim: every {@link #SAMPLE_EVERY}
 * calls the handle notes the time and the ring's claimed sequence. Two waits are judged against
 * the target, and the longer counts: the wait of the event at the slowest consumer's position
 * (it was claimed no earlier than the newest note whose sequence it has passed, so {@code now}
 * minus that note's time bounds it from above, by at most one sampling gap), and the wait a new
 * event would have behind the ones already in the ring at the consumers' throughput over the last
 * millisecond or more (Little's law). The first is CoDel's sojourn time; the second sees a queue
 * that a fast producer has just filled before its events have had time to age. Each decision
 * stands until the next note.
 *
 * <p>CoDel's entry rule (RFC 8289): dropping starts only once the wait has stayed at or above the
 * target for a whole interval, so a burst shorter than the interval passes. Unlike CoDel's,
 * whose drops thin a flow by {@code interval / sqrt(count)} because TCP senders slow down when
 * they lose a packet, a producer here does not react to its drops: so while dropping, every claim
 * drops until the wait is back under the target, which holds the wait near the target whatever
 * the producer offers. Dropping that starts again within an interval of the last episode's end
 * starts at once, without waiting out another interval.
 *
 * <p>Confined to the handle's thread: every field is written and read by it alone.
 */
final class DelayShedder {
    /** Claims between notes of (time, claimed sequence). */
    static final int SAMPLE_EVERY = 16;
    /** The shortest window the consumers' throughput is measured over. */
    static final long THROUGHPUT_WINDOW_NANOS = 1_000_000;

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
    /** Whether the last note found the wait at or above the target, and since when it has been. */
    private boolean above;
    private long aboveSince;
    private boolean dropping;
    /** The consumers' position and the time at the start of the current throughput window, and the last window's throughput. */
    private boolean rateStarted;
    private long rateHead;
    private long rateTime;
    private double eventsPerNano = Double.NaN;
    /** When the last dropping episode ended; an episode starting within an interval of it starts at once. */
    private boolean dropped;
    private long lastEpisodeEnd;

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
        if (calls++ % SAMPLE_EVERY != 0) {
            return dropping;
        }
        long now = clock.nanoTime();
        boolean late = noteAndJudge(now);
        if (dropping) {
            if (!late) {
                dropping = false;
                dropped = true;
                lastEpisodeEnd = now;
            }
            return dropping;
        }
        if (late && (now - aboveSince >= interval || dropped && now - lastEpisodeEnd < interval)) {
            dropping = true;
        }
        return dropping;
    }

    /** Notes the time and the claimed sequence; {@return whether the event at the slowest consumer has waited at least the target} */
    private boolean noteAndJudge(long now) {
        long claimed = sequencer.claimedVolatile();
        noteSequence[(int) (written & mask)] = claimed;
        noteTime[(int) (written & mask)] = now;
        written++;
        long head = sequencer.minimumGatingSequence(claimed) + 1;
        long wait = Math.max(waitAt(head, claimed, now), newcomerWait(head, claimed, now));
        if (wait < target) {
            above = false;
            return false;
        }
        if (!above) {
            above = true;
            aboveSince = now;
        }
        return true;
    }

    /**
     * {@return how long an event claimed now would wait behind the ones in the ring at the
     * consumers' last measured throughput; 0 if none waits or none was measured yet, and
     * {@code Long.MAX_VALUE} if events wait and the consumers finished none in the last window}
     */
    private long newcomerWait(long head, long claimed, long now) {
        if (!rateStarted) {
            rateStarted = true;
            rateHead = head;
            rateTime = now;
        } else if (now - rateTime >= THROUGHPUT_WINDOW_NANOS) {
            eventsPerNano = (double) (head - rateHead) / (now - rateTime);
            rateHead = head;
            rateTime = now;
        }
        long waiting = claimed + 1 - head;
        if (waiting <= 0 || Double.isNaN(eventsPerNano)) {
            return 0;
        }
        return eventsPerNano == 0 ? Long.MAX_VALUE : (long) Math.min(Long.MAX_VALUE, waiting / eventsPerNano);
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
}
