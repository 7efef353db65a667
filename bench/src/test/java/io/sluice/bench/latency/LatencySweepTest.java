package io.sluice.bench.latency;

import io.sluice.bench.report.HtmlSyntax;
import io.sluice.bench.report.JsonSyntax;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The latency sweep's command line and outputs; its figures come from runs, never from tests. */
public class LatencySweepTest {
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
        String html = Files.readString(dir.resolve("latency.html"));
        assertTrue(html.contains("<polyline") && html.contains("1P1C: 1 producer") && html.contains("3P1C: 3 producers"), html);
        assertTrue(html.contains("What ran, on what") && html.contains("<b>Sustained</b> means"), html);
        String json = Files.readString(dir.resolve("latency.json"));
        assertTrue(json.contains("\"contender\": \"jctools\"") && json.contains("\"scenario\": \"3P1C\"")
                && json.contains("\"environment\""), json);
        JsonSyntax.check(json);
        HtmlSyntax.check(html);
        assertTrue(Files.readString(dir.resolve("sluice-yielding-1P1C-20000.hgrm")).contains("Percentile"));
        assertTrue(Files.readString(dir.resolve("jctools-3P1C-20000.hgrm")).contains("Percentile"));
        String md = Files.readString(dir.resolve("latency.md"));
        // A busy machine marks a row (⚠), so only its start is checked.
        assertTrue(md.contains("| 1P1C offered | Contender |") && md.contains("| 20,000/s | jctools"), md);
    }

    @Test
    void threeProducersShareOneScheduleAndEveryRecordedValueIsOneSentValue() throws Exception {
        OpenLoopLatency.Run run = OpenLoopLatency.run("sluice-blocking", 3, 9_000, 100, 300);
        // 300 ms at 9,000/s in all: the 2,700 values due after the warm-up, whichever producer sent them.
        assertEquals(2_700, run.histogram().getTotalCount());
        assertEquals("3P1C", run.scenario());
    }

    @Test
    void aRunIsNotSustainedWhenTheConsumerEndsFarBehindThoughTheProducerKeptItsSchedule() {
        OpenLoopLatency.Run run = run(0, TimeUnit.MILLISECONDS.toNanos(236));
        assertFalse(run.sustained());
        assertEquals("the consumer was 236 ms behind at the end", LatencyReport.why(run));
    }

    @Test
    void aRunIsNotSustainedWhenAProducerEverFellBeyondTheBoundThoughItCaughtUp() {
        OpenLoopLatency.Run run = run(TimeUnit.MILLISECONDS.toNanos(60), 0);
        assertFalse(run.sustained());
        assertEquals("a producer fell 60.0 ms behind", LatencyReport.why(run));
    }

    @Test
    void aRunWithinTheBoundOnBothCountsIsSustained() {
        assertTrue(run(OpenLoopLatency.SUSTAINED_BOUND_NANOS, OpenLoopLatency.SUSTAINED_BOUND_NANOS).sustained());
    }

    private static OpenLoopLatency.Run run(long maxLatenessNanos, long backlogNanos) {
        return new OpenLoopLatency.Run("sluice-busy-spin", 1, 1_000_000, new Histogram(3), maxLatenessNanos, backlogNanos, 0.0);
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
        assertBad("--producers must be from 1 to 16: 0", "--producers", "0");
        assertBad("speed-of-light is a single-producer ring: 3 producers", "--contenders", "speed-of-light", "--producers", "3");
    }

    private static void assertBad(String message, String... args) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LatencySweep.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.startsWith("latency: " + message), text);
    }
}
