package io.sluice.bench.latency;

import io.sluice.bench.report.DurationText;
import io.sluice.bench.report.HtmlText;
import io.sluice.bench.report.JsonText;
import io.sluice.bench.run.MachineLoad;
import io.sluice.bench.run.RunEnvironment;
import io.sluice.bench.report.SvgChart;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The latency sweep as JSON and as one HTML page: the environment; per scenario, plots of p50,
 * p99 and p99.9 against the offered rate (a line per contender, hollow where the rate was not
 * sustained), a table, and a percentile-distribution plot per rate. What "sustained" means is
 * stated on the page ({@link OpenLoopLatency}).
 */
public final class LatencyReport {
    private static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999};
    private static final double[] SUMMARY = {50, 99, 99.9};

    private LatencyReport() {
    }

    /** {@return why a run did not sustain its rate, in words} */
    static String why(OpenLoopLatency.Run run) {
        List<String> reasons = new ArrayList<>();
        if (run.maxLatenessNanos() > OpenLoopLatency.SUSTAINED_BOUND_NANOS) {
            reasons.add("a producer fell " + DurationText.ofMicros(run.maxLatenessNanos() / 1e3) + " behind");
        }
        if (run.backlogNanos() > OpenLoopLatency.SUSTAINED_BOUND_NANOS) {
            reasons.add("the consumer was " + DurationText.ofMicros(run.backlogNanos() / 1e3) + " behind at the end");
        }
        return reasons.isEmpty() ? "sustained" : String.join("; ", reasons);
    }

    static String json(RunEnvironment env, List<OpenLoopLatency.Run> runs) {
        StringBuilder s = new StringBuilder("{\n  \"environment\": ").append(env.json())
                .append(",\n  \"unit\": \"us\", \"sustainedBoundMicros\": ").append(OpenLoopLatency.SUSTAINED_BOUND_NANOS / 1000)
                .append(", \"noisyShare\": ").append(JsonText.number(MachineLoad.NOISY_SHARE, 2)).append(",\n  \"runs\": [");
        for (int i = 0; i < runs.size(); i++) {
            OpenLoopLatency.Run run = runs.get(i);
            Histogram h = run.histogram();
            s.append(i == 0 ? "\n" : ",\n").append("    {\"scenario\": ").append(JsonText.string(run.scenario()))
                    .append(", \"contender\": ").append(JsonText.string(run.contender()))
                    .append(", \"producers\": ").append(run.producers())
                    .append(", \"rate\": ").append(run.rate()).append(", \"sustained\": ").append(run.sustained())
                    .append(", \"maxLatenessMicros\": ").append(JsonText.number(run.maxLatenessNanos() / 1e3, 1))
                    .append(", \"backlogMicros\": ").append(JsonText.number(run.backlogNanos() / 1e3, 1))
                    .append(", \"count\": ").append(h.getTotalCount())
                    .append(", \"p50\": ").append(JsonText.number(LatencySweep.us(h, 50), 2))
                    .append(", \"p90\": ").append(JsonText.number(LatencySweep.us(h, 90), 2))
                    .append(", \"p99\": ").append(JsonText.number(LatencySweep.us(h, 99), 2))
                    .append(", \"p999\": ").append(JsonText.number(LatencySweep.us(h, 99.9), 2))
                    .append(", \"p9999\": ").append(JsonText.number(LatencySweep.us(h, 99.99), 2))
                    .append(", \"max\": ").append(JsonText.number(h.getMaxValue() / 1e3, 2))
                    .append(", \"othersShare\": ").append(JsonText.number(run.othersShare(), 4))
                    .append(", \"unreliable\": ").append(MachineLoad.noisy(run.othersShare())).append('}');
        }
        return s.append("\n  ]\n}\n").toString();
    }

    /**
     * {@return the report's tables in Markdown, for the benchmarks doc to quote as they are; the
     * commit stays in the JSON and HTML, out of the text a doc quotes}
     */
    static String markdown(RunEnvironment env, List<OpenLoopLatency.Run> runs, List<String> contenders, List<Integer> producerCounts,
                           List<Long> rates) {
        long noisy = runs.stream().filter(r -> MachineLoad.noisy(r.othersShare())).count();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Run of %s; %s, %d cores; %s; %.0f%% of the cores busy at the start. Sustained: no producer ever more than %s "
                        + "behind its schedule, and the consumer no more than that behind when the last value was sent.%s%n",
                env.date(), env.cpuModel(), env.cores(), env.jdk(), env.busyAtStart() * 100,
                DurationText.ofMicros(OpenLoopLatency.SUSTAINED_BOUND_NANOS / 1e3),
                noisy > 0 ? " " + noisy + " run(s) marked ⚠ shared the machine with other processes: unreliable." : ""));
        for (int producers : producerCounts) {
            s.append(String.format(Locale.ROOT, "%n| %s offered | Contender | p50 | p99 | p99.9 | max | sustained |%n|---|---|---|---|---|---|---|%n",
                    OpenLoopLatency.Run.scenario(producers)));
            for (long rate : rates) {
                for (String contender : contenders) {
                    for (OpenLoopLatency.Run run : runs) {
                        if (run.producers() == producers && run.rate() == rate && run.contender().equals(contender)) {
                            Histogram h = run.histogram();
                            s.append(String.format(Locale.ROOT, "| %,d/s | %s%s | %s | %s | %s | %s | %s |%n", rate, contender,
                                    MachineLoad.noisy(run.othersShare()) ? " ⚠" : "", DurationText.ofMicros(LatencySweep.us(h, 50)),
                                    DurationText.ofMicros(LatencySweep.us(h, 99)), DurationText.ofMicros(LatencySweep.us(h, 99.9)),
                                    DurationText.ofMicros(h.getMaxValue() / 1e3), run.sustained() ? "yes" : "no: " + why(run)));
                        }
                    }
                }
            }
        }
        return s.toString();
    }

    static String html(RunEnvironment env, List<OpenLoopLatency.Run> runs, List<String> contenders, List<Integer> producerCounts,
                       List<Long> rates) {
        double othersMax = Double.NaN;
        long noisy = 0;
        for (OpenLoopLatency.Run run : runs) {
            if (!Double.isNaN(run.othersShare())) {
                othersMax = Double.isNaN(othersMax) ? run.othersShare() : Math.max(othersMax, run.othersShare());
            }
            noisy += MachineLoad.noisy(run.othersShare()) ? 1 : 0;
        }
        StringBuilder s = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>Sluice open-loop latency</title>
                <style>body{font:14px sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:0.5em 0}
                td,th{padding:3px 10px;text-align:right;border-bottom:1px solid #ddd}th:first-child,td:first-child{text-align:left}
                table.env th{text-align:left}table.env td{text-align:left}.warn{background:#fde8e6;border:1px solid #c0504d;padding:6px 10px}
                .noisy{color:#c0504d}
                """).append(SvgChart.STYLE).append("""
                </style></head><body>
                <h1>Open-loop latency</h1><p>Time from each value's intended send time to the consumer taking it. Producers keep
                their schedule when held up, so a wait shows in the figures (no coordinated omission). With several producers,
                they share one schedule at the offered rate. One run: compare contenders within it.</p>
                """);
        s.append(String.format(Locale.ROOT, "<p><b>Sustained</b> means that over the whole measured run no producer was ever "
                + "more than %s behind its schedule, and that when the last value had been sent the consumer was no more than "
                + "%s behind it. Points where a rate was not sustained are hollow.</p>%n",
                DurationText.ofMicros(OpenLoopLatency.SUSTAINED_BOUND_NANOS / 1e3), DurationText.ofMicros(OpenLoopLatency.SUSTAINED_BOUND_NANOS / 1e3)));
        s.append("<h2>What ran, on what</h2>\n").append(env.html(othersMax, noisy));
        for (int producers : producerCounts) {
            String scenario = OpenLoopLatency.Run.scenario(producers);
            List<OpenLoopLatency.Run> own = runs.stream().filter(r -> r.producers() == producers).toList();
            s.append(String.format(Locale.ROOT, "<h2>%s: %d producer%s, one consumer</h2>%n", scenario, producers, producers == 1 ? "" : "s"));
            s.append(summaryPlots(own, contenders));
            s.append(table(own, contenders, rates));
            for (long rate : rates) {
                s.append(String.format(Locale.ROOT, "<h3>%s, %,d events/s offered</h3>%n", scenario, rate));
                s.append(percentilePlot(own, contenders, rate));
            }
        }
        return s.append("</body></html>\n").toString();
    }

    /** p50, p99 and p99.9 against the offered rate, one plot each on the same latency scale. */
    private static String summaryPlots(List<OpenLoopLatency.Run> runs, List<String> contenders) {
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        double minRate = Double.MAX_VALUE;
        double maxRate = 0;
        for (OpenLoopLatency.Run run : runs) {
            if (run.histogram().getTotalCount() == 0) {
                continue;
            }
            minRate = Math.min(minRate, run.rate());
            maxRate = Math.max(maxRate, run.rate());
            for (double p : SUMMARY) {
                double us = Math.max(0.1, LatencySweep.us(run.histogram(), p));
                lowest = Math.min(lowest, us);
                highest = Math.max(highest, us);
            }
        }
        if (highest == 0) {
            return "<p>no data</p>\n";
        }
        // One legend for the three plots, above them, so that they fit side by side.
        StringBuilder s = new StringBuilder("<p class=\"legend\">");
        for (int c = 0; c < contenders.size(); c++) {
            s.append(String.format(Locale.ROOT, "<span style=\"color:%s\">&#9473;&#9473;</span> %s &nbsp; ",
                    SvgChart.COLOURS[c % SvgChart.COLOURS.length], HtmlText.escape(contenders.get(c))));
        }
        s.append("&#9679; sustained &nbsp; &#9675; not sustained</p>\n<p>");
        for (double p : SUMMARY) {
            SvgChart chart = new SvgChart(SvgChart.Axis.log("offered rate, events/s", minRate, maxRate, LatencyReport::rate),
                    SvgChart.Axis.log(percentile(p) + " latency", lowest, highest, DurationText::tick), 250, 200, List.of());
            for (int c = 0; c < contenders.size(); c++) {
                String colour = SvgChart.COLOURS[c % SvgChart.COLOURS.length];
                List<OpenLoopLatency.Run> line = new ArrayList<>();
                for (OpenLoopLatency.Run run : runs) {
                    if (run.contender().equals(contenders.get(c)) && run.histogram().getTotalCount() > 0) {
                        line.add(run);
                    }
                }
                double[] xs = line.stream().mapToDouble(OpenLoopLatency.Run::rate).toArray();
                double[] ys = line.stream().mapToDouble(r -> Math.max(0.1, LatencySweep.us(r.histogram(), p))).toArray();
                chart.line(xs, ys, colour, false);
                for (int i = 0; i < xs.length; i++) {
                    chart.dot(xs[i], ys[i], colour, line.get(i).sustained(), 3.5);
                }
            }
            s.append(chart.svg());
        }
        return s.append("</p>\n").toString();
    }

    private static String table(List<OpenLoopLatency.Run> runs, List<String> contenders, List<Long> rates) {
        StringBuilder s = new StringBuilder("<table><tr><th>offered</th><th>contender</th><th>p50</th><th>p99</th><th>p99.9</th>"
                + "<th>max</th><th>sustained</th><th>others' CPU</th></tr>\n");
        for (long rate : rates) {
            for (String contender : contenders) {
                for (OpenLoopLatency.Run run : runs) {
                    if (run.rate() != rate || !run.contender().equals(contender)) {
                        continue;
                    }
                    Histogram h = run.histogram();
                    boolean noisy = MachineLoad.noisy(run.othersShare());
                    s.append(String.format(Locale.ROOT, "<tr%s><td>%,d/s</td><td>%s%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                                    + "<td>%s</td><td>%s</td></tr>%n", noisy ? " class=\"noisy\"" : "", rate,
                            HtmlText.escape(contender), noisy ? " ⚠" : "", DurationText.ofMicros(LatencySweep.us(h, 50)),
                            DurationText.ofMicros(LatencySweep.us(h, 99)), DurationText.ofMicros(LatencySweep.us(h, 99.9)),
                            DurationText.ofMicros(h.getMaxValue() / 1e3), run.sustained() ? "yes" : "no: " + HtmlText.escape(why(run)),
                            Double.isNaN(run.othersShare()) ? "unknown" : String.format(Locale.ROOT, "%.1f%%", run.othersShare() * 100)));
                }
            }
        }
        return s.append("</table>\n").toString();
    }

    /** x: percentile as 1/(1-p), log scale, 50% to 99.999%; y: latency, log scale. */
    private static String percentilePlot(List<OpenLoopLatency.Run> runs, List<String> contenders, long rate) {
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (OpenLoopLatency.Run run : runs) {
            if (run.rate() == rate && run.histogram().getTotalCount() > 0) {
                lowest = Math.min(lowest, Math.max(0.1, LatencySweep.us(run.histogram(), 50)));
                highest = Math.max(highest, Math.max(0.1, run.histogram().getMaxValue() / 1e3));
            }
        }
        if (highest == 0) {
            return "<p>no data</p>\n";
        }
        List<SvgChart.Tick> ticks = new ArrayList<>();
        String[] labels = {"50%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int t = 0; t < labels.length; t++) {
            ticks.add(new SvgChart.Tick(2 * Math.pow(10, t) / (t == 0 ? 1 : 2), labels[t]));
        }
        List<SvgChart.Key> keys = new ArrayList<>();
        for (int c = 0; c < contenders.size(); c++) {
            String contender = contenders.get(c);
            boolean sustained = runs.stream().anyMatch(r -> r.rate() == rate && r.contender().equals(contender) && r.sustained());
            keys.add(new SvgChart.Key(contender + (sustained ? "" : " (not sustained)"), SvgChart.COLOURS[c % SvgChart.COLOURS.length],
                    SvgChart.Mark.LINE));
        }
        SvgChart chart = new SvgChart(SvgChart.Axis.of("percentile", true, 2, 100_000, ticks),
                SvgChart.Axis.log("latency (log scale)", lowest, highest, DurationText::tick), 520, 260, keys);
        for (int c = 0; c < contenders.size(); c++) {
            for (OpenLoopLatency.Run run : runs) {
                if (run.rate() != rate || !run.contender().equals(contenders.get(c)) || run.histogram().getTotalCount() == 0) {
                    continue;
                }
                double[] xs = new double[PERCENTILES.length];
                double[] ys = new double[PERCENTILES.length];
                for (int i = 0; i < PERCENTILES.length; i++) {
                    xs[i] = 1 / (1 - PERCENTILES[i] / 100.0);
                    ys[i] = Math.max(0.1, LatencySweep.us(run.histogram(), PERCENTILES[i]));
                }
                chart.line(xs, ys, SvgChart.COLOURS[c % SvgChart.COLOURS.length], !run.sustained());
            }
        }
        return chart.svg();
    }

    private static String percentile(double p) {
        return p == 50 ? "p50" : p == 99 ? "p99" : "p99.9";
    }

    /** {@return an offered rate as a tick label: 10k, 1M} */
    static String rate(double eventsPerSecond) {
        if (eventsPerSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.0fM", eventsPerSecond / 1e6);
        }
        if (eventsPerSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.0fk", eventsPerSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", eventsPerSecond);
    }
}
