package io.sluice.bench.report;

import java.util.Arrays;
import java.util.List;

/**
 * A figure measured more than once: its median, and the lowest and highest of the samples.
 * Samples that are not finite (a ratio over a contender that sent nothing) are left out; with
 * none left, every figure is NaN.
 */
public record Spread(double median, double min, double max, int count) {
    public static Spread of(List<Double> samples) {
        double[] values = samples.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
        int n = values.length;
        if (n == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new Spread(median, values[0], values[n - 1], n);
    }

    public static Spread of(double... samples) {
        return of(Arrays.stream(samples).boxed().toList());
    }

    /** {@return this spread as a JSON object: median, min, max, count} */
    public String json(int decimals) {
        return "{\"median\": " + JsonText.number(median, decimals) + ", \"min\": " + JsonText.number(min, decimals)
                + ", \"max\": " + JsonText.number(max, decimals) + ", \"count\": " + count + "}";
    }
}
