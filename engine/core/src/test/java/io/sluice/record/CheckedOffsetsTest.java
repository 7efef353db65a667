package io.sluice.record;

import io.sluice.RingBuffer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code -Dio.sluice.records.checkOffsets=true}, a field that does not fit in its record is
 * refused, naming its offset, and nothing is written. The build runs this class alone in a JVM
 * started with the property (see the core's pom); without it, the class fails rather than pass
 * untested.
 */
class CheckedOffsetsTest {
    private final RingBuffer<Records> ring = Records.onHeap(16).capacity(2).build();
    private final Records records = ring.get(0);

    @BeforeAll
    static void runsWithOffsetChecks() {
        assertTrue(Records.CHECK_OFFSETS, "run with -Dio.sluice.records.checkOffsets=true");
    }

    @Test
    void aLongThatRunsPastTheRecordsEndIsRefusedNamingItsOffsetAndTheNextRecordIsUntouched() {
        records.putLong(1, 0, 77);

        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> records.putLong(0, 12, -1));
        assertTrue(e.getMessage().contains("offset 12") && e.getMessage().contains("16 bytes"), e.getMessage());
        assertEquals(77, records.getLong(1, 0));
    }

    @Test
    void aNegativeOffsetIsRefused() {
        assertThrows(IndexOutOfBoundsException.class, () -> records.getInt(0, -4));
    }

    @Test
    void aFieldThatEndsOnTheRecordsLastByteIsAllowed() {
        records.putDouble(0, 8, 1.5).putInt(0, 12, 3);

        assertEquals(3, records.getInt(0, 12));
    }
}
