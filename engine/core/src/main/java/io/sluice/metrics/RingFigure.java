package io.sluice.metrics;

import java.util.List;

/**
 * The counter catalogue's ring figures: readings of a ring's state at one moment. A
 * {@link RingSnapshot} holds one value per constant, next to the sum of its producers'
 * {@link ProducerCounter counters}.
 *
 * <p>To add a figure: add a constant here and read it in {@code RingBuffer.snapshot}; the
 * snapshot's text, the JFR statistics event and the counters export pick it up from here.
 */
public enum RingFigure implements Figure {
    /** Slots in the ring. */
    CAPACITY("capacity", "capacity", "Capacity", FigureUnit.COUNT, Aggregation.NONE, "slots in the ring"),
    /** Free slots. */
    REMAINING_CAPACITY("remaining", "remaining capacity", "Remaining Capacity", FigureUnit.COUNT, Aggregation.NONE,
            "free slots, from 0 to capacity"),
    /** The highest claimed sequence. */
    CURSOR("cursor", "cursor", "Cursor", FigureUnit.SEQUENCE, Aggregation.NONE, "the highest claimed sequence"),
    /** The slowest gating consumer's sequence. */
    SLOWEST_CONSUMER("slowestConsumer", "slowest consumer", "Slowest Consumer", FigureUnit.SEQUENCE,
            Aggregation.NONE, "the slowest gating consumer's sequence"),
    /** Sequences that gate producers. */
    GATING_SEQUENCES("gating", "gating sequences", "Gating Sequences", FigureUnit.COUNT, Aggregation.NONE,
            "how many sequences gate producers"),
    /** Open producer handles. */
    PRODUCERS("producers", "producers", "Producer Handles", FigureUnit.COUNT, Aggregation.NONE,
            "open producer handles"),
    /** The rate the ring's policy's rate limiter permits now; 0 without one. */
    RATE_LIMIT("rateLimit", "rate limit", "Rate Limit", FigureUnit.PER_SECOND, Aggregation.NONE,
            "claims per second the ring's rate limiter permits now (an adaptive one moves it with the consumers); 0 without one");

    /** Every ring figure, in index order; an unmodifiable list, read by index without allocating. */
    public static final List<RingFigure> ALL = List.of(values());
    /** How many ring figures there are. */
    public static final int COUNT = ALL.size();

    private final FigureDescriptor descriptor;

    RingFigure(String key, String label, String title, FigureUnit unit, Aggregation aggregation, String description) {
        this.descriptor = new FigureDescriptor(key, label, title, unit, aggregation, description);
    }

    @Override
    public FigureDescriptor descriptor() {
        return descriptor;
    }
}
