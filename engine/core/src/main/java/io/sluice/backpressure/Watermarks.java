package io.sluice.backpressure;

import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The watermark reports of one ring: the listener is told HIGH once occupancy reaches the high
 * mark, then LOW once it falls to the low mark, and so on, always alternating.
 *
 * <h2>One reporter at a time</h2>
 * Any thread that sees a possible crossing (a producer whose fresh occupancy reached the high
 * mark while LOW was last reported; a consumer whose fresh occupancy fell to the low mark while
 * HIGH was) signals by incrementing {@code pending}. The thread whose increment found it at zero
 * becomes the reporter: it compares the ring's occupancy, read afresh, with what the listener was
 * last told, reports a crossing if there is one, and reads again until nothing changes; it then
 * subtracts the signals it has seen, and looks again if more came meanwhile (the drain loop of
 * Reactive Streams operators). So the listener is never called by two threads at once, reports
 * alternate in the order the reporter sees the states, and a signal that arrives during a report
 * is never lost: it makes the reporter look again. Nobody waits for a report.
 *
 * <h2>Why the last report matches the ring</h2>
 * Each side stores its progress, then a full fence, then reads the other side's state:
 * <ul>
 *   <li>a producer stores its claim (a compare-and-set on a multi-producer ring, a release store
 *   and {@link VarHandle#fullFence()} on a single-producer one), then reads {@code reported};</li>
 *   <li>a consumer stores its sequence (release), fences, then reads {@code reported};</li>
 *   <li>the reporter stores {@code reported} (volatile), fences, then reads the claim cursor and
 *   the gating sequences again.</li>
 * </ul>
 * Of two threads that each store, fence and load, at least one sees the other's store. So after a
 * report either the reporter's next look sees the progress that would reverse it, or the thread
 * that made that progress sees the new {@code reported} and signals. The fences are paid only on
 * rings built with watermarks: by consumers once per batch, by producers on claims that find
 * occupancy at or above the high mark (claims read the gating sequences afresh only there).
 *
 * <p>A ring built with {@code RingBufferBuilder.watermarks(high, low, listener)} runs one; it
 * reads the ring only through {@link FlowFeedback}, so any bounded queue that can say what was
 * claimed and what was consumed can run one too.
 *
 * <p>Thread-safety: any thread may call any method; the listener is called by one thread at a
 * time. Nothing blocks; nothing allocates unless the listener does.
 */
public final class Watermarks {
    private static final int LOW = 0;
    private static final int HIGH = 1;
    private static final System.Logger LOG = System.getLogger(Watermarks.class.getName());
    private static final VarHandle PENDING =
            FieldHandles.field(MethodHandles.lookup(), Watermarks.class, "pending", int.class);

    private final int high;
    private final int low;
    private final WatermarkListener listener;
    private final String ringName;
    /** What the listener was last told; written only by the reporter, read by every thread. */
    private volatile int reported = LOW;
    /** Signals not yet seen by the reporter; the thread that moves it from zero reports. */
    @SuppressWarnings("unused")
    private volatile int pending;

    /**
     * Creates the reports of one ring, LOW reported last.
     *
     * @param high occupancy that reports high; at least 1
     * @param low occupancy that reports low again; from 0 to {@code high - 1}
     * @param listener told of each crossing
     * @param ringName the name the listener is given
     * @throws IllegalArgumentException if the marks are out of range
     */
    public Watermarks(int high, int low, WatermarkListener listener, String ringName) {
        if (low < 0 || low >= high) {
            throw new IllegalArgumentException("watermarks must satisfy 0 <= low < high: high=" + high + ", low=" + low);
        }
        this.high = high;
        this.low = low;
        this.listener = listener;
        this.ringName = ringName;
    }

    /** {@return the occupancy that reports high} */
    public int high() {
        return high;
    }

    /** {@return the occupancy that reports low again} */
    public int low() {
        return low;
    }

    /**
     * A producer's claim, already stored, took occupancy (as it computed it from fresh gating
     * sequences) to the high mark or above.
     *
     * @param ring the ring, read afresh for the report
     */
    public void producerReached(FlowFeedback ring) {
        // Store-load fence between the claim (stored by the caller) and the read of `reported`;
        // see the class comment. Redundant after a multi-producer compare-and-set, needed after a
        // single producer's release store.
        VarHandle.fullFence();
        if (reported == LOW) {
            signal(ring);
        }
    }

    /**
     * A consumer stored its sequence after a batch; looks for a fall to the low mark.
     *
     * @param ring the ring, read afresh
     */
    public void consumerProgressed(FlowFeedback ring) {
        // Store-load fence between the consumer's release of its sequence and the read of
        // `reported`; see the class comment.
        VarHandle.fullFence();
        if (reported == HIGH && occupancy(ring) <= low) {
            signal(ring);
        }
    }

    /** {@return whether HIGH was the last report} */
    public boolean isHigh() {
        return reported == HIGH;
    }

    private void signal(FlowFeedback ring) {
        // Volatile read-modify-write: orders this thread's progress before the reporter's next look.
        if ((int) PENDING.getAndAdd(this, 1) != 0) {
            return; // a reporter is active and will look again
        }
        int seen = 1;
        do {
            reportCrossings(ring);
            seen = (int) PENDING.getAndAdd(this, -seen) - seen;
        } while (seen != 0);
    }

    /** Reports until what the listener was last told matches the occupancy read afresh. */
    private void reportCrossings(FlowFeedback ring) {
        while (true) {
            long occupancy = occupancy(ring);
            if (reported == LOW && occupancy >= high) {
                reported = HIGH;
                VarHandle.fullFence(); // store `reported`, then read the ring again (class comment)
                tell(true, occupancy);
            } else if (reported == HIGH && occupancy <= low) {
                reported = LOW;
                VarHandle.fullFence();
                tell(false, occupancy);
            } else {
                return;
            }
        }
    }

    private void tell(boolean high, long occupancy) {
        // A listener's exception must not escape into a claim that has already taken its
        // sequences (it would leave a gap) or into a consumer's loop: it is logged, and the
        // report counts as made.
        try {
            if (high) {
                listener.onHighWatermark(ringName, occupancy);
            } else {
                listener.onLowWatermark(ringName, occupancy);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "watermark listener of ring " + ringName + " threw on the "
                    + (high ? "high" : "low") + " report; the report counts as made", e);
        }
    }

    private static long occupancy(FlowFeedback ring) {
        // Claimed first, then consumed: consumers never pass the claim, so the difference is
        // never negative, and a consumer's progress between the reads only lowers it.
        long claimed = ring.claimed();
        return claimed - ring.consumed();
    }
}
