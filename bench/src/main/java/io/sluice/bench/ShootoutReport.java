package io.sluice.bench;

import java.util.List;
import java.util.Locale;

/** The shootout's results as JSON and as one self-contained HTML page (tables and SVG bars, no server, no script). */
final class ShootoutReport {
    private ShootoutReport() {
    }

    static String json(String machine, long seconds, List<Shootout.Pair> pairs, List<StallMeasurement.Result> stalls) {
        StringBuilder s = new StringBuilder("{\n  \"machine\": ").append(JsonText.string(machine))
                .append(",\n  \"secondsPerCell\": ").append(seconds).append(",\n  \"throughput\": [");
        for (int i = 0; i < pairs.size(); i++) {
            Shootout.Pair p = pairs.get(i);
            s.append(i == 0 ? "\n" : ",\n").append("    {\"scenario\": ").append(JsonText.string(p.scenario()))
                    .append(", \"strategy\": ").append(JsonText.string(p.strategy()))
                    .append(", \"sluice\": ").append(JsonText.number(p.sluice(), 0))
                    .append(", \"disruptor\": ").append(JsonText.number(p.disruptor(), 0))
                    .append(", \"ratio\": ").append(JsonText.number(p.ratio(), 3)).append('}');
        }
        s.append("\n  ],\n  \"stalledProducer\": [");
        for (int i = 0; i < stalls.size(); i++) {
            StallMeasurement.Result r = stalls.get(i);
            s.append(i == 0 ? "\n" : ",\n").append("    {\"policy\": ").append(JsonText.string(r.policy()))
                    .append(", \"cpuMillisPerStallSecond\": ").append(JsonText.number(r.cpuMillisPerStallSecond(), 2))
                    .append(", \"resumeP50Micros\": ").append(JsonText.number(r.resumeP50Micros(), 2))
                    .append(", \"resumeP99Micros\": ").append(JsonText.number(r.resumeP99Micros(), 2))
                    .append(", \"recoveredEventsPerSecond\": ").append(JsonText.number(r.recoveredEventsPerSecond(), 0))
                    .append('}');
        }
        return s.append("\n  ]\n}\n").toString();
    }

    static String html(String machine, long seconds, List<Shootout.Pair> pairs, List<StallMeasurement.Result> stalls) {
        StringBuilder s = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>Sluice shootout</title>
                <style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:3px 10px;
                text-align:right;border-bottom:1px solid #ddd}th:first-child,td:first-child{text-align:left}
                .s{fill:#2a7ab0}.d{fill:#c0504d}</style></head><body>
                <h1>Sluice vs LMAX Disruptor 4.0.0</h1>
                """);
        s.append("<p>").append(HtmlText.escape(machine)).append("; ").append(seconds)
                .append(" s measured per throughput cell, one JVM. One run: compare within it, as ratios.</p>\n");
        if (!pairs.isEmpty()) {
            double max = pairs.stream().mapToDouble(p -> Math.max(p.sluice(), p.disruptor())).max().orElse(1);
            s.append("<h2>Throughput, events/s</h2><table><tr><th>scenario</th><th>wait strategy</th><th>Sluice</th>"
                    + "<th>Disruptor</th><th>ratio</th><th></th></tr>\n");
            for (Shootout.Pair p : pairs) {
                s.append(String.format(Locale.ROOT,
                        "<tr><td>%s</td><td>%s</td><td>%.1f M</td><td>%.1f M</td><td>%.2f</td><td>"
                                + "<svg width=\"320\" height=\"22\"><rect class=\"s\" y=\"1\" height=\"9\" width=\"%.0f\"/>"
                                + "<rect class=\"d\" y=\"12\" height=\"9\" width=\"%.0f\"/></svg></td></tr>%n",
                        HtmlText.escape(p.scenario()), HtmlText.escape(p.strategy()), p.sluice() / 1e6, p.disruptor() / 1e6, p.ratio(),
                        300 * p.sluice() / max, 300 * p.disruptor() / max));
            }
            s.append("</table><p><svg width=\"12\" height=\"10\"><rect class=\"s\" width=\"12\" height=\"10\"/></svg> Sluice "
                    + "<svg width=\"12\" height=\"10\"><rect class=\"d\" width=\"12\" height=\"10\"/></svg> Disruptor</p>\n");
        }
        if (!stalls.isEmpty()) {
            s.append("<h2>Stalled producer</h2><p>Consumer throttled to ").append(StallMeasurement.STALL_RATE)
                    .append(" events/s, ring of ").append(StallMeasurement.CAPACITY).append(".</p>")
                    .append("<table><tr><th>policy</th><th>CPU ms per s stalled</th><th>resume p50 µs</th>"
                            + "<th>resume p99 µs</th><th>recovered M/s</th></tr>\n");
            for (StallMeasurement.Result r : stalls) {
                s.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td></tr>%n",
                        HtmlText.escape(r.policy()), r.cpuMillisPerStallSecond(), r.resumeP50Micros(), r.resumeP99Micros(),
                        r.recoveredEventsPerSecond() / 1e6));
            }
            s.append("</table>\n");
        }
        return s.append("</body></html>\n").toString();
    }

}
