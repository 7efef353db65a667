package io.sluice.metrics;

/** How a {@link Figure} combines over several sources (the producers of a ring). Immutable and thread-safe. */
public enum Aggregation {
    /** Added up: counts and total times. Such a figure only grows: exporters publish it as a counter. */
    SUM,
    /** The largest: longest times. Exporters publish it as a gauge. */
    MAX,
    /** Not combined: a reading of one source at one moment, such as a cursor or a capacity; a gauge. */
    NONE;

    /**
     * Combines a source's value into a total.
     *
     * @param total the total so far
     * @param value one more source's value
     * @return the new total; for {@link #NONE}, {@code value}
     */
    public long combine(long total, long value) {
        return switch (this) {
            case SUM -> total + value;
            case MAX -> Math.max(total, value);
            case NONE -> value;
        };
    }
}
