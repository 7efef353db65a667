package io.sluice.bench.report;

import java.util.Locale;

/**
 * JSON text for the reports: strings escaped as RFC 8259 requires, and numbers JSON can hold. A
 * figure that is not finite (a ratio over a contender that sent nothing, a mean of no samples)
 * is written as {@code null}, not as {@code NaN} or {@code Infinity}, which no parser accepts.
 */
public final class JsonText {
    private JsonText() {
    }

    /** {@return {@code value} as a JSON string, quotes included} */
    public static String string(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '\b' -> s.append("\\b");
                case '\f' -> s.append("\\f");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    /** {@return {@code value} with {@code decimals} decimals, or {@code null} if it is not finite} */
    public static String number(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
