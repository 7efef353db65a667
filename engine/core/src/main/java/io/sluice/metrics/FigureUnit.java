package io.sluice.metrics;

/** The unit of a {@link Figure}. Immutable and thread-safe. */
public enum FigureUnit {
    /** A number of events, claims, slots or handles. */
    COUNT,
    /** A sequence number of the ring. */
    SEQUENCE,
    /** A duration in nanoseconds. */
    NANOSECONDS,
    /** A rate: events or permits per second. */
    PER_SECOND;

    /**
     * Formats a value of this unit for a one-line summary.
     *
     * @param value the value
     * @return the value as text: nanoseconds as whole microseconds with a {@code us} suffix, a rate
     *     with a {@code /s} suffix, else the number
     */
    public String format(long value) {
        return switch (this) {
            case NANOSECONDS -> value / 1000 + "us";
            case PER_SECOND -> value + "/s";
            default -> Long.toString(value);
        };
    }
}
