package io.sluice.examples.trading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trading example, run briefly: its checks hold, and a lagging core turns claims into busy rejects. */
class ExchangeTest {
    @TempDir
    Path directory;

    private static Exchange.Options options(int gateways, long rate, long deadlineMicros, Journal.Fsync fsync,
                                            Path journal, int ringSize) {
        return new Exchange.Options(gateways, Duration.ofMillis(500), rate, deadlineMicros, fsync, journal, ringSize, 0, 0.5);
    }

    @Test
    void everyCheckHoldsForAnOpenLoopRun() throws IOException, InterruptedException {
        ExchangeResult result = Exchange.run(options(3, 30_000, 100, Journal.Fsync.BATCH, null, 1024));
        assertTrue(result.passed(), result.checks.toString());
        assertTrue(result.submitted > 5_000, "orders flowed: " + result.submitted);
        assertTrue(result.matching.fills > 0 && result.matching.cancels > 0 && result.matching.rejects > 0,
                "fills, cancels and rejected cancels all happened");
    }

    @Test
    void aCoreThatCannotKeepUpTurnsClaimsIntoBusyRejectsAndStillLosesNothing() throws IOException, InterruptedException {
        // Flat out, a 16-slot ring, a 1 us deadline and a disk flush per order: the gateways outrun the core.
        ExchangeResult result = Exchange.run(options(2, 0, 1, Journal.Fsync.EVERY, null, 16));
        assertTrue(result.busy > 0, "some claims hit their deadline");
        assertTrue(result.inbound.timeouts() == result.busy, "every busy reject is a counted timeout");
        assertTrue(result.passed(), result.checks.toString());
    }

    @Test
    void gatewaysThatWaitWithoutADeadlineNeverRejectAndTheJournalIsKeptWhenAsked() throws IOException, InterruptedException {
        Path journal = directory.resolve("orders.journal");
        ExchangeResult result = Exchange.run(options(2, 0, 0, Journal.Fsync.NONE, journal, 256));
        assertEquals(0, result.busy);
        assertTrue(result.passed(), result.checks.toString());
        assertEquals(result.submitted * Journal.RECORD_BYTES, Files.size(journal));
        assertEquals(result.submitted, Journal.replay(journal).orders());
    }

    @Test
    void aMarketDataFloodShedsQuotesAndLeavesTheOrdersTheirShareOfTheRing() throws IOException, InterruptedException {
        // Quotes far beyond what matching can take on a 256-slot ring; the orders keep half of it.
        Exchange.Options flood = new Exchange.Options(2, Duration.ofMillis(500), 20_000, 0, Journal.Fsync.NONE, null, 256,
                5_000_000, 0.5);
        ExchangeResult result = Exchange.run(flood);
        assertTrue(result.passed(), result.checks.toString());
        assertTrue(result.quotes.offered > result.quotes.published && result.quotesClass.drops() > 0, "quotes were shed");
        assertTrue(result.quotesClass.overShare() > 0, "the orders' reserve held quotes back");
        assertEquals(0, result.ordersClass.overShare(), "the quotes keep no reserve, so nothing held the orders back");
        assertEquals(128, result.ordersClass.reservedSlots());
        assertTrue(result.matching.quotes > 0 && result.submitted > 5_000, "both flowed");
    }

    @Test
    void aJournalCutInTheMiddleOfARecordIsRejectedOnReplay() throws IOException {
        Path journal = directory.resolve("cut.journal");
        Files.write(journal, new byte[Journal.RECORD_BYTES + 7]);
        IOException e = assertThrows(IOException.class, () -> Journal.replay(journal));
        assertTrue(e.getMessage().contains("partial record: 47 bytes"), e.getMessage());
    }

    @Test
    void theCommandPrintsItsFiguresAndChecks() throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ExchangeMain.run(new String[] {"--seconds", "1", "--gateways", "2", "--rate", "20000"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("latency us") && text.contains("journal") && text.contains("busy rejects"), text);
        assertTrue(text.contains("market data") && text.contains("orders keep 2,048 of 4,096 slots"), text);
        assertTrue(text.contains("trade tape") && text.contains("VWAP"), text);
        assertEquals(7, text.lines().filter(line -> line.startsWith("  [ok]")).count(), text);
    }

    @Test
    void helpListsTheOptionsAndBadOptionsAreNamedWithExitCode2() throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ExchangeMain.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--deadline-us"));
        assertBad("--gateways must be from 1 to 64: 0", "--gateways", "0");
        assertBad("--fsync must be one of", "--fsync", "sometimes");
        assertBad("--ring-size must be a power of two: 1000", "--ring-size", "1000");
        assertBad("--rate must be a whole number: fast", "--rate", "fast");
        assertBad("unknown option: --turbo", "--turbo");
        assertBad("--seconds needs a value", "--seconds");
        assertBad("--orders-share must be a number from 0 to 1: 1.5", "--orders-share", "1.5");
    }

    private static void assertBad(String message, String... args) throws IOException, InterruptedException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExchangeMain.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.startsWith("trading: " + message), text);
        assertTrue(text.contains("usage: trading"), text);
    }
}
