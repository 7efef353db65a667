package io.sluice.stress;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CI pass's verdict, on real JCStress 0.16 output captured from runs of this suite. */
class QuickPassTest {
    private static List<String> output(String name) throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/jcstress-output", name), StandardCharsets.UTF_8);
    }

    @Test
    void passesWhenEveryExpectedTestRanAndPassed() throws IOException {
        assertNull(QuickPass.verdict(22, 0, output("passed.txt")));
    }

    @Test
    void failsWhenJcstressReportsFailedTests() throws IOException {
        String verdict = QuickPass.verdict(3, 1, output("canaries-failed.txt"));
        assertTrue(verdict != null && verdict.contains("3 test(s) failed"), verdict);
    }

    @Test
    void failsWhenJcstressSkippedTestsItCouldNotScheduleThoughItExitedZero() throws IOException {
        String verdict = QuickPass.verdict(24, 0, output("skipped.txt"));
        assertTrue(verdict != null && verdict.contains("only 22 of 24"), verdict);
    }

    @Test
    void failsWhenNothingMatched() throws IOException {
        String verdict = QuickPass.verdict(22, 0, output("no-match.txt"));
        assertTrue(verdict != null && verdict.contains("No matching tests"), verdict);
    }

    @Test
    void failsWithoutASummary() {
        String verdict = QuickPass.verdict(22, 0, List.of("something else entirely"));
        assertTrue(verdict != null && verdict.contains("no RUN RESULTS"), verdict);
    }

    @Test
    void selectsThisPackagesTestsButNotCanariesOrWideOnes() {
        java.util.regex.Pattern selection = java.util.regex.Pattern.compile(QuickPass.SELECTION);
        assertTrue(selection.matcher("io.sluice.stress.ClaimTests.GivingUpLeavesNoGap").find());
        assertTrue(!selection.matcher("io.sluice.stress.canary.Canaries.ClaimWithoutAtomicStep").find());
        assertTrue(!selection.matcher("io.sluice.stress.wide.WideTests.ThreeClaimsAreUnique").find());
    }
}
