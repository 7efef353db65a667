package io.sluice.metrics;

import java.util.List;

/**
 * The counter catalogue's producer-class figures: a class's share of its ring and its use of it
 * at one moment. A {@code ProducerClassSnapshot} holds one value per constant, next to the
 * {@link ProducerCounter counters} of the class's handles combined.
 *
 * <p>To add a figure: add a constant here and set it in {@code RingBuffer.snapshot(ProducerClass, ...)};
 * the snapshot's text, the JFR class statistics event and the counters export pick it up from here.
 */
public enum ClassFigure implements Figure {
    /** Slots kept for the class. */
    SHARE("reserved", "reserved slots", "Reserved Slots", FigureUnit.COUNT, Aggregation.NONE,
            "slots of the ring kept for the class: floor(share x capacity)"),
    /** The class's slots claimed and not yet consumed. */
    IN_FLIGHT("inFlight", "in flight", "In Flight", FigureUnit.COUNT, Aggregation.NONE,
            "slots the class's handles claimed that the slowest consumer has not passed; exact below the reserve,"
                    + " at least the reserve above it"),
    /** Open handles of the class. */
    PRODUCERS("producers", "producers", "Producer Handles", FigureUnit.COUNT, Aggregation.NONE,
            "open producer handles of the class");

    /** Every class figure, in index order; an unmodifiable list, read by index without allocating. */
    public static final List<ClassFigure> ALL = List.of(values());
    /** How many class figures there are. */
    public static final int COUNT = ALL.size();

    private final FigureDescriptor descriptor;

    ClassFigure(String key, String label, String title, FigureUnit unit, Aggregation aggregation, String description) {
        this.descriptor = new FigureDescriptor(key, label, title, unit, aggregation, description);
    }

    @Override
    public FigureDescriptor descriptor() {
        return descriptor;
    }
}
