package io.sluice.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reports write JSON any parser accepts, whatever their strings and figures hold. */
class JsonTextTest {
    @Test
    void stringsEscapeQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001\"", JsonText.string("a\"b\\c\nd\te\u0001"));
    }

    @Test
    void figuresThatAreNotFiniteAreWrittenAsNull() {
        assertEquals("null", JsonText.number(Double.NaN, 2));
        assertEquals("null", JsonText.number(Double.POSITIVE_INFINITY, 0));
        assertEquals("1.50", JsonText.number(1.5, 2));
    }

    @Test
    void theSyntaxCheckRefusesWhatParsersRefuse() {
        assertThrows(IllegalArgumentException.class, () -> JsonSyntax.check("{\"ratio\": NaN}"));
        assertThrows(IllegalArgumentException.class, () -> JsonSyntax.check("{\"ratio\": Infinity}"));
        assertThrows(IllegalArgumentException.class, () -> JsonSyntax.check("{\"machine\": \"a\"b\"}"));
        assertThrows(IllegalArgumentException.class, () -> JsonSyntax.check("{\"machine\": \"line\nbreak\"}"));
        assertThrows(IllegalArgumentException.class, () -> JsonSyntax.check("[1, 2,]"));
        assertDoesNotThrow(() -> JsonSyntax.check("{\"a\": [1, -2.5e3, true, null, \"\\u00e9\\n\"], \"b\": {}}"));
    }

    @Test
    void aShootoutReportWithAHostileMachineNameAndAnEmptyCellIsJson() {
        String json = ShootoutReport.json("Intel \"Xeon\" \\ 2 vCPU\n", 1,
                List.of(new Shootout.Pair("1P1C", "busy-spin", 1.0e6, 0.0), new Shootout.Pair("3P1C", "yielding", 0.0, 0.0)),
                List.of(new StallMeasurement.Result("spin", Double.NaN, 1.0, Double.POSITIVE_INFINITY, 0)));

        assertDoesNotThrow(() -> JsonSyntax.check(json), json);
        assertTrue(json.contains("\"ratio\": null"), json);
        assertTrue(json.contains("\"machine\": \"Intel \\\"Xeon\\\" \\\\ 2 vCPU\\n\""), json);
    }
}
