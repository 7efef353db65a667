package io.sluice.bench.shootout;

import io.sluice.bench.report.DurationText;
import io.sluice.bench.report.HtmlText;
import io.sluice.bench.report.JsonText;
import io.sluice.bench.run.MachineLoad;
import io.sluice.bench.run.RunEnvironment;
import io.sluice.bench.report.Spread;
import io.sluice.bench.report.SvgChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shootout's results as JSON and as one self-contained HTML page (no server, no script): the
 * environment, a dot plot of every round's ratio on a log axis around 1.0, the throughput table
 * as median (min–max) over the rounds, the stalled producer's trade-off as a scatter plot of CPU
 * burnt against resume latency, and its table. Figures taken while other processes used more
 * than {@link MachineLoad#NOISY_SHARE} of the cores are marked ⚠.
 */
public final class ShootoutReport {
    private static final String NOISY = " ⚠";
    /** The flow scenario's phases, as the report names them. */
    static final String[] PHASE_NAMES = {"fast", "4x slower", "fast again"};

    private ShootoutReport() {
    }

    public static String json(RunEnvironment env, long seconds, int rounds, ShootoutResults results) {
        StringBuilder s = new StringBuilder("{\n  \"environment\": ").append(env.json())
                .append(",\n  \"secondsPerCell\": ").append(seconds).append(",\n  \"rounds\": ").append(rounds)
                .append(",\n  \"noisyShare\": ").append(JsonText.number(MachineLoad.NOISY_SHARE, 2))
                .append(",\n  \"othersShareMax\": ").append(JsonText.number(results.othersShareMax(), 4))
                .append(",\n  \"throughput\": [");
        List<ShootoutResults.ThroughputCell> cells = results.throughput();
        for (int i = 0; i < cells.size(); i++) {
            ShootoutResults.ThroughputCell c = cells.get(i);
            s.append(i == 0 ? "\n" : ",\n").append("    {\"scenario\": ").append(JsonText.string(c.scenario))
                    .append(", \"strategy\": ").append(JsonText.string(c.strategy))
                    .append(", \"sluice\": ").append(c.sluice().json(0))
                    .append(", \"disruptor\": ").append(c.disruptor().json(0))
                    .append(", \"ratio\": ").append(c.ratio().json(3))
                    .append(", \"ratios\": ").append(array(c.ratios(), 3))
                    .append(", \"records\": ").append(c.records().json(0))
                    .append(", \"recordsRatio\": ").append(c.recordRatio().json(3))
                    .append(", \"recordsRatios\": ").append(array(c.recordRatios(), 3))
                    .append(", \"othersShareMax\": ").append(JsonText.number(c.othersShareMax(), 4))
                    .append(", \"unreliable\": ").append(c.noisyRounds() > 0).append('}');
        }
        s.append("\n  ],\n  \"stalledProducer\": [");
        List<ShootoutResults.StallCell> stalls = results.stalls();
        for (int i = 0; i < stalls.size(); i++) {
            ShootoutResults.StallCell c = stalls.get(i);
            s.append(i == 0 ? "\n" : ",\n").append("    {\"policy\": ").append(JsonText.string(c.policy))
                    .append(", \"cpuMillisPerStallSecond\": ").append(Spread.of(c.cpuMillisPerStallSecond).json(2))
                    .append(", \"resumeP50Micros\": ").append(Spread.of(c.resumeP50Micros).json(2))
                    .append(", \"resumeP99Micros\": ").append(Spread.of(c.resumeP99Micros).json(2))
                    .append(", \"recoveredEventsPerSecond\": ").append(Spread.of(c.recoveredEventsPerSecond).json(0))
                    .append(", \"othersShareMax\": ").append(JsonText.number(c.othersShareMax(), 4))
                    .append(", \"unreliable\": ").append(c.noisyRounds() > 0).append('}');
        }
        s.append("\n  ],\n  \"flow\": [");
        List<ShootoutResults.FlowCell> flow = results.flow();
        for (int i = 0; i < flow.size(); i++) {
            ShootoutResults.FlowCell c = flow.get(i);
            s.append(i == 0 ? "\n" : ",\n").append("    {\"policy\": ").append(JsonText.string(c.policy))
                    .append(", \"phase\": ").append(JsonText.string(PHASE_NAMES[c.phase]))
                    .append(", \"deliveredPerSecond\": ").append(Spread.of(c.delivered).json(0))
                    .append(", \"drops\": ").append(Spread.of(c.drops).json(0))
                    .append(", \"p50Micros\": ").append(Spread.of(c.p50Micros).json(2))
                    .append(", \"p99Micros\": ").append(Spread.of(c.p99Micros).json(2))
                    .append(", \"p999Micros\": ").append(Spread.of(c.p999Micros).json(2))
                    .append(", \"settledAfterMillis\": ").append(Spread.of(c.convergeMillis).json(1))
                    .append(", \"roundsNeverSettled\": ").append(c.unsettledRounds())
                    .append(", \"swing\": ").append(Spread.of(c.oscillation).json(4))
                    .append(", \"shareOfWindowsWithin20Percent\": ").append(Spread.of(c.bandShare).json(4))
                    .append(", \"lowestRateShare\": ").append(Spread.of(c.lowestShare).json(4))
                    .append(", \"p99AfterStepMicros\": ").append(Spread.of(c.stepP99Micros).json(2))
                    .append(", \"settledP99Micros\": ").append(Spread.of(c.settledP99Micros).json(2))
                    .append(", \"perRound\": {\"settledAfterMillis\": ").append(array(c.convergeMillis, 1))
                    .append(", \"shareOfWindowsWithin20Percent\": ").append(array(c.bandShare, 4))
                    .append(", \"lowestRateShare\": ").append(array(c.lowestShare, 4))
                    .append(", \"p99AfterStepMicros\": ").append(array(c.stepP99Micros, 2))
                    .append(", \"settledP99Micros\": ").append(array(c.settledP99Micros, 2)).append('}')
                    .append(", \"unreliable\": ").append(c.noisyRounds() > 0).append('}');
        }
        s.append("\n  ],\n  \"classes\": [");
        List<ShootoutResults.ClassesCell> classes = results.classes();
        for (int i = 0; i < classes.size(); i++) {
            ShootoutResults.ClassesCell c = classes.get(i);
            s.append(i == 0 ? "\n" : ",\n").append("    {\"cell\": ").append(JsonText.string(c.cell))
                    .append(", \"ordersOffered\": ").append(Spread.of(c.ordersOffered).json(0))
                    .append(", \"ordersRefused\": ").append(Spread.of(c.ordersRefused).json(0))
                    .append(", \"ordersP50Micros\": ").append(Spread.of(c.p50Micros).json(2))
                    .append(", \"ordersP99Micros\": ").append(Spread.of(c.p99Micros).json(2))
                    .append(", \"ordersP999Micros\": ").append(Spread.of(c.p999Micros).json(2))
                    .append(", \"bulkDeliveredPerSecond\": ").append(Spread.of(c.bulkDelivered).json(0))
                    .append(", \"bulkDrops\": ").append(Spread.of(c.bulkDrops).json(0))
                    .append(", \"bulkHeldBack\": ").append(Spread.of(c.bulkHeldBack).json(0))
                    .append(", \"perRound\": {\"ordersRefused\": ").append(array(c.ordersRefused, 0))
                    .append(", \"ordersP99Micros\": ").append(array(c.p99Micros, 2)).append('}')
                    .append(", \"unreliable\": ").append(c.noisyRounds() > 0).append('}');
        }
        s.append("\n  ],\n  \"flowSeries\": {");
        int n = 0;
        for (var e : results.flowSeries().entrySet()) {
            s.append(n++ == 0 ? "\n" : ",\n").append("    ").append(JsonText.string(e.getKey())).append(": [");
            for (int i = 0; i < e.getValue().size(); i++) {
                FlowScenario.Point p = e.getValue().get(i);
                s.append(i == 0 ? "" : ", ").append('[').append(p.atMillis()).append(", ").append(JsonText.number(p.admittedPerSecond(), 0))
                        .append(", ").append(p.occupancy()).append(']');
            }
            s.append(']');
        }
        return s.append("\n  }\n}\n").toString();
    }

    /**
     * {@return the report's tables in Markdown, for the benchmarks doc to quote as they are: the
     * run's date and environment in one line (the commit stays in the JSON and HTML), then each
     * part's table, medians (min–max)}
     */
    public static String markdown(RunEnvironment env, long seconds, int rounds, ShootoutResults results) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Run of %s; %s, %d cores; %s; JVM flags: %s; %.0f%% of the cores busy at the start. %d round(s) in fresh JVMs, "
                        + "%d s per cell. Others used at most %.1f%% of the cores while a figure was taken%s.%n%n",
                env.date(), env.cpuModel(), env.cores(), env.jdk(), env.jvmFlags().isEmpty() ? "none" : env.jvmFlags(),
                env.busyAtStart() * 100, rounds, seconds, results.othersShareMax() * 100,
                results.noisyCells() > 0 ? " (" + results.noisyCells() + " figure(s) marked ⚠ are unreliable)" : ""));
        if (!results.throughput().isEmpty()) {
            s.append("| Scenario | Wait strategy | Sluice, events/s | Disruptor, events/s | Sluice/Disruptor "
                    + "| Record ring, events/s | Record ring/Disruptor |\n|---|---|---|---|---|---|---|\n");
            for (ShootoutResults.ThroughputCell c : results.throughput()) {
                Spread r = c.ratio();
                Spread rr = c.recordRatio();
                s.append(String.format(Locale.ROOT, "| %s | %s%s | %s | %s | **%.2f** (%.2f–%.2f) | %s | %s |%n", c.scenario,
                        c.strategy, c.noisyRounds() > 0 ? NOISY : "", millions(c.sluice()), millions(c.disruptor()), r.median(),
                        r.min(), r.max(), millions(c.records()), c.records.isEmpty() ? "—"
                                : String.format(Locale.ROOT, "**%.2f** (%.2f–%.2f)", rr.median(), rr.min(), rr.max())));
            }
            s.append('\n');
        }
        if (!results.stalls().isEmpty()) {
            s.append("| Stalled producer | CPU per s stalled | resume p50 | resume p99 | recovered, events/s |\n|---|---|---|---|---|\n");
            for (ShootoutResults.StallCell c : results.stalls()) {
                s.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %s | %s |%n", c.policy, c.noisyRounds() > 0 ? NOISY : "",
                        durations(Spread.of(c.cpuMillisPerStallSecond), 1e3), durations(Spread.of(c.resumeP50Micros), 1),
                        durations(Spread.of(c.resumeP99Micros), 1), millions(Spread.of(c.recoveredEventsPerSecond))));
            }
        }
        if (!results.classes().isEmpty()) {
            s.append("\n| Orders against bulk | orders refused | orders offered | claim to consumption p50 | p99 | p99.9 "
                    + "| bulk delivered, events/s | bulk drops | bulk claims held back |\n|---|---|---|---|---|---|---|---|---|\n");
            for (ShootoutResults.ClassesCell c : results.classes()) {
                s.append(classesRow(c, "| ", " | ", " |")).append('\n');
            }
        }
        if (!results.flow().isEmpty()) {
            s.append("\n| Flow control | phase | delivered, events/s | drops | claim to consumption p50 | p99 | p99.9 | settled after | swing "
                    + "| 50 ms windows within 20% | lowest 50 ms rate | p99, first 200 ms | p99, second half |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (ShootoutResults.FlowCell c : results.flow()) {
                s.append(flowRow(c, "| ", " | ", " |")).append('\n');
            }
        }
        return s.toString();
    }

    private static String array(List<Double> values, int decimals) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(JsonText.number(values.get(i), decimals));
        }
        return s.append(']').toString();
    }

    public static String html(RunEnvironment env, long seconds, int rounds, ShootoutResults results) {
        StringBuilder s = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>Sluice shootout</title>
                <style>body{font:14px sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:0.5em 0}
                td,th{padding:3px 10px;text-align:right;border-bottom:1px solid #ddd}th:first-child,td:first-child{text-align:left}
                table.env th{text-align:left}table.env td{text-align:left}.warn{background:#fde8e6;border:1px solid #c0504d;padding:6px 10px}
                .noisy{color:#c0504d}
                """).append(SvgChart.STYLE).append("""
                </style></head><body>
                <h1>Sluice vs LMAX Disruptor 4.0.0</h1>
                """);
        s.append(String.format(Locale.ROOT, "<p>%d round(s), each in a fresh JVM; in each round and cell Sluice and the Disruptor "
                + "ran back to back (which went first alternates by round), %d s measured per cell after %s of warm-up. "
                + "Figures are the median (min–max) over the rounds; a ratio is taken within a round, then summarised.</p>%n",
                rounds, seconds, DurationText.ofMillis(seconds * 500.0)));
        s.append("<h2>What ran, on what</h2>\n").append(env.html(results.othersShareMax(), results.noisyCells()));
        List<ShootoutResults.ThroughputCell> cells = results.throughput();
        if (!cells.isEmpty()) {
            s.append("<h2>Where Sluice leads or trails</h2>\n<p>Sluice's events/s over the Disruptor's, one hollow dot per round, "
                    + "the filled dot the median, the bar from lowest to highest. Right of the line at 1.0 Sluice is faster.</p>\n");
            s.append(ratioPlot(cells));
            s.append("<h2>Throughput, events/s</h2><table><tr><th>scenario and wait strategy</th><th>Sluice</th>"
                    + "<th>Disruptor</th><th>Sluice/Disruptor</th><th>record ring</th><th>record ring/Disruptor</th>"
                    + "<th>others' CPU</th></tr>\n");
            for (ShootoutResults.ThroughputCell c : cells) {
                boolean noisy = c.noisyRounds() > 0;
                s.append(String.format(Locale.ROOT,
                        "<tr%s><td>%s%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
                        noisy ? " class=\"noisy\"" : "", HtmlText.escape(c.name()), noisy ? NOISY : "", millions(c.sluice()),
                        millions(c.disruptor()), ratio(c.ratio()), millions(c.records()),
                        c.records.isEmpty() ? "—" : ratio(c.recordRatio()), share(c.othersShareMax())));
            }
            s.append("</table>\n");
        }
        List<ShootoutResults.StallCell> stalls = results.stalls();
        if (!stalls.isEmpty()) {
            s.append("<h2>Stalled producer: CPU burnt against resume latency</h2><p>The consumer throttled to ")
                    .append(StallMeasurement.STALL_RATE).append(" events/s, a ring of ").append(StallMeasurement.CAPACITY)
                    .append(", so every claim waits for one freed slot. Lower left is better: little CPU while stalled, and a "
                            + "quick return once a slot frees. Medians over the rounds.</p>\n");
            s.append(stallPlot(stalls));
            s.append("<table><tr><th>policy</th><th>CPU per s stalled</th><th>resume p50</th><th>resume p99</th>"
                    + "<th>recovered, events/s</th><th>others' CPU</th></tr>\n");
            for (ShootoutResults.StallCell c : stalls) {
                boolean noisy = c.noisyRounds() > 0;
                s.append(String.format(Locale.ROOT, "<tr%s><td>%s%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
                        noisy ? " class=\"noisy\"" : "", HtmlText.escape(c.policy), noisy ? NOISY : "",
                        durations(Spread.of(c.cpuMillisPerStallSecond), 1e3), durations(Spread.of(c.resumeP50Micros), 1),
                        durations(Spread.of(c.resumeP99Micros), 1), millions(Spread.of(c.recoveredEventsPerSecond)),
                        share(c.othersShareMax())));
            }
            s.append("</table>\n");
        }
        List<ShootoutResults.FlowCell> flow = results.flow();
        if (!flow.isEmpty()) {
            s.append(String.format(Locale.ROOT, "<h2>Flow control: a consumer that slows fourfold and recovers</h2><p>One producer (or three, "
                    + "on a multi-producer ring) offers events flat out; the consumer spends %s per event for %s, %s for the next %s, then %s again (a ring of %,d). "
                    + "Under each policy: what was delivered, what was dropped (counted exactly), how long events took from claim to "
                    + "consumption, how long after each step the admitted rate (averaged over 50 ms) came within 10%% of what the "
                    + "consumer delivered and stayed there (settled), and how much it swung afterwards (standard deviation over mean, "
                    + "second half of the phase); the share of 50 ms windows within 20%% of it from the first within 10%% on, the lowest 50 ms "
                    + "rate as a share of it, and the p99 of the first 200 ms after the step beside the p99 of the phase's second half, "
                    + "each as the median with the rounds' range. The static limit is set for the fast consumer; the adaptive ones run between 10k/s "
                    + "and 4M/s with the gradient law's target delay of 1 ms; shed on delay has the same 1 ms target and a 10 ms "
                    + "interval. Medians "
                    + "over the rounds; the plots are the first round's.</p>%n", DurationText.ofMicros(FlowScenario.FAST_WORK_NANOS / 1e3),
                    DurationText.ofMillis(FlowScenario.PHASE_MILLIS), DurationText.ofMicros(FlowScenario.SLOW_WORK_NANOS / 1e3),
                    DurationText.ofMillis(FlowScenario.PHASE_MILLIS), DurationText.ofMicros(FlowScenario.FAST_WORK_NANOS / 1e3),
                    FlowScenario.CAPACITY));
            s.append(flowPlots(results.flowSeries()));
            s.append("<table><tr><th>policy</th><th>phase</th><th>delivered, events/s</th><th>drops</th><th>claim to consumption p50</th>"
                    + "<th>p99</th><th>p99.9</th><th>settled after</th><th>swing</th><th>50 ms windows within 20%</th>"
                    + "<th>lowest 50 ms rate</th><th>p99, first 200 ms</th><th>p99, second half</th></tr>\n");
            for (ShootoutResults.FlowCell c : flow) {
                s.append(c.noisyRounds() > 0 ? "<tr class=\"noisy\">" : "<tr>").append(flowRow(c, "<td>", "</td><td>", "</td>"))
                        .append("</tr>\n");
            }
            s.append("</table>\n");
        }
        List<ShootoutResults.ClassesCell> classes = results.classes();
        if (!classes.isEmpty()) {
            s.append(String.format(Locale.ROOT, "<h2>Producer classes: orders against bulk</h2><p>One ring of %,d, one consumer "
                    + "spending %s on every event; a bulk producer offers events flat out, and an order producer offers %,d orders a "
                    + "second on a fixed schedule with <code>tryClaim</code> (a refused order is counted, never retried). With classes, "
                    + "%.0f%% of the ring is kept for the orders and bulk keeps none; bulk parks when held back, or sheds on a %s delay "
                    + "(a %s interval). Orders' time from claim to consumption; medians over the rounds, with their range.</p>%n",
                    ClassesScenario.CAPACITY, DurationText.ofMicros(ClassesScenario.WORK_NANOS / 1e3), ClassesScenario.ORDERS_PER_SECOND,
                    ClassesScenario.ORDERS_SHARE * 100, DurationText.ofMillis(ClassesScenario.BULK_DELAY_TARGET.toMillis()),
                    DurationText.ofMillis(ClassesScenario.BULK_DELAY_TARGET.toMillis() * 10)));
            s.append("<table><tr><th>cell</th><th>orders refused</th><th>orders offered</th><th>claim to consumption p50</th>"
                    + "<th>p99</th><th>p99.9</th><th>bulk delivered, events/s</th><th>bulk drops</th><th>bulk claims held back</th></tr>\n");
            for (ShootoutResults.ClassesCell c : classes) {
                s.append(c.noisyRounds() > 0 ? "<tr class=\"noisy\">" : "<tr>").append(classesRow(c, "<td>", "</td><td>", "</td>"))
                        .append("</tr>\n");
            }
            s.append("</table>\n");
        }
        return s.append("</body></html>\n").toString();
    }

    /** One orders-against-bulk cell's figures between the given cell markers. */
    private static String classesRow(ShootoutResults.ClassesCell c, String open, String between, String close) {
        Spread refused = Spread.of(c.ordersRefused);
        return open + String.join(between, HtmlText.escape(c.cell) + (c.noisyRounds() > 0 ? NOISY : ""),
                String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", refused.median(), refused.min(), refused.max()),
                String.format(Locale.ROOT, "%,.0f", Spread.of(c.ordersOffered).median()),
                micros(Spread.of(c.p50Micros)), micros(Spread.of(c.p99Micros)), micros(Spread.of(c.p999Micros)),
                String.format(Locale.ROOT, "%,.0f", Spread.of(c.bulkDelivered).median()),
                String.format(Locale.ROOT, "%,.0f", Spread.of(c.bulkDrops).median()),
                String.format(Locale.ROOT, "%,.0f", Spread.of(c.bulkHeldBack).median())) + close;
    }

    /** One flow cell's figures between the given cell markers; names escaped for HTML (harmless in Markdown). */
    private static String flowRow(ShootoutResults.FlowCell c, String open, String between, String close) {
        Spread settled = Spread.of(c.convergeMillis);
        String settledText = c.unsettledRounds() == c.convergeMillis.size() ? "never"
                : DurationText.ofMillis(settled.median()) + (c.unsettledRounds() > 0 ? " (" + c.unsettledRounds() + " never)" : "");
        return open + String.join(between, HtmlText.escape(c.policy) + (c.noisyRounds() > 0 ? NOISY : ""), PHASE_NAMES[c.phase],
                String.format(Locale.ROOT, "%,.0f", Spread.of(c.delivered).median()),
                String.format(Locale.ROOT, "%,.0f", Spread.of(c.drops).median()),
                DurationText.ofMicros(Spread.of(c.p50Micros).median()), DurationText.ofMicros(Spread.of(c.p99Micros).median()),
                DurationText.ofMicros(Spread.of(c.p999Micros).median()), settledText,
                String.format(Locale.ROOT, "%.2f", Spread.of(c.oscillation).median()), bandShares(c.bandShare),
                shares(Spread.of(c.lowestShare)), micros(Spread.of(c.stepP99Micros)), micros(Spread.of(c.settledP99Micros))) + close;
    }

    /**
     * {@return the share of windows within 20%, as {@link #shares}, with the rounds in which the
     * rate never came within 10% (and so has no share) counted; "never" if none did}
     */
    private static String bandShares(List<Double> rounds) {
        Spread s = Spread.of(rounds);
        if (s.count() == 0) {
            return "never";
        }
        return shares(s) + (s.count() < rounds.size() ? " (" + (rounds.size() - s.count()) + " never)" : "");
    }

    /** {@return a median share with the rounds' range, as percentages: {@code 97% (91–100%)}} */
    private static String shares(Spread s) {
        return String.format(Locale.ROOT, "%.0f%% (%.0f–%.0f%%)", 100 * s.median(), 100 * s.min(), 100 * s.max());
    }

    /** {@return a median duration with the rounds' range} */
    private static String micros(Spread s) {
        return DurationText.ofMicros(s.median()) + " (" + DurationText.ofMicros(s.min()) + "–" + DurationText.ofMicros(s.max()) + ")";
    }

    /** The admitted rate and the ring's occupancy over time, a line per policy. */
    static String flowPlots(java.util.Map<String, List<FlowScenario.Point>> series) {
        if (series.isEmpty()) {
            return "";
        }
        long end = FlowScenario.PHASES * FlowScenario.PHASE_MILLIS;
        List<SvgChart.Tick> time = new ArrayList<>();
        for (long ms = 0; ms <= end; ms += 500) {
            time.add(new SvgChart.Tick(ms, String.format(Locale.ROOT, "%.1f s", ms / 1000.0)));
        }
        double fast = 1e9 / FlowScenario.FAST_WORK_NANOS;
        double top = 2.5 * fast;
        List<SvgChart.Tick> rates = new ArrayList<>();
        for (double r = 0; r <= top; r += fast / 2) {
            rates.add(new SvgChart.Tick(r, r == 0 ? "0" : String.format(Locale.ROOT, "%.1fM", r / 1e6)));
        }
        List<SvgChart.Key> keys = new ArrayList<>();
        int c = 0;
        for (String policy : series.keySet()) {
            keys.add(new SvgChart.Key(policy, SvgChart.COLOURS[c++ % SvgChart.COLOURS.length], SvgChart.Mark.LINE));
        }
        SvgChart admitted = new SvgChart(SvgChart.Axis.of("time", false, 0, end, time),
                SvgChart.Axis.of("admitted, events/s (over 50 ms)", false, 0, top, rates), 640, 220, keys);
        SvgChart waiting = new SvgChart(SvgChart.Axis.of("time", false, 0, end, time),
                SvgChart.Axis.log("events waiting (log scale)", 1, FlowScenario.CAPACITY, v -> String.format(Locale.ROOT, "%,.0f", v)),
                640, 220, keys);
        c = 0;
        for (List<FlowScenario.Point> points : series.values()) {
            String colour = SvgChart.COLOURS[c++ % SvgChart.COLOURS.length];
            // Averaged over 50 ms, as settling is judged: a 10 ms sample on two cores swings with the scheduler.
            double[] rate = FlowScenario.movingAverage(points.stream().mapToDouble(FlowScenario.Point::admittedPerSecond).toArray(),
                    FlowScenario.SMOOTHING_SAMPLES);
            admitted.line(points.stream().mapToDouble(FlowScenario.Point::atMillis).toArray(),
                    java.util.Arrays.stream(rate).map(r -> Math.min(top, r)).toArray(), colour, false);
            waiting.line(points.stream().mapToDouble(FlowScenario.Point::atMillis).toArray(),
                    points.stream().mapToDouble(p -> Math.max(1, p.occupancy())).toArray(), colour, false);
        }
        return admitted.svg() + waiting.svg();
    }

    /** Every round's ratio per cell, on a log axis symmetric around 1.0. */
    static String ratioPlot(List<ShootoutResults.ThroughputCell> cells) {
        double extreme = 2; // at least 0.5..2
        for (ShootoutResults.ThroughputCell c : cells) {
            for (double r : c.ratios()) {
                if (Double.isFinite(r) && r > 0) {
                    extreme = Math.max(extreme, Math.max(r, 1 / r));
                }
            }
        }
        double[] steps = {2, 5, 10, 20, 50, 100, 1000};
        double bound = 1000;
        for (double step : steps) {
            if (extreme <= step) {
                bound = step;
                break;
            }
        }
        List<SvgChart.Tick> ticks = new ArrayList<>();
        for (double t : new double[] {0.001, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 1000}) {
            if (t >= 1 / bound && t <= bound) {
                ticks.add(new SvgChart.Tick(t, t < 1 ? String.format(Locale.ROOT, "%s", trim(t)) : String.format(Locale.ROOT, "%.0f", t)));
            }
        }
        List<String> names = new ArrayList<>();
        for (ShootoutResults.ThroughputCell c : cells) {
            names.add(c.name() + (c.noisyRounds() > 0 ? NOISY : ""));
        }
        SvgChart chart = new SvgChart(SvgChart.Axis.of("Sluice/Disruptor, events/s (log scale)", true, 1 / bound, bound, ticks),
                SvgChart.Axis.categories("", names), 560, 22 * cells.size(),
                List.of(new SvgChart.Key("one round", SvgChart.COLOURS[0], SvgChart.Mark.RING),
                        new SvgChart.Key("median", SvgChart.COLOURS[0], SvgChart.Mark.DOT)));
        chart.verticalRule(1, "#888");
        for (int i = 0; i < cells.size(); i++) {
            ShootoutResults.ThroughputCell c = cells.get(i);
            Spread spread = c.ratio();
            String colour = c.noisyRounds() > 0 ? SvgChart.COLOURS[1] : SvgChart.COLOURS[0];
            chart.segment(spread.min(), i, spread.max(), i, colour, 2);
            for (double r : c.ratios()) {
                chart.dot(r, i, colour, false, 4);
            }
            chart.dot(spread.median(), i, colour, true, 5);
        }
        return chart.svg();
    }

    /** Per policy, its median CPU per second stalled against its median resume p50 (filled) and p99 (hollow). */
    static String stallPlot(List<ShootoutResults.StallCell> stalls) {
        double minCpu = Double.MAX_VALUE;
        double maxCpu = 0;
        double minResume = Double.MAX_VALUE;
        double maxResume = 0;
        for (ShootoutResults.StallCell c : stalls) {
            double cpu = Spread.of(c.cpuMillisPerStallSecond).median();
            double p50 = Spread.of(c.resumeP50Micros).median();
            double p99 = Spread.of(c.resumeP99Micros).median();
            if (Double.isFinite(cpu)) {
                minCpu = Math.min(minCpu, Math.max(cpu, 0.01));
                maxCpu = Math.max(maxCpu, Math.max(cpu, 0.01));
            }
            if (Double.isFinite(p50) && Double.isFinite(p99)) {
                minResume = Math.min(minResume, Math.max(p50, 0.01));
                maxResume = Math.max(maxResume, Math.max(p99, 0.01));
            }
        }
        if (maxCpu == 0 || maxResume == 0) {
            return "<p>no stall figures</p>\n";
        }
        List<SvgChart.Key> keys = new ArrayList<>();
        for (int i = 0; i < stalls.size(); i++) {
            keys.add(new SvgChart.Key(stalls.get(i).policy + (stalls.get(i).noisyRounds() > 0 ? NOISY : ""),
                    SvgChart.COLOURS[i % SvgChart.COLOURS.length], SvgChart.Mark.LINE));
        }
        keys.add(new SvgChart.Key("resume p50", "#333", SvgChart.Mark.DOT));
        keys.add(new SvgChart.Key("resume p99", "#333", SvgChart.Mark.RING));
        SvgChart chart = new SvgChart(
                SvgChart.Axis.log("CPU burnt per second stalled (log scale)", minCpu, maxCpu, v -> DurationText.tick(v * 1e3)),
                SvgChart.Axis.log("resume latency (log scale)", minResume, maxResume, DurationText::tick), 480, 300, keys);
        List<Double> drawnAt = new ArrayList<>();
        for (int i = 0; i < stalls.size(); i++) {
            ShootoutResults.StallCell c = stalls.get(i);
            String colour = SvgChart.COLOURS[i % SvgChart.COLOURS.length];
            double cpu = Math.max(Spread.of(c.cpuMillisPerStallSecond).median(), 0.01);
            // Policies that burn the same CPU (spin and yielding both take a whole core) stand side by side.
            double x = chart.px(cpu);
            chart.shiftX(-12 * drawnAt.stream().filter(at -> Math.abs(at - x) < 10).count());
            drawnAt.add(x);
            double p50 = Math.max(Spread.of(c.resumeP50Micros).median(), 0.01);
            double p99 = Math.max(Spread.of(c.resumeP99Micros).median(), 0.01);
            chart.segment(cpu, p50, cpu, p99, colour, 2);
            chart.dot(cpu, p50, colour, true, 5);
            chart.dot(cpu, p99, colour, false, 5);
        }
        return chart.svg();
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.3f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String millions(Spread s) {
        return Double.isNaN(s.median()) ? "n/a" : String.format(Locale.ROOT, "%.1f M (%.1f–%.1f)", s.median() / 1e6, s.min() / 1e6, s.max() / 1e6);
    }

    private static String ratio(Spread s) {
        return Double.isNaN(s.median()) ? "n/a" : String.format(Locale.ROOT, "<b>%.2f</b> (%.2f–%.2f)", s.median(), s.min(), s.max());
    }

    /** @param toMicros what one unit of the spread is in microseconds */
    private static String durations(Spread s, double toMicros) {
        return Double.isNaN(s.median()) ? "n/a" : DurationText.ofMicros(s.median() * toMicros) + " ("
                + DurationText.ofMicros(s.min() * toMicros) + "–" + DurationText.ofMicros(s.max() * toMicros) + ")";
    }

    private static String share(double share) {
        return Double.isNaN(share) ? "unknown" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
