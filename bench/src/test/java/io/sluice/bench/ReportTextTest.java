package io.sluice.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reports write JSON any parser accepts and well-formed HTML, whatever their strings and figures hold. */
class ReportTextTest {
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
    void theHtmlCheckRefusesUnclosedElementsAndBareMarkup() {
        assertThrows(IllegalArgumentException.class, () -> HtmlSyntax.check("<html><body><table></body></html>"));
        assertThrows(IllegalArgumentException.class, () -> HtmlSyntax.check("<p>a < b</p>"));
        assertThrows(IllegalArgumentException.class, () -> HtmlSyntax.check("<p>R & D</p>"));
        assertThrows(IllegalArgumentException.class, () -> HtmlSyntax.check("<p>one</p><p>"));
        assertDoesNotThrow(() -> HtmlSyntax.check("<!doctype html><html><head><meta charset=\"utf-8\"></head>"
                + "<body><p>a &lt; b &amp; c</p><svg width=\"1\"><rect width=\"1\"/></svg></body></html>"));
    }

    @Test
    void aShootoutPageWithMarkupInItsNamesStaysWellFormed() {
        String html = ShootoutReport.html("<b>vm</b> & co", 1, List.of(new Shootout.Pair("1P1C <x>", "a&b", 1.0e6, 2.0e6)),
                List.of(new StallMeasurement.Result("spin \"<i>\"", 1, 2, 3, 4)));
        assertDoesNotThrow(() -> HtmlSyntax.check(html), html);
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
