package io.sluice.bench.shootout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flow scenario's figures from a series, and one real run's shape (its figures come from the shootout, never from tests). */
public class FlowScenarioTest {
    private static final long[] AT = {0, 10_000_000, 20_000_000, 30_000_000, 40_000_000, 50_000_000};

    @Test
    void settlingIsTheFirstSampleFromWhichTheRateStaysWithinTenPercent() {
        double[] admitted = {0, 400, 130, 95, 104, 99};
        assertEquals(30.0, FlowScenario.convergeMillis(admitted, AT, 1, 5, 100));
    }

    @Test
    void aRateThatLeavesTheBandAgainHasNotSettledUntilItReturnsForGood() {
        double[] admitted = {0, 100, 100, 150, 100, 100};
        assertEquals(40.0, FlowScenario.convergeMillis(admitted, AT, 1, 5, 100));
    }

    @Test
    void aRateOutsideTheBandAtThePhasesEndNeverSettled() {
        double[] admitted = {0, 100, 100, 100, 100, 200};
        assertTrue(Double.isNaN(FlowScenario.convergeMillis(admitted, AT, 1, 5, 100)));
    }

    @Test
    void theBandShareCountsTheSamplesWithinTwentyPercentFromTheFirstWithinTenPercent() {
        // The first within 10% is 95, at 30 ms; of it, 82 and 70, 70 is out of the 20% band.
        assertEquals(2.0 / 3, FlowScenario.bandShare(new double[] {0, 400, 130, 95, 82, 70}, 1, 5, 100), 1e-12);
        assertTrue(Double.isNaN(FlowScenario.bandShare(new double[] {0, 400, 130, 85, 82, 70}, 1, 5, 100)), "never within 10%");
    }

    @Test
    void theLowestShareIsTheLowestRateOverTheCapacity() {
        assertEquals(0.7, FlowScenario.lowestShare(new double[] {0, 400, 130, 95, 70, 99}, 2, 5, 100), 1e-12);
    }

    @Test
    void aCellWithSeveralProducersIsNamedForThem() {
        assertEquals("block", new FlowScenario.Cell("block", 1).name());
        assertEquals("block, 3 producers", new FlowScenario.Cell("block", 3).name());
        assertEquals(2 * FlowScenario.CONTENDERS.size(), FlowScenario.CELLS.size());
    }

    @Test
    void theMovingAverageTakesTheValuesBeforeEachUpToItsLength() {
        double[] averaged = FlowScenario.movingAverage(new double[] {0, 10, 20, 30, 40}, 2);
        assertEquals(10.0, averaged[1]);
        assertEquals(15.0, averaged[2]);
        assertEquals(35.0, averaged[4]);
    }

    @Test
    void theSwingIsTheStandardDeviationOverTheMean() {
        assertEquals(0.0, FlowScenario.variation(new double[] {5, 5, 5}));
        assertEquals(0.5, FlowScenario.variation(new double[] {1, 3}), 1e-12);
    }

    @Test
    void theConsumerSlowsInTheMiddlePhaseOnly() {
        assertEquals(0, FlowScenario.phaseAt(999_999_999L));
        assertEquals(1, FlowScenario.phaseAt(1_000_000_000L));
        assertEquals(2, FlowScenario.phaseAt(2_500_000_000L));
        assertEquals(2, FlowScenario.phaseAt(9_000_000_000L), "the drain after the run counts as the last phase");
    }

    @Test
    void anUnknownPolicyIsNamed() {
        assertEquals("unknown flow contender: tail drop",
                assertThrows(IllegalArgumentException.class, () -> FlowScenario.policy("tail drop")).getMessage());
    }

    @Test
    void aRunReportsThreePhasesAndASampleEvery10Ms() throws InterruptedException {
        FlowScenario.Result result = FlowScenario.run(new FlowScenario.Cell("adaptive gradient", 1));
        assertEquals(3, result.phases().size());
        assertEquals(300, result.series().size());
        assertTrue(result.phases().stream().allMatch(p -> p.deliveredPerSecond() > 0), result.toString());
    }
}
