package io.sluice.backpressure;


/**
 * One producer handle's CoDel state for a {@link BackpressurePolicy#shedOnDelay
 * delay-shedding policy}: decides, before each waiting claim, whether the claim drops its event.
 *
 * <h2>What the wait is judged by</h2>
 * No clock is read per claim: every {@link #SAMPLE_EVERY} calls the handle reads the time, the
 * ring's claimed sequence and the slowest consumer's position (the <em>head</em>), and keeps
 * them as a <em>note</em>. Two waits are judged against the target, and the longer counts:
 * <ul>
 * <li>the <b>sojourn</b> of the event at the head (CoDel's signal): it was claimed after the
 *     newest note whose claimed sequence is below it, so {@code now} minus that note's time
 *     bounds its wait from above. If every kept note is at or past the head, the head was
 *     claimed before the oldest of them, and {@code now} minus that time bounds its wait from
 *     below, which is at least {@link #HISTORY_TARGETS} targets;</li>
 * <li>the wait of a <b>newcomer</b> behind the events already in the ring, at the consumers'
 *     throughput (Little's law). This sees a queue that fast producers have just filled before
 *     its events have had time to age, and keeps a producer from refilling the ring the moment
 *     the head is young again.</li>
 * </ul>
 *
 * <p>Both are measured over time, not over a count of this handle's claims, so that neither
 * depends on how fast the handle calls:
 * <ul>
 * <li>a note is kept only if the last was kept at least {@link #spacingNanos spacing} ago (a
 *     sixteenth of the target, for targets from 1.25 ms up), so the kept notes span a fixed
 *     time however fast the handle drops or however many other producers move the claimed
 *     sequence; the sojourn is overstated by at most one spacing and one sampling gap;</li>
 * <li>the consumers' throughput is the head's progress since the newest note at least
 *     {@link #throughputWindowNanos} old: {@link #WINDOW_TARGETS} targets and at least
 *     {@link #MIN_WINDOW_NANOS}. A consumer publishes its position once per batch, and the
 *     scheduler runs it in slices of a few milliseconds when producers share its cores, so a
 *     short window reads either nothing or a whole batch's jump as if it were the rate; a
 *     window of several batches and slices reads the rate the consumer keeps up.</li>
 * </ul>
 * A slowing consumer shows first in the sojourn, a filling ring first in the newcomer's wait:
 * taking the longer of the two means neither estimate's lag lets the queue grow.
 *
 * <h2>When claims drop</h2>
 * CoDel's entry rule (RFC 8289): dropping starts only once the wait has stayed at or above the
 * target for a whole interval, so a burst shorter than the interval passes. Two departures from
 * CoDel:
 * <ul>
 * <li>a dip under the target shorter than a target does not restart the interval: a consumer
 *     that publishes its position once per batch makes the ring look empty for an instant at
 *     the end of each batch, however far behind the producers are, and a flat-out producer
 *     refills it at once;</li>
 * <li>CoDel's drops thin a flow by {@code interval / sqrt(count)} because TCP senders slow down
 *     when they lose a packet; a producer here does not react to its drops, so while dropping,
 *     every claim drops until the wait is back under the target</li>
 * </ul>
 * The latter holds the wait near the target whatever the producer offers. Dropping that starts
 * again within an interval of the last episode's end starts at once, without waiting out another
 * interval. Each decision stands until the next sample.
 *
 * <p>While dropping, the handle yields its processor ({@link Thread#yield()}) once per sample,
 * every {@link #SAMPLE_EVERY} drops: a producer whose events are shed does no useful work, and
 * where producers outnumber the cores one that drops flat out would otherwise take the time
 * slices the consumers need to bring the wait down. Where a core is free the yield returns at
 * once, a fraction of a microsecond per {@link #SAMPLE_EVERY} drops.
 *
 * <p>Confined to the handle's thread: every field is written and read by it alone.
 */
public final class DelayShedder {
    /** Claims between samples of (time, claimed sequence, head). */
    static final int SAMPLE_EVERY = 16;
    /** Notes kept: at a spacing of at least {@code window / (NOTES / 2)}, they span at least twice the throughput window. */
    static final int NOTES = 256;
    /** The throughput window in targets. */
    static final int WINDOW_TARGETS = 4;
    /** The shortest throughput window: a few scheduler time slices. */
    static final long MIN_WINDOW_NANOS = 10_000_000;
    /** How many targets the kept notes span at least, so that a head older than all of them is late. */
    static final int HISTORY_TARGETS = 16;
    private static final long NOT_BELOW = Long.MIN_VALUE;

    private final long target;
    private final long interval;
    private final NanoClock clock;
    private final FlowFeedback ring;
    private final long throughputWindowNanos;
    private final long spacing;
    private final long[] noteTime = new long[NOTES];
    private final long[] noteClaimed = new long[NOTES];
    private final long[] noteHead = new long[NOTES];
    /** Notes kept so far; note {@code i} is at index {@code i % NOTES} while {@code i >= kept - NOTES}. */
    private long kept;
    /** The newest note whose claimed sequence is below the head, as far as the last sample saw. */
    private long passed;
    /** The newest note at least a throughput window old, as far as the last sample saw. */
    private long windowStart;
    private long calls;
    /**
     * Whether the wait counts as over the target, and since when; and when it last fell under
     * the target while counted over (or {@link #NOT_BELOW}): it counts as over until it has
     * stayed under for a whole target.
     */
    private boolean above;
    private long aboveSince;
    private long belowSince = NOT_BELOW;
    private boolean dropping;
    /** When the last dropping episode ended; an episode starting within an interval of it starts at once. */
    private boolean dropped;
    private long lastEpisodeEnd;

    /**
     * Creates the state of one producer handle.
     *
     * @param delay the target wait and the interval
     * @param ring the ring whose waits are judged
     */
    public DelayShedder(DelayTarget delay, FlowFeedback ring) {
        this.target = delay.targetNanos();
        this.interval = delay.intervalNanos();
        this.clock = delay.clock();
        this.ring = ring;
        this.throughputWindowNanos = throughputWindowNanos(target);
        this.spacing = spacingNanos(target);
    }

    /** {@return the window the consumers' throughput is measured over, for {@code target}: four targets, at least 10 ms} */
    static long throughputWindowNanos(long target) {
        return Math.max(MIN_WINDOW_NANOS, target > Long.MAX_VALUE / WINDOW_TARGETS ? Long.MAX_VALUE : WINDOW_TARGETS * target);
    }

    /**
     * {@return the least time between kept notes, for {@code target}: coarse enough that
     * {@link #NOTES} of them span twice the throughput window and {@link #HISTORY_TARGETS}
     * targets, which is a sixteenth of the target for targets from 1.25 ms up, and coarser
     * below (78 µs at the least)}
     */
    static long spacingNanos(long target) {
        return Math.max(1, Math.max(target / (NOTES / HISTORY_TARGETS), throughputWindowNanos(target) / (NOTES / 2)));
    }

    /** {@return whether the claim about to be made drops its event instead} */
    public boolean dropsNext() {
        if (calls++ % SAMPLE_EVERY != 0) {
            return dropping;
        }
        long now = clock.nanoTime();
        boolean late = sampleAndJudge(now);
        if (dropping) {
            if (!late) {
                dropping = false;
                dropped = true;
                lastEpisodeEnd = now;
                return false;
            }
            // A producer whose events are shed does no useful work: where producers outnumber the
            // cores, one dropping flat out takes the time slices the consumers need to catch up.
            Thread.yield();
            return true;
        }
        if (late && (now - aboveSince >= interval || dropped && now - lastEpisodeEnd < interval)) {
            dropping = true;
        }
        return dropping;
    }

    /** Samples the ring; {@return whether an event now waits, or would wait, at least the target} */
    private boolean sampleAndJudge(long now) {
        // A volatile read of the claim counter, then acquire reads of the gating sequences, as
        // every reader of them does: a sample needs only values no older than the read, since
        // nothing is written back and each decision is made again at the next sample.
        long claimed = ring.claimed();
        long head = ring.consumed() + 1;
        if (kept == 0 || now - noteTime[(int) ((kept - 1) % NOTES)] >= spacing) {
            int at = (int) (kept % NOTES);
            noteTime[at] = now;
            noteClaimed[at] = claimed;
            noteHead[at] = head;
            kept++;
        }
        long wait = Math.max(sojourn(head, claimed, now), newcomerWait(head, claimed, now));
        if (wait < target) {
            if (above) {
                if (belowSince == NOT_BELOW) {
                    belowSince = now;
                } else if (now - belowSince >= target) {
                    above = false;
                }
            }
            return false;
        }
        belowSince = NOT_BELOW;
        if (!above) {
            above = true;
            aboveSince = now;
        }
        return true;
    }

    /**
     * {@return how long the event at {@code head} has waited: at most this (one spacing and one
     * sampling gap over), or, when it is older than every kept note, at least this; 0 if none waits}
     */
    long sojourn(long head, long claimed, long now) {
        if (head > claimed) {
            return 0;
        }
        long oldest = Math.max(0, kept - NOTES);
        if (passed < oldest) {
            passed = oldest;
        }
        // The head only moves forward: skip the notes it has passed, keeping the newest of them.
        while (passed + 1 < kept && noteClaimed[(int) ((passed + 1) % NOTES)] < head) {
            passed++;
        }
        return now - noteTime[(int) (passed % NOTES)];
    }

    /**
     * {@return how long an event claimed now would wait behind the ones in the ring at the
     * consumers' throughput over the last window; 0 if none waits or the notes span less than a
     * target yet, and {@code Long.MAX_VALUE} if events wait and the consumers finished none}
     */
    private long newcomerWait(long head, long claimed, long now) {
        long waiting = claimed + 1 - head;
        if (waiting <= 0) {
            return 0;
        }
        long oldest = Math.max(0, kept - NOTES);
        if (windowStart < oldest) {
            windowStart = oldest;
        }
        while (windowStart + 1 < kept && now - noteTime[(int) ((windowStart + 1) % NOTES)] >= throughputWindowNanos) {
            windowStart++;
        }
        int at = (int) (windowStart % NOTES);
        long elapsed = now - noteTime[at];
        if (elapsed < target) {
            return 0;
        }
        long finished = head - noteHead[at];
        if (finished <= 0) {
            return Long.MAX_VALUE;
        }
        return (long) Math.min(Long.MAX_VALUE, (double) waiting * elapsed / finished);
    }
}
