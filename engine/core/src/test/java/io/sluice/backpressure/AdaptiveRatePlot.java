package io.sluice.backpressure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Draws the guide's plot of the two control laws through a 4x slowdown and recovery of the
 * consumer, from the same deterministic simulation as {@link AdaptiveRateLimiterTest}: the
 * rate each law sets, the consumer's capacity, and the queue each leaves in the ring. Run:
 * <pre>
 * ./mvnw -B -q -pl engine/core test-compile -Dstress.skip=true
 * java -cp engine/core/target/classes:engine/core/target/test-classes io.sluice.backpressure.AdaptiveRatePlot docs/adaptive-rate.svg
 * </pre>
 */
public final class AdaptiveRatePlot {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int LEFT = 70;
    private static final int TOP = 14;

    private AdaptiveRatePlot() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "adaptive-rate.svg");
        List<FlowSimulation.Sample> gradient = AdaptiveRateLimiterTest.slowdownAndRecovery(RateControl.gradient(Duration.ofMillis(1)));
        List<FlowSimulation.Sample> aimd = AdaptiveRateLimiterTest.slowdownAndRecovery(RateControl.aimd());
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                LEFT + WIDTH + 170, 2 * (HEIGHT + TOP + 40) + 10));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(svg, 0, "rate, events/s", 2_200_000, new double[] {0, 500_000, 1_000_000, 1_500_000, 2_000_000},
                List.of(capacity(gradient), rates(aimd), rates(gradient)), new String[] {"#999999", "#c0504d", "#2a7ab0"},
                new String[] {"consumer capacity", "aimd()", "gradient(1 ms)"});
        panel(svg, HEIGHT + TOP + 50, "events waiting", 70_000, new double[] {0, 20_000, 40_000, 60_000},
                List.of(queue(aimd), queue(gradient)), new String[] {"#c0504d", "#2a7ab0"}, new String[] {"aimd()", "gradient(1 ms)"});
        svg.append("</svg>\n");
        Files.writeString(out, svg, StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static double[][] rates(List<FlowSimulation.Sample> samples) {
        return samples.stream().map(s -> new double[] {s.atNanos() / 1e6, s.rate()}).toArray(double[][]::new);
    }

    private static double[][] queue(List<FlowSimulation.Sample> samples) {
        return samples.stream().map(s -> new double[] {s.atNanos() / 1e6, s.occupancy()}).toArray(double[][]::new);
    }

    private static double[][] capacity(List<FlowSimulation.Sample> samples) {
        return samples.stream().map(s -> {
            double ms = s.atNanos() / 1e6;
            return new double[] {ms, ms > 1000 && ms <= 2000 ? AdaptiveRateLimiterTest.SLOW : AdaptiveRateLimiterTest.FAST};
        }).toArray(double[][]::new);
    }

    /** One plot: time 0 to 3 s across, {@code max} up, a line per series, its legend to the right. */
    private static void panel(StringBuilder svg, int y0, String title, double max, double[] ticks, List<double[][]> series,
                              String[] colours, String[] names) {
        int top = y0 + TOP;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, top, WIDTH, HEIGHT));
        for (double t : ticks) {
            double y = top + HEIGHT - t / max * HEIGHT;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, LEFT + WIDTH, y, y, LEFT - 6, y + 4,
                    t >= 1e6 ? String.format(Locale.ROOT, "%.1fM", t / 1e6) : String.format(Locale.ROOT, "%,.0f", t)));
        }
        for (int ms = 0; ms <= 3000; ms += 500) {
            double x = LEFT + ms / 3000.0 * WIDTH;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f s</text>%n", x,
                    top + HEIGHT + 16, ms / 1000.0));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">%s</text>%n",
                top + HEIGHT / 2.0, top + HEIGHT / 2.0, title));
        for (int i = 0; i < series.size(); i++) {
            StringBuilder points = new StringBuilder();
            for (double[] p : series.get(i)) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + p[0] / 3000.0 * WIDTH,
                        top + HEIGHT - Math.min(p[1], max) / max * HEIGHT));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
                    colours[i], points.toString().trim()));
            int ly = top + 14 + 16 * i;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + WIDTH + 12, LEFT + WIDTH + 30, ly - 4, ly - 4, colours[i],
                    LEFT + WIDTH + 36, ly, names[i]));
        }
    }
}
