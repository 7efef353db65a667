package io.sluice.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Median and range of repeated figures, and durations in the unit that reads best. */
public class SpreadTest {
    @Test
    void theMedianOfAnOddCountIsTheMiddleSample() {
        assertEquals(new Spread(3, 1, 9, 3), Spread.of(9, 1, 3));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(new Spread(2.5, 1, 4, 4), Spread.of(4, 1, 3, 2));
    }

    @Test
    void samplesThatAreNotFiniteAreLeftOut() {
        assertEquals(new Spread(2, 2, 2, 1), Spread.of(List.of(Double.NaN, 2.0, Double.POSITIVE_INFINITY)));
        assertTrue(Double.isNaN(Spread.of(List.of(Double.NaN)).median()));
        assertEquals("{\"median\": null, \"min\": null, \"max\": null, \"count\": 0}", Spread.of(List.of()).json(1));
    }

    @Test
    void durationsTakeTheUnitThatKeepsTheNumberBelowAThousand() {
        assertEquals("850 ns", DurationText.ofMicros(0.85));
        assertEquals("14.3 µs", DurationText.ofMicros(14.3));
        assertEquals("93.3 ms", DurationText.ofMicros(93_323.3));
        assertEquals("1.50 s", DurationText.ofMillis(1_500));
        assertEquals("998 ms", DurationText.ofMillis(998));
        assertEquals("1.00 ms", DurationText.ofMicros(999.6), "not 1000 µs");
        assertEquals("999 µs", DurationText.ofMicros(999.4));
        assertEquals("n/a", DurationText.ofMicros(Double.NaN));
    }

    @Test
    void tickLabelsDropTrailingZeros() {
        assertEquals("10 µs", DurationText.tick(10));
        assertEquals("1 s", DurationText.tick(1e6));
        assertEquals("100 ns", DurationText.tick(0.1));
        assertEquals("2.5 ms", DurationText.tick(2_500));
    }
}
