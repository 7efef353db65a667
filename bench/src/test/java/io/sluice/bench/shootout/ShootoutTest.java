package io.sluice.bench.shootout;

import io.sluice.bench.report.HtmlSyntax;
import io.sluice.bench.report.JsonSyntax;
import io.sluice.bench.run.RunEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main job's command line and report; its figures come from runs, never from tests. */
public class ShootoutTest {
    static final RunEnvironment QUIET = new RunEnvironment("6527f0e", "2026-12-03T09:00:00Z", "OpenJDK 17.0.15", "-Xmx1g",
            "AMD EPYC", 2, "Linux 6.18 amd64", 0.1, 2.1, 2.0, 0.02);

    @TempDir
    Path directory;

    @Test
    void helpListsTheOptionsAndTheFullJmhCommand() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Shootout.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--rounds") && text.contains("--seconds") && text.contains("flow")
                && text.contains("--jvm-args") && text.contains("benchmarks.jar"), text);
    }

    @Test
    void badOptionsAreNamedWithExitCode2() throws Exception {
        assertBad("--seconds must be from 1 to 60: 0", "--seconds", "0");
        assertBad("--seconds must be a whole number: \"fast\"", "--seconds", "fast");
        assertBad("--rounds must be from 1 to 50: 0", "--rounds", "0");
        assertBad("--only must be throughput, stall, flow or classes: latency", "--only", "latency");
        assertBad("unknown option: --quick", "--quick");
        assertBad("--out needs a value", "--out");
    }

    @Test
    void theReportShowsTheEnvironmentMediansSpreadsAndPlots() {
        ShootoutResults results = threeRounds(0.01);
        String html = ShootoutReport.html(QUIET, 1, 3, results);
        assertTrue(html.startsWith("<!doctype html>") && !html.contains("<script"), html);
        assertTrue(html.contains("6527f0e") && html.contains("AMD EPYC, 2 cores") && html.contains("-Xmx1g"), html);
        // Ratios 1.2, 0.8 and 1.0 in the three rounds: median 1.00, from 0.80 to 1.20.
        assertTrue(html.contains("<b>1.00</b> (0.80–1.20)"), html);
        assertTrue(html.contains("Where Sluice leads or trails") && html.contains("CPU burnt against resume latency"), html);
        assertFalse(html.contains("⚠"), html);
        HtmlSyntax.check(html);
    }

    @Test
    void figuresTakenWhileOthersUsedTheCoresAreMarkedAndWarnedOf() {
        String html = ShootoutReport.html(QUIET, 1, 3, threeRounds(0.35));
        assertTrue(html.contains("class=\"warn\"") && html.contains("Other processes used up to 35% of the cores"), html);
        assertTrue(html.contains("1P1C blocking ⚠"), html);
        String json = ShootoutReport.json(QUIET, 1, 3, threeRounds(0.35));
        assertTrue(json.contains("\"unreliable\": true"), json);
    }

    @Test
    void aMachineStillBusyWhenTheFirstFigureWasDueIsWarnedOf() {
        RunEnvironment busy = new RunEnvironment("c", "d", "j", "", "cpu", 2, "os", 27.0, 27.0, 26.0, 0.93);
        String html = ShootoutReport.html(busy, 1, 3, threeRounds(0));
        assertTrue(html.contains("The machine was still 93% busy when the first figure was about to be taken"), html);
    }

    @Test
    void aHighLoadAverageFromABuildThatHasEndedIsShownButNotWarnedOf() {
        RunEnvironment settled = new RunEnvironment("c", "d", "j", "", "cpu", 2, "os", 1.4, 2.6, 2.3, 0.01);
        String html = ShootoutReport.html(settled, 1, 3, threeRounds(0));
        assertTrue(html.contains("1.40 before") && !html.contains("class=\"warn\""), html);
    }

    @Test
    void theJsonCarriesTheEnvironmentAndEveryRoundsRatio() {
        String json = ShootoutReport.json(QUIET, 1, 3, threeRounds(0.01));
        JsonSyntax.check(json);
        assertTrue(json.contains("\"commit\": \"6527f0e\"") && json.contains("\"cores\": 2") && json.contains("\"before\": 0.10")
                && json.contains("\"busyShareAtStart\": 0.0200"), json);
        assertTrue(json.contains("\"ratios\": [1.200, 0.800, 1.000]"), json);
        assertTrue(json.contains("\"ratio\": {\"median\": 1.000, \"min\": 0.800, \"max\": 1.200, \"count\": 3}"), json);
        assertTrue(json.contains("\"unreliable\": false"), json);
    }

    @Test
    void theMarkdownHasTheTablesTheBenchmarksDocQuotes() {
        String md = ShootoutReport.markdown(QUIET, 1, 3, threeRounds(0.01));
        assertTrue(md.startsWith("Run of 2026-12-03T09:00:00Z; AMD EPYC, 2 cores"), md);
        assertFalse(md.contains("6527f0e"), "the commit stays in the JSON: " + md);
        assertTrue(md.contains("2% of the cores busy at the start"), md);
        assertTrue(md.contains("| 1P1C | blocking | 10.0 M (8.0–12.0) | 10.0 M (10.0–10.0) | **1.00** (0.80–1.20) |"), md);
        assertTrue(md.contains("| block | 9.00 ms (9.00 ms–9.00 ms) | 14.3 µs (14.3 µs–14.3 µs) | 65.7 µs (65.7 µs–65.7 µs) | 8.8 M (8.8–8.8) |"), md);
    }

    @Test
    void aStallPartRunLaunchesItsRoundsWritesItsReportAndPrintsThePathLast() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path dir = directory.resolve("report");
        // Only the stall part, one round, which is short; the throughput part is exercised by the JMH smoke pass's contenders.
        assertEquals(0, Shootout.run(new String[] {"--only", "stall", "--rounds", "1", "--out", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        String text = out.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertEquals("report: " + dir.resolve("shootout.html").toAbsolutePath(), lines.get(lines.size() - 1));
        assertTrue(text.contains("round 1/1  stalled disruptor next()"), text);
        String json = Files.readString(dir.resolve("shootout.json"));
        assertTrue(json.contains("\"policy\": \"disruptor next()\"") && json.contains("\"environment\""), json);
        JsonSyntax.check(json);
        HtmlSyntax.check(Files.readString(dir.resolve("shootout.html")));
        // A busy machine marks the row (⚠), so only its start is checked.
        assertTrue(Files.readString(dir.resolve("shootout.md")).contains("| disruptor next()"));
    }

    @Test
    void theFlowScenarioShowsItsTablePlotsAndJson() {
        ShootoutResults results = new ShootoutResults();
        for (int round = 0; round < 2; round++) {
            for (int phase = 0; phase < 3; phase++) {
                results.accept(round, "flow\tadaptive gradient\t" + phase + "\t990000\t12345\t2.5\t900.0\t1500.0\t"
                        + (phase == 1 ? "NaN" : "150.0") + "\t0.0300\t" + (phase == 2 ? "NaN" : round == 0 ? "0.9500" : "0.9900")
                        + "\t0.600\t2400.0\t1100.0\t0.0100");
            }
        }
        results.accept(0, "flowseries\tadaptive gradient\t10\t1000000\t1050");
        results.accept(0, "flowseries\tadaptive gradient\t20\t250000\t0");
        String html = ShootoutReport.html(QUIET, 1, 2, results);
        assertTrue(html.contains("Flow control: a consumer that slows fourfold and recovers"), html);
        assertTrue(html.contains("<td>adaptive gradient</td><td>4x slower</td><td>990,000</td><td>12,345</td><td>2.50 µs</td>"
                + "<td>900 µs</td><td>1.50 ms</td><td>never</td><td>0.03</td><td>97% (95–99%)</td><td>60% (60–60%)</td>"
                + "<td>2.40 ms (2.40 ms–2.40 ms)</td><td>1.10 ms (1.10 ms–1.10 ms)</td>"), html);
        assertTrue(html.contains("<td>never</td><td>60% (60–60%)</td>"), "a rate never within 10% has no share in the band: " + html);
        assertTrue(html.contains("admitted, events/s") && html.contains("events waiting (log scale)"), html);
        HtmlSyntax.check(html);
        String json = ShootoutReport.json(QUIET, 1, 2, results);
        JsonSyntax.check(json);
        assertTrue(json.contains("\"phase\": \"fast again\"") && json.contains("\"roundsNeverSettled\": 2")
                && json.contains("\"adaptive gradient\": [[10, 1000000, 1050], [20, 250000, 0]]")
                && json.contains("\"shareOfWindowsWithin20Percent\": [0.9500, 0.9900]"), json);
        assertTrue(ShootoutReport.markdown(QUIET, 1, 2, results).contains("| adaptive gradient | fast | 990,000 | 12,345 |"));
    }

    @Test
    void theOrdersAgainstBulkScenarioShowsItsTableAndJson() {
        ShootoutResults results = new ShootoutResults();
        for (int round = 0; round < 2; round++) {
            results.accept(round, "classes\torders' reserve, bulk parks\t40000\t" + 2 * round + "\t2360.0\t3150.0\t3280.0\t925332\t0\t1200"
                    + "\t0.0100");
            results.accept(round, "classes\torders alone\t40000\t0\t5.6\t36.2\t484.0\t0\t0\t0\t0.0100");
        }
        String html = ShootoutReport.html(QUIET, 1, 2, results);
        assertTrue(html.contains("Producer classes: orders against bulk"), html);
        assertTrue(html.contains("<td>orders' reserve, bulk parks</td><td>1 (0–2)</td><td>40,000</td><td>2.36 ms (2.36 ms–2.36 ms)</td>"
                + "<td>3.15 ms (3.15 ms–3.15 ms)</td><td>3.28 ms (3.28 ms–3.28 ms)</td><td>925,332</td><td>0</td><td>1,200</td>"), html);
        assertTrue(html.indexOf("<td>orders alone") < html.indexOf("<td>orders' reserve"), "the scenario's order: " + html);
        HtmlSyntax.check(html);
        String json = ShootoutReport.json(QUIET, 1, 2, results);
        JsonSyntax.check(json);
        assertTrue(json.contains("\"cell\": \"orders' reserve, bulk parks\"") && json.contains("\"ordersRefused\": [0, 2]"), json);
        assertTrue(ShootoutReport.markdown(QUIET, 1, 2, results).contains("| orders alone | 0 (0–0) | 40,000 |"));
    }

    /** Three rounds of 1P1C blocking (ratios 1.2, 0.8, 1.0) and of the block policy, others using {@code share}. */
    static ShootoutResults threeRounds(double share) {
        ShootoutResults results = new ShootoutResults();
        double[] sluice = {12e6, 8e6, 10e6};
        for (int round = 0; round < 3; round++) {
            results.accept(round, "jvm\t-Xmx1g");
            results.accept(round, "throughput\t1P1C\tblocking\tsluice\t" + sluice[round] + "\t" + share);
            results.accept(round, "throughput\t1P1C\tblocking\tdisruptor\t10000000\t0.0");
            results.accept(round, "stall\tblock\t9.0\t14.3\t65.7\t8800000\t0.0");
            results.accept(round, "stall\tspin\t998.0\t0.4\t2.1\t9100000\t0.0");
        }
        return results;
    }

    private static void assertBad(String message, String... args) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Shootout.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.startsWith("shootout: " + message), text);
    }
}
