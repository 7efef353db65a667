package io.sluice.metrics;

import java.util.Objects;

/**
 * What the counter catalogue says about one {@link Figure}: its names, unit, aggregation and
 * meaning. Immutable and thread-safe.
 *
 * @param key one camel-case word, used in a snapshot's {@code toString()} and as the JFR field name
 * @param label lower-case words, used for the exported counter
 * @param title capitalised words, used as the JFR field's label
 * @param unit the figure's unit
 * @param aggregation how the figure combines over several sources
 * @param description what the figure means, one sentence
 */
public record FigureDescriptor(String key, String label, String title, FigureUnit unit, Aggregation aggregation,
        String description) {
    /**
     * Checks that every part is present.
     *
     * @param key one camel-case word
     * @param label lower-case words
     * @param title capitalised words
     * @param unit the unit
     * @param aggregation how it combines
     * @param description what it means
     * @throws NullPointerException naming the missing part
     */
    public FigureDescriptor {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(description, "description");
    }
}
