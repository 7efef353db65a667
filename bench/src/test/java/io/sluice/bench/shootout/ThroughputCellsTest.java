package io.sluice.bench.shootout;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cell runner's command line; its figures come from runs, never from tests. */
class ThroughputCellsTest {
    @Test
    void printsOneLinePerMeasuredCellAndNoneForTheWarmUp() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ThroughputCells.run(new String[] {"--seconds", "1", "sluice-yielding:1", "--", "sluice-yielding:2"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String[] lines = bytes.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(1, lines.length, String.join("\n", lines));
        String[] fields = lines[0].split("\t");
        assertEquals("cell", fields[0]);
        assertEquals("sluice-yielding", fields[1]);
        assertEquals("2", fields[2]);
        assertTrue(Double.parseDouble(fields[3]) > 0, lines[0]);
    }

    @Test
    void aRunWithNothingToMeasureIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThroughputCells.run(new String[] {"sluice-yielding:1"}, System.out));
        assertTrue(e.getMessage().contains("no cell to measure"), e.getMessage());
    }

    @Test
    void aCellWithoutAProducerCountIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThroughputCells.run(new String[] {"--", "sluice-yielding:x"}, System.out));
        assertEquals("producers must be a whole number from 1: sluice-yielding:x", e.getMessage());
    }
}
