package io.sluice.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main job's command line and report; its figures come from runs, never from tests. */
class ShootoutTest {
    @TempDir
    Path directory;

    @Test
    void helpListsTheOptionsAndTheFullJmhCommand() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Shootout.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--seconds") && text.contains("--only") && text.contains("benchmarks.jar"), text);
    }

    @Test
    void badOptionsAreNamedWithExitCode2() throws Exception {
        assertBad("--seconds must be from 1 to 60: 0", "--seconds", "0");
        assertBad("--seconds must be a whole number: \"fast\"", "--seconds", "fast");
        assertBad("--only must be throughput or stall: latency", "--only", "latency");
        assertBad("unknown option: --quick", "--quick");
        assertBad("--out needs a value", "--out");
    }

    @Test
    void theReportIsSelfContainedHtmlAndJson() throws Exception {
        List<Shootout.Pair> pairs = List.of(new Shootout.Pair("1P1C", "blocking", 14e6, 12e6));
        List<StallMeasurement.Result> stalls = List.of(new StallMeasurement.Result("block", 9.0, 14.3, 65.7, 8.8e6));
        String html = ShootoutReport.html("2 CPUs, <vm>", 1, pairs, stalls);
        assertTrue(html.startsWith("<!doctype html>") && html.contains("<svg") && !html.contains("<script"), html);
        assertTrue(html.contains("2 CPUs, &lt;vm&gt;") && html.contains("1.17") && html.contains("65.7"), html);
        HtmlSyntax.check(html);
        String json = ShootoutReport.json("m", 1, pairs, stalls);
        assertTrue(json.contains("\"ratio\": 1.167") && json.contains("\"resumeP99Micros\": 65.70"), json);
    }

    @Test
    void aStallPartRunWritesItsReportAndPrintsThePathLast() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path dir = directory.resolve("report");
        // Only the stall part, which is short; the throughput part is exercised by the JMH smoke pass's contenders.
        assertEquals(0, Shootout.run(new String[] {"--only", "stall", "--out", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("report: " + dir.resolve("shootout.html").toAbsolutePath(), lines.get(lines.size() - 1));
        assertTrue(Files.readString(dir.resolve("shootout.json")).contains("\"policy\": \"disruptor next()\""));
        JsonSyntax.check(Files.readString(dir.resolve("shootout.json")));
        HtmlSyntax.check(Files.readString(dir.resolve("shootout.html")));
    }

    private static void assertBad(String message, String... args) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Shootout.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.startsWith("shootout: " + message), text);
    }
}
