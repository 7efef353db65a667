package io.sluice.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * One plot of a report, as inline SVG: a plot area with a frame and grid, tick labels and axis
 * titles outside it, and a legend in a margin of its own, all inside the picture's border. The
 * margins are sized from the text they hold (at a width per character generous for common
 * sans-serif fonts), so labels neither cover the curves nor run out of the picture; the reports'
 * render check measures that in a browser.
 */
public final class SvgChart {
    public static final String[] COLOURS = {"#2a7ab0", "#c0504d", "#4f8f3a", "#8064a2", "#d08a2c", "#555555", "#1b9e9e", "#b0487a"};
    /** Pixels per character of 11px sans-serif text, rounded up (DejaVu Sans averages about 6.5). */
    private static final double CHAR_WIDTH = 7.0;
    private static final int LEGEND_ROW = 16;

    /** A labelled position on an axis. */
    public record Tick(double value, String label) {
    }

    /** A legend row: a line, a filled dot or a hollow dot in {@code colour}. */
    public record Key(String label, String colour, Mark mark) {
    }

    public enum Mark { LINE, DOT, RING }

    /** One axis: linear or log, its range, its ticks and its title. */
    public static final class Axis {
        final String title;
        final boolean log;
        final double min;
        final double max;
        final List<Tick> ticks;
        /** Categories run top to bottom, the first at the top. */
        final boolean categories;

        private Axis(String title, boolean log, double min, double max, List<Tick> ticks, boolean categories) {
            if (!(max > min)) {
                throw new IllegalArgumentException("an axis needs max > min: " + min + ".." + max);
            }
            this.title = title;
            this.log = log;
            this.min = min;
            this.max = max;
            this.ticks = List.copyOf(ticks);
            this.categories = categories;
        }

        /**
         * A log axis over whole decades that covers {@code lowest..highest} (both above zero),
         * a tick at each decade.
         */
        public static Axis log(String title, double lowest, double highest, DoubleFunction<String> label) {
            double lo = Math.floor(Math.log10(lowest));
            double hi = Math.ceil(Math.log10(highest));
            if (hi <= lo) {
                hi = lo + 1;
            }
            List<Tick> ticks = new ArrayList<>();
            for (double d = lo; d <= hi; d++) {
                ticks.add(new Tick(Math.pow(10, d), label.apply(Math.pow(10, d))));
            }
            return new Axis(title, true, Math.pow(10, lo), Math.pow(10, hi), ticks, false);
        }

        /** An axis with the given range and ticks. */
        public static Axis of(String title, boolean log, double min, double max, List<Tick> ticks) {
            return new Axis(title, log, min, max, ticks, false);
        }

        /** Named rows, one per name, the first at the top. */
        public static Axis categories(String title, List<String> names) {
            List<Tick> ticks = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                ticks.add(new Tick(i, names.get(i)));
            }
            return new Axis(title, false, -0.5, names.size() - 0.5, ticks, true);
        }

        /** {@return where {@code value} lies, 0 at {@code min} to 1 at {@code max}, clamped} */
        double fraction(double value) {
            double f = log ? (Math.log10(Math.max(value, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (value - min) / (max - min);
            return Math.max(0, Math.min(1, f));
        }

        int longestLabel() {
            return ticks.stream().mapToInt(t -> t.label().length()).max().orElse(0);
        }
    }

    private final Axis x;
    private final Axis y;
    private final int plotWidth;
    private final int plotHeight;
    private final int left;
    private final int top = 12;
    private final int width;
    private final int height;
    private final List<Key> legend;
    private final StringBuilder marks = new StringBuilder();
    /** Pixels the next marks move right by, so marks at one x stay apart ({@link #shiftX}). */
    private double xShift;

    public SvgChart(Axis x, Axis y, int plotWidth, int plotHeight, List<Key> legend) {
        this.x = x;
        this.y = y;
        this.plotWidth = plotWidth;
        this.legend = List.copyOf(legend);
        this.plotHeight = Math.max(plotHeight, legend.size() * LEGEND_ROW + 8);
        this.left = (y.title.isEmpty() ? 6 : 22) + (int) Math.ceil(y.longestLabel() * CHAR_WIDTH) + 8;
        int lastX = x.ticks.isEmpty() ? 0 : x.ticks.get(x.ticks.size() - 1).label().length();
        int legendWidth = legend.isEmpty() ? 0
                : 34 + (int) Math.ceil(legend.stream().mapToInt(k -> k.label().length()).max().orElse(0) * CHAR_WIDTH);
        int right = Math.max(16 + legendWidth, (int) Math.ceil(lastX * CHAR_WIDTH / 2) + 8);
        this.width = left + plotWidth + right;
        this.height = top + this.plotHeight + 50;
    }

    public double px(double value) {
        return left + x.fraction(value) * plotWidth;
    }

    /** Moves the marks drawn from now on right by {@code pixels}: marks at one x side by side, not on top of each other. */
    public SvgChart shiftX(double pixels) {
        xShift = pixels;
        return this;
    }

    private double mx(double value) {
        return px(value) + xShift;
    }

    double py(double value) {
        double f = y.fraction(value);
        return y.categories ? top + f * plotHeight : top + (1 - f) * plotHeight;
    }

    /** A line through the points; values off an axis are drawn at its end. */
    public SvgChart line(double[] xs, double[] ys, String colour, boolean dashed) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", mx(xs[i]), py(ys[i])));
            }
        }
        marks.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n",
                colour, dashed ? " stroke-dasharray=\"5,3\"" : "", points.toString().trim()));
        return this;
    }

    /** A dot, filled or hollow; nothing if a value is not finite. */
    public SvgChart dot(double xValue, double yValue, String colour, boolean filled, double radius) {
        if (Double.isFinite(xValue) && Double.isFinite(yValue)) {
            marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                    mx(xValue), py(yValue), radius, filled ? colour : "white", colour));
        }
        return this;
    }

    /** A straight segment between two points in data units. */
    public SvgChart segment(double x1, double y1, double x2, double y2, String colour, double strokeWidth) {
        if (Double.isFinite(x1) && Double.isFinite(y1) && Double.isFinite(x2) && Double.isFinite(y2)) {
            marks.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
                    mx(x1), py(y1), mx(x2), py(y2), colour, strokeWidth));
        }
        return this;
    }

    /** A reference line across the plot at {@code xValue}. */
    public SvgChart verticalRule(double xValue, String colour) {
        double p = px(xValue);
        marks.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                p, top, p, top + plotHeight, colour));
        return this;
    }

    /** {@return the chart as an {@code <svg>} element} */
    public String svg() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" style=\"border:1px solid #ccc\">%n",
                width, height, width, height));
        for (Tick t : y.ticks) {
            double p = py(t.value());
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    left, left + plotWidth, p, p, left - 6, p + 4, HtmlText.escape(t.label())));
        }
        for (Tick t : x.ticks) {
            double p = px(t.value());
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    p, p, top, top + plotHeight, p, top + plotHeight + 16, HtmlText.escape(t.label())));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                left, top, plotWidth, plotHeight));
        s.append(marks);
        if (!x.title.isEmpty()) {
            s.append(String.format(Locale.ROOT, "<text class=\"title\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    left + plotWidth / 2.0, top + plotHeight + 38, HtmlText.escape(x.title)));
        }
        if (!y.title.isEmpty()) {
            s.append(String.format(Locale.ROOT,
                    "<text class=\"title\" x=\"14\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">%s</text>%n",
                    top + plotHeight / 2.0, top + plotHeight / 2.0, HtmlText.escape(y.title)));
        }
        int lx = left + plotWidth + 16;
        for (int i = 0; i < legend.size(); i++) {
            Key key = legend.get(i);
            int ly = top + 12 + i * LEGEND_ROW;
            switch (key.mark()) {
                case LINE -> s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>",
                        lx, lx + 18, ly - 4, ly - 4, key.colour()));
                case DOT, RING -> s.append(String.format(Locale.ROOT,
                        "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>",
                        lx + 9, ly - 4, key.mark() == Mark.DOT ? key.colour() : "white", key.colour()));
            }
            s.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%d\" y=\"%d\">%s</text>%n",
                    lx + 24, ly, HtmlText.escape(key.label())));
        }
        return s.append("</svg>\n").toString();
    }

    /** The style every chart's text takes: the size its margins were sized for. */
    public static final String STYLE = "svg.chart text{font:11px sans-serif}svg.chart text.title{font:12px sans-serif;fill:#333}";
}
