package io.sluice.bench;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Locale;

/** The latency sweep as JSON and as one HTML page with a percentile-distribution plot (SVG) per rate. */
final class LatencyReport {
    private static final String[] COLOURS = {"#2a7ab0", "#c0504d", "#4f8f3a", "#8064a2", "#d08a2c", "#555555"};
    private static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999};

    private LatencyReport() {
    }

    static String json(List<OpenLoopLatency.Run> runs) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < runs.size(); i++) {
            OpenLoopLatency.Run run = runs.get(i);
            Histogram h = run.histogram();
            s.append(i == 0 ? "\n" : ",\n").append("  {\"contender\": ").append(JsonText.string(run.contender()))
                    .append(", \"rate\": ").append(run.rate()).append(", \"sustained\": ").append(run.sustained())
                    .append(", \"count\": ").append(h.getTotalCount())
                    .append(", \"p50\": ").append(JsonText.number(LatencySweep.us(h, 50), 2))
                    .append(", \"p90\": ").append(JsonText.number(LatencySweep.us(h, 90), 2))
                    .append(", \"p99\": ").append(JsonText.number(LatencySweep.us(h, 99), 2))
                    .append(", \"p999\": ").append(JsonText.number(LatencySweep.us(h, 99.9), 2))
                    .append(", \"p9999\": ").append(JsonText.number(LatencySweep.us(h, 99.99), 2))
                    .append(", \"max\": ").append(JsonText.number(h.getMaxValue() / 1e3, 2))
                    .append(", \"unit\": \"us\"}");
        }
        return s.append("\n]\n").toString();
    }

    static String html(List<OpenLoopLatency.Run> runs, List<String> contenders, List<Long> rates) {
        StringBuilder s = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>Sluice open-loop latency</title>
                <style>body{font:14px sans-serif;margin:2em}text{font:11px sans-serif}</style></head><body>
                <h1>Open-loop latency</h1><p>Microseconds from the intended send time to the consumer, log scales.
                One run: compare contenders within it.</p>
                """);
        for (long rate : rates) {
            s.append(String.format(Locale.ROOT, "<h2>%,d events/s offered</h2>%n", rate));
            s.append(plot(runs, contenders, rate));
        }
        return s.append("</body></html>\n").toString();
    }

    /** x: percentile as 1/(1-p), log scale, 50% to 99.999%; y: latency, log scale. */
    private static String plot(List<OpenLoopLatency.Run> runs, List<String> contenders, long rate) {
        int width = 640;
        int height = 320;
        int left = 60;
        int bottom = 40;
        double maxX = Math.log10(100_000);
        double minY = 1e9;
        double maxY = 0;
        for (OpenLoopLatency.Run run : runs) {
            if (run.rate() == rate && run.histogram().getTotalCount() > 0) {
                minY = Math.min(minY, Math.max(0.1, run.histogram().getMinValue() / 1e3));
                maxY = Math.max(maxY, run.histogram().getMaxValue() / 1e3);
            }
        }
        if (maxY == 0) {
            return "<p>no data</p>";
        }
        double lo = Math.floor(Math.log10(minY));
        double hi = Math.ceil(Math.log10(maxY));
        if (hi == lo) {
            hi = lo + 1;
        }
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" style=\"border:1px solid #ccc\">%n", width + 180, height + bottom));
        for (double decade = lo; decade <= hi; decade++) {
            double y = height - (decade - lo) / (hi - lo) * (height - 10);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"4\" y=\"%.1f\">%s µs</text>%n", left, width, y, y, y + 4, label(Math.pow(10, decade))));
        }
        String[] ticks = {"50%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int t = 0; t < ticks.length; t++) {
            double x = left + (Math.log10(Math.pow(10, t) * 2) - Math.log10(2)) / maxX * (width - left);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", x - 10, height + 20, ticks[t]));
        }
        for (int c = 0; c < contenders.size(); c++) {
            for (OpenLoopLatency.Run run : runs) {
                if (run.rate() != rate || !run.contender().equals(contenders.get(c))) {
                    continue;
                }
                StringBuilder points = new StringBuilder();
                for (double p : PERCENTILES) {
                    if (p < 50) {
                        continue;
                    }
                    double xValue = Math.log10(1 / (1 - p / 100.0)) - Math.log10(2);
                    double x = left + xValue / maxX * (width - left);
                    double latency = Math.max(Math.pow(10, lo), run.histogram().getValueAtPercentile(p) / 1e3);
                    double y = height - (Math.log10(latency) - lo) / (hi - lo) * (height - 10);
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                }
                String colour = COLOURS[c % COLOURS.length];
                svg.append(String.format(Locale.ROOT,
                        "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>"
                                + "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s%s</text>%n",
                        colour, points.toString().trim(), width + 10, 20 + 16 * c, colour, HtmlText.escape(run.contender()),
                        run.sustained() ? "" : " (not sustained)"));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static String label(double microseconds) {
        return microseconds >= 1 ? String.format(Locale.ROOT, "%,.0f", microseconds) : String.format(Locale.ROOT, "%.1f", microseconds);
    }
}
