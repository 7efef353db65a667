package io.sluice.bench.report;

import io.sluice.bench.run.RunEnvironment;
import io.sluice.bench.shootout.ShootoutReport;
import io.sluice.bench.shootout.ShootoutResults;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reports write JSON any parser accepts and well-formed HTML, whatever their strings and figures hold. */
public class ReportTextTest {
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
        ShootoutResults results = new ShootoutResults();
        results.accept(0, "throughput\t1P1C <x>\ta&b\tsluice\t1000000\t0.0");
        results.accept(0, "throughput\t1P1C <x>\ta&b\tdisruptor\t2000000\t0.0");
        results.accept(0, "stall\tspin \"<i>\"\t1\t2\t3\t4\t0.0");
        RunEnvironment env = new RunEnvironment("<b>c</b>", "d", "j & k", "-D\"x\"", "<cpu>", 2, "os", 0, 0, 0, 0);
        String html = ShootoutReport.html(env, 1, 1, results);
        assertDoesNotThrow(() -> HtmlSyntax.check(html), html);
    }

    @Test
    void aShootoutReportGivesTheRecordRingOverTheDisruptorWithinEachRound() {
        ShootoutResults results = new ShootoutResults();
        results.accept(0, "throughput\t1P1C\tbusy-spin\tsluice\t1000000\t0.0");
        results.accept(0, "throughput\t1P1C\tbusy-spin\trecords\t3000000\t0.0");
        results.accept(0, "throughput\t1P1C\tbusy-spin\tdisruptor\t2000000\t0.0");
        results.accept(1, "throughput\t1P1C\tbusy-spin\tsluice\t1000000\t0.0");
        results.accept(1, "throughput\t1P1C\tbusy-spin\trecords\t1000000\t0.0");
        results.accept(1, "throughput\t1P1C\tbusy-spin\tdisruptor\t4000000\t0.0");
        RunEnvironment env = new RunEnvironment("c", "d", "j", "", "cpu", 2, "os", 0, 0, 0, 0);

        String markdown = ShootoutReport.markdown(env, 1, 2, results);
        assertTrue(markdown.contains("| 2.0 M (1.0–3.0) | **0.88** (0.25–1.50) |"), markdown);
        String json = ShootoutReport.json(env, 1, 2, results);
        assertDoesNotThrow(() -> JsonSyntax.check(json), json);
        assertTrue(json.contains("\"recordsRatios\": [1.500, 0.250]"), json);
    }

    @Test
    void aShootoutReportWithAHostileMachineNameAndAnEmptyCellIsJson() {
        ShootoutResults results = new ShootoutResults();
        results.accept(0, "throughput\t1P1C\tbusy-spin\tsluice\t1000000\t0.0");
        results.accept(0, "throughput\t1P1C\tbusy-spin\tdisruptor\t0\tNaN");
        results.accept(0, "throughput\t3P1C\tyielding\tsluice\t0\t0.0");
        results.accept(0, "throughput\t3P1C\tyielding\tdisruptor\t0\t0.0");
        results.accept(0, "stall\tspin\tNaN\t1.0\tInfinity\t0\t0.0");
        RunEnvironment env = new RunEnvironment("c", "d", "j", "", "Intel \"Xeon\" \\ 2 vCPU\n", 2, "os", Double.NaN, 0, 0, Double.NaN);
        String json = ShootoutReport.json(env, 1, 1, results);

        assertDoesNotThrow(() -> JsonSyntax.check(json), json);
        assertTrue(json.contains("\"ratio\": {\"median\": null"), json);
        assertTrue(json.contains("\"cpu\": \"Intel \\\"Xeon\\\" \\\\ 2 vCPU\\n\""), json);
        assertTrue(json.contains("\"before\": null"), json);
    }
}
