package io.sluice.bench.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class CoreShareTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return CoreShare.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void procCountersAreReadFromSchedstatAndStatus() {
        CoreShare.TaskCounters counters = CoreShare.parse("123456789 42 7\n",
                List.of("Name:\tjava", "voluntary_ctxt_switches:\t15", "nonvoluntary_ctxt_switches:\t3"));
        assertEquals(new CoreShare.TaskCounters(123_456_789, 15, 3), counters);
    }

    @Test
    void aStatusWithoutSwitchCountsIsRefused() {
        assertThrows(IllegalStateException.class, () -> CoreShare.parse("1 2 3", List.of("Name:\tjava")));
    }

    @Test
    void aRowShowsTheRateThenEachThreadsShareAndSwitchesPerSecondThenTheProducersCpuPerEvent() {
        CoreShare.TaskCounters[] start = {new CoreShare.TaskCounters(0, 0, 0), new CoreShare.TaskCounters(0, 10, 10)};
        CoreShare.TaskCounters[] stop = {
                new CoreShare.TaskCounters(900_000_000, 20, 300), new CoreShare.TaskCounters(100_000_000, 10, 510)};
        assertEquals("     12.5 |  90% 20/300 |  10% 0/500 | 72.0", CoreShare.row(12_500_000, 1_000_000_000, 1, start, stop));
    }

    @Test
    void theProducersCpuPerEventAddsUpEveryProducer() {
        CoreShare.TaskCounters zero = new CoreShare.TaskCounters(0, 0, 0);
        CoreShare.TaskCounters[] start = {zero, zero, zero};
        CoreShare.TaskCounters[] stop = {new CoreShare.TaskCounters(600_000_000, 0, 0),
                new CoreShare.TaskCounters(400_000_000, 0, 0), new CoreShare.TaskCounters(500_000_000, 0, 0)};
        assertEquals("     10.0 |  60% 0/0  40% 0/0 |  50% 0/0 | 100.0",
                CoreShare.row(10_000_000, 1_000_000_000, 2, start, stop));
    }

    @Test
    void aProducerCountOutOfRangeIsNamed() throws Exception {
        assertEquals(2, run("sluice-yielding", "--producers", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--producers must be 1..16: 0"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aSingleProducerContenderRefusesMoreProducers() throws Exception {
        assertEquals(2, run("speed-of-light", "--producers", "3", "--topology", "one"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("speed-of-light is a single-producer ring: 3 producers"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aThreeProducerRunReportsThreeProducersAndTheConsumerEachSecond() throws Exception {
        assertEquals(0, run("sluice-yielding", "--producers", "3", "--topology", "one", "--seconds", "1", "--warmup", "0"));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("sluice-yielding ONE, producer tasks \\[\\d+, \\d+, \\d+\\], consumer tasks \\[\\d+\\]"),
                lines.get(0));
        String[] columns = lines.get(2).split("\\|");
        assertEquals(4, columns.length, lines.get(2));
        assertEquals(3, columns[1].split("%", -1).length - 1, lines.get(2));
        assertEquals(1, columns[2].split("%", -1).length - 1, lines.get(2));
        assertTrue(Double.parseDouble(columns[3].trim()) > 0, lines.get(2));
    }

    @Test
    void anUnknownTopologyIsNamed() throws Exception {
        assertEquals(2, run("sluice-yielding", "--topology", "ring"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                "--topology must be ONE, MULTICAST, PIPELINE or DIAMOND: ring"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPinWithoutBothCpuListsIsNamed() throws Exception {
        assertEquals(2, run("sluice-yielding", "--pin", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--pin must be PRODUCER_CPUS:CONSUMER_CPUS"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void secondsOutOfRangeAreNamed() throws Exception {
        assertEquals(2, run("sluice-yielding", "--seconds", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--seconds must be 1..600: 0"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anUnknownContenderIsNamed() throws Exception {
        assertEquals(2, run("sluice-dozing"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown wait strategy: dozing"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingOptionValueIsNamed() throws Exception {
        assertEquals(2, run("sluice-yielding", "--seconds"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--seconds needs a value"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAContenderItSaysSo() throws Exception {
        assertEquals(2, run("--seconds", "1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("name a contender"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aMulticastRunReportsTheProducerAndThreeConsumersEachSecond() throws Exception {
        assertEquals(0, run("sluice-yielding", "--topology", "multicast", "--seconds", "1", "--warmup", "0"));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("sluice-yielding MULTICAST, producer tasks "), lines.get(0));
        String row = lines.get(2);
        assertEquals(4, row.split("%", -1).length - 1, row);
        assertEquals(4, row.split("\\|", -1).length, row);
        assertTrue(Double.parseDouble(row.substring(0, row.indexOf('|')).trim()) > 0, row);
    }
}
