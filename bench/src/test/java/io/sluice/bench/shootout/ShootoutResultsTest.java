package io.sluice.bench.shootout;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rounds' lines gathered into cells: ratios pair figures of the same round, never across rounds. */
public class ShootoutResultsTest {
    @Test
    void aRatioDividesFiguresOfTheSameRound() {
        ShootoutResults r = new ShootoutResults();
        r.accept(0, "throughput\t1P1C\tbusy-spin\tdisruptor\t100\t0.0");
        r.accept(1, "throughput\t1P1C\tbusy-spin\tsluice\t50\t0.0");
        r.accept(0, "throughput\t1P1C\tbusy-spin\tsluice\t300\t0.0");
        r.accept(1, "throughput\t1P1C\tbusy-spin\tdisruptor\t25\t0.0");
        assertEquals(List.of(3.0, 2.0), r.throughput().get(0).ratios());
    }

    @Test
    void aRoundThatMeasuredOnlyOneContenderGivesNoRatio() {
        ShootoutResults r = new ShootoutResults();
        r.accept(0, "throughput\t3P1C\tyielding\tsluice\t300\t0.0");
        assertEquals(List.of(), r.throughput().get(0).ratios());
        assertEquals(1, r.throughput().get(0).sluice().count());
    }

    @Test
    void aCellIsNoisyIfOthersUsedTheCoresDuringEitherContendersFigure() {
        ShootoutResults r = new ShootoutResults();
        r.accept(0, "throughput\t1P1C\tblocking\tsluice\t1\t0.02");
        r.accept(0, "throughput\t1P1C\tblocking\tdisruptor\t1\t0.40");
        r.accept(1, "throughput\t1P1C\tblocking\tsluice\t1\t0.0");
        assertEquals(1, r.throughput().get(0).noisyRounds());
        assertEquals(0.40, r.othersShareMax());
        assertEquals(1, r.noisyCells());
    }

    @Test
    void stallPoliciesComeInTheRoundsOwnOrderWhateverOrderTheyArrived() {
        ShootoutResults r = new ShootoutResults();
        r.accept(1, "stall\tdisruptor next()\t1\t2\t3\t4\t0.0");
        r.accept(1, "stall\tspin\t1\t2\t3\t4\t0.0");
        assertEquals(List.of("spin", "disruptor next()"), r.stalls().stream().map(c -> c.policy).toList());
    }

    @Test
    void aLineNoRoundPrintsIsRefusedNamingIt() {
        ShootoutResults r = new ShootoutResults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.accept(0, "throughput\t1P1C\tbusy-spin\tkafka\t1\t0"));
        assertTrue(e.getMessage().contains("kafka"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.accept(0, "stall\tspin\tfast\t2\t3\t4\t0.0"));
        assertThrows(IllegalArgumentException.class, () -> r.accept(0, "Exception in thread main"));
    }
}
