package io.sluice.bench.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Others' share of the cores: all cores' busy time less this process's own, over the interval. */
public class MachineLoadTest {
    private static final String SELF = "4242 (java (bench) x) S 1 2 3 0 -1 4194304 116 0 0 0 %d %d 0 0 20 0 1 0 5999154";

    @Test
    void busyTimeCountsStealAndLeavesIdleAndIowaitOut() {
        MachineLoad.Sample s = MachineLoad.parse("cpu  100 5 20 1000 7 1 2 30 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n", SELF.formatted(40, 10));
        assertEquals(100 + 5 + 20 + 1 + 2 + 30, s.busyTicks());
        assertEquals(158 + 1000 + 7, s.totalTicks());
        assertEquals(50, s.selfTicks());
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        assertEquals(7, MachineLoad.parse("cpu 1 0 0 1 0 0 0 0", SELF.formatted(3, 4)).selfTicks());
    }

    @Test
    void othersShareIsBusyTimeNotOursOverAllCoresTime() {
        MachineLoad.Sample start = new MachineLoad.Sample(1_000, 10_000, 300);
        // 200 ticks of both cores pass; 150 busy, 120 of them ours: others used 30 of 200.
        MachineLoad.Sample end = new MachineLoad.Sample(1_150, 10_200, 420);
        assertEquals(0.15, MachineLoad.othersShare(start, end), 1e-9);
    }

    @Test
    void aBenchmarkThatKeepsEveryCoreBusyItselfReadsQuiet() {
        MachineLoad.Sample start = new MachineLoad.Sample(0, 0, 0);
        MachineLoad.Sample end = new MachineLoad.Sample(200, 200, 200);
        assertEquals(0.0, MachineLoad.othersShare(start, end));
        assertFalse(MachineLoad.noisy(MachineLoad.othersShare(start, end)));
    }

    @Test
    void withoutProcTheShareIsUnknownAndNotNoisy() {
        double share = MachineLoad.othersShare(MachineLoad.Sample.NONE, new MachineLoad.Sample(1, 2, 0));
        assertTrue(Double.isNaN(share));
        assertFalse(MachineLoad.noisy(share));
    }

    @Test
    void moreThanATenthOfTheCoresIsNoisy() {
        assertTrue(MachineLoad.noisy(0.11));
        assertFalse(MachineLoad.noisy(0.10));
    }

    @Test
    void aLineThatIsNotTheAllCoresLineIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MachineLoad.parse("cpu0 1 2 3 4 5 6 7 8", SELF.formatted(1, 1)));
        assertTrue(e.getMessage().contains("cpu0 1 2 3"), e.getMessage());
    }

    @Test
    void theBusyShareCountsThisProcessToo() {
        MachineLoad.Sample start = new MachineLoad.Sample(1_000, 10_000, 300);
        MachineLoad.Sample end = new MachineLoad.Sample(1_150, 10_200, 420);
        assertEquals(0.75, MachineLoad.busyShare(start, end), 1e-9);
    }
}
