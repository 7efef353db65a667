package io.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The watermark state machine of one ring: LOW until a producer sees occupancy at or above the
 * high mark, then HIGH until a consumer sees it at or below the low mark. Each transition is one
 * compare-and-set, so each crossing is reported exactly once however many threads see it.
 *
 * <p>Producers evaluate the high mark only when their cached view of the gating sequences runs
 * out: with watermarks, the sequencer refreshes that view once a claim would take occupancy past
 * the high mark, rather than past capacity. Consumers evaluate the low mark after each batch, and
 * only in the HIGH state: one read of {@code state} otherwise.
 */
final class Watermarks {
    private static final int LOW = 0;
    private static final int HIGH = 1;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Watermarks.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int high;
    final int low;
    private final WatermarkListener listener;
    private final String ringName;
    @SuppressWarnings("unused")
    private volatile int state = LOW;

    Watermarks(int high, int low, WatermarkListener listener, String ringName) {
        this.high = high;
        this.low = low;
        this.listener = listener;
        this.ringName = ringName;
    }

    // The opaque reads of state below are only filters: a stale value costs one failed
    // compare-and-set or one extra look at the ring; the compare-and-set (volatile) decides.

    /** A producer computed {@code occupancy} from fresh gating sequences. */
    void producerSaw(long occupancy) {
        if (occupancy >= high && (int) STATE.getOpaque(this) == LOW && STATE.compareAndSet(this, LOW, HIGH)) {
            listener.onHighWatermark(ringName, occupancy);
        }
    }

    /** A consumer finished a batch; reads the ring only while above the high mark. */
    void consumerProgressed(Sequencer sequencer) {
        if ((int) STATE.getOpaque(this) == HIGH) {
            long claimed = sequencer.claimedVolatile();
            long occupancy = claimed - sequencer.minimumGatingSequence(claimed);
            if (occupancy <= low && STATE.compareAndSet(this, HIGH, LOW)) {
                listener.onLowWatermark(ringName, occupancy);
            }
        }
    }

    boolean isHigh() {
        return (int) STATE.getVolatile(this) == HIGH;
    }
}
