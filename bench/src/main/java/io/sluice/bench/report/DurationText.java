package io.sluice.bench.report;

import java.util.Locale;

/** A duration as a reader reads it: in ns, µs, ms or s, whichever keeps the number between 1 and 1,000. */
public final class DurationText {
    private static final double ROUNDS_TO_THOUSAND = 999.5;

    private DurationText() {
    }

    /** {@return {@code micros} microseconds in the unit that suits it, three significant digits; "n/a" if not finite} */
    public static String ofMicros(double micros) {
        if (!Double.isFinite(micros)) {
            return "n/a";
        }
        double nanos = micros * 1e3;
        // Below 999.5 a unit's three digits stay under 1,000 once rounded; from there, the next unit.
        if (Math.abs(nanos) < ROUNDS_TO_THOUSAND) {
            return digits(nanos) + " ns";
        }
        if (Math.abs(micros) < ROUNDS_TO_THOUSAND) {
            return digits(micros) + " µs";
        }
        if (Math.abs(micros) < ROUNDS_TO_THOUSAND * 1e3) {
            return digits(micros / 1e3) + " ms";
        }
        return digits(micros / 1e6) + " s";
    }

    /** {@return {@code micros} as a tick label: as {@link #ofMicros}, without trailing zeros (10 µs, not 10.0 µs)} */
    public static String tick(double micros) {
        return ofMicros(micros).replaceAll("\\.0+ ", " ").replaceAll("(\\.[0-9]*[1-9])0+ ", "$1 ");
    }

    /** {@return {@code millis} milliseconds in the unit that suits it} */
    public static String ofMillis(double millis) {
        return ofMicros(millis * 1e3);
    }

    /** Three significant digits for 1 to 999, whole numbers from 100 up. */
    private static String digits(double value) {
        double magnitude = Math.abs(value);
        String format = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format, value);
    }
}
