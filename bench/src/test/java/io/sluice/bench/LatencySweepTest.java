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

/** The latency sweep's command line and outputs; its figures come from runs, never from tests. */
class LatencySweepTest {
    @TempDir
    Path directory;

    @Test
    void aShortSweepWritesJsonHistogramsAndAPlotAndPrintsThePathLast() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path dir = directory.resolve("latency");
        assertEquals(0, LatencySweep.run(new String[] {"--contenders", "sluice-yielding,jctools", "--rates", "20000",
                "--seconds", "1", "--out", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("report: " + dir.resolve("latency.html").toAbsolutePath(), lines.get(lines.size() - 1));
        assertTrue(Files.readString(dir.resolve("latency.html")).contains("<polyline"));
        assertTrue(Files.readString(dir.resolve("latency.json")).contains("\"contender\": \"jctools\""));
        JsonSyntax.check(Files.readString(dir.resolve("latency.json")));
        HtmlSyntax.check(Files.readString(dir.resolve("latency.html")));
        assertTrue(Files.readString(dir.resolve("sluice-yielding-20000.hgrm")).contains("Percentile"));
    }

    @Test
    void everyRecordedValueIsOneSentValue() throws Exception {
        OpenLoopLatency.Run run = OpenLoopLatency.run("sluice-blocking", 10_000, 100, 300);
        // 300 ms at 10,000/s: exactly the 3,000 values due after the warm-up are recorded, however
        // late the consumer takes the warm-up's last values (they are sent but never recorded).
        assertEquals(3_000, run.histogram().getTotalCount());
    }

    @Test
    void aWarmUpOnlyRunRecordsNothing() throws Exception {
        OpenLoopLatency.Run run = OpenLoopLatency.run("sluice-blocking", 10_000, 100, 0);
        assertEquals(0, run.histogram().getTotalCount());
    }

    @Test
    void badOptionsAreNamedWithExitCode2() throws Exception {
        assertBad("unknown contender: kafka", "--contenders", "kafka");
        assertBad("--rates must be from 1 to 100000000 events/s: 0", "--rates", "0");
        assertBad("not a whole number: \"fast\"", "--rates", "fast");
        assertBad("--seconds must be from 1 to 60: 61", "--seconds", "61");
        assertBad("unknown option: --rate", "--rate", "5");
    }

    private static void assertBad(String message, String... args) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LatencySweep.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.startsWith("latency: " + message), text);
    }
}
