package io.sluice.bench.ipc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each two-process cell moves every value to the other process exactly once (the cell checks it) and reports its figure. */
class IpcThroughputTest {
    @ParameterizedTest
    @ValueSource(strings = {"sluice", "agrona"})
    void aCellDeliversEveryValueThroughASmallRingAndReportsARate(String kind) throws Exception {
        double rate = IpcThroughput.rate(kind, 200_000, 1024);

        assertTrue(rate > 0 && Double.isFinite(rate), kind + ": " + rate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sluice", "agrona"})
    void aRoundTripCellGetsEveryValueBackAndTimesTheSecondHalf(String kind) throws Exception {
        // roundTrips checks each echo is the value sent; half of 2,000 trips are timed.
        assertEquals(1_000, IpcRoundTrip.roundTrips(kind, 2_000).getTotalCount(), kind);
    }
}
