package io.sluice.metrics;

/**
 * One figure of the counter catalogue: something Sluice counts or measures about a ring, a
 * producer or a consumer, declared once with its names, unit and aggregation. Snapshots, their
 * {@code toString()}, the JFR statistics event and the Agrona counters export all iterate the
 * catalogue ({@link RingFigure}, {@link ProducerCounter}, {@link ConsumerFigure}), so a new figure
 * is added there and where it is counted, nowhere else.
 *
 * <p>Implementations are enum constants: immutable and thread-safe.
 */
public interface Figure {
    /** {@return the figure's position in its catalogue enum, from 0; implemented by every enum} */
    int ordinal();

    /** {@return the figure's position in its catalogue, from 0: its index in a snapshot} */
    default int index() {
        return ordinal();
    }

    /** {@return what the catalogue says about the figure} */
    FigureDescriptor descriptor();

    /** {@return the figure's key: one camel-case word, used in {@code toString()} and as the JFR field name} */
    default String key() {
        return descriptor().key();
    }

    /** {@return the figure's label: lower-case words, used for the exported counter} */
    default String label() {
        return descriptor().label();
    }

    /** {@return the figure's title: capitalised words, used as the JFR field label} */
    default String title() {
        return descriptor().title();
    }

    /** {@return what the figure means, one sentence} */
    default String description() {
        return descriptor().description();
    }

    /** {@return the figure's unit} */
    default FigureUnit unit() {
        return descriptor().unit();
    }

    /** {@return how the figure combines over several sources, such as the producers of a ring} */
    default Aggregation aggregation() {
        return descriptor().aggregation();
    }

    /**
     * Formats a value of this figure for a one-line summary.
     *
     * @param value the value
     * @return the value as text in this figure's unit: nanoseconds print as whole microseconds
     */
    default String format(long value) {
        return unit().format(value);
    }
}
