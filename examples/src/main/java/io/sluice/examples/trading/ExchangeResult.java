package io.sluice.examples.trading;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerClassSnapshot;


import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a run did, and the checks that say it did it right. */
final class ExchangeResult {
    /** One correctness check. */
    record Check(boolean ok, String what) {
    }

    final Exchange.Options options;
    final long elapsedNanos;
    final long submitted;
    final long busy;
    final MatchingEngine matching;
    final ReplicaBook replica;
    final ReportSink reports;
    final TradeTape.Ticker ticker;
    final Journal journal;
    final RingSnapshot inbound;
    /** The feed, and the inbound ring's two classes; null without a feed. */
    final MarketDataFeed quotes;
    final ProducerClassSnapshot ordersClass;
    final ProducerClassSnapshot quotesClass;
    final List<Check> checks = new ArrayList<>();

    ExchangeResult(Exchange.Options options, long elapsedNanos, List<Gateway> gateways, MarketDataFeed quotes, Journal journal,
                   MatchingEngine matching, ReplicaBook replica, ReportSink reports, TradeTape.Ticker ticker,
                   RingSnapshot inbound,
                   ProducerClassSnapshot ordersClass, ProducerClassSnapshot quotesClass, boolean drained, Journal.Replay replay) {
        this.options = options;
        this.elapsedNanos = elapsedNanos;
        this.submitted = gateways.stream().mapToLong(g -> g.submitted).sum();
        this.busy = gateways.stream().mapToLong(g -> g.busy).sum();
        this.matching = matching;
        this.replica = replica;
        this.reports = reports;
        this.ticker = ticker;
        this.journal = journal;
        this.inbound = inbound;
        this.quotes = quotes;
        this.ordersClass = ordersClass;
        this.quotesClass = quotesClass;

        OrderBook book = matching.book;
        checks.add(new Check(drained && submitted == journal.orders && submitted == replica.orders
                && submitted == matching.orders,
                String.format(Locale.ROOT, "every order a gateway submitted was journaled, replicated and matched (%,d)", submitted)));
        long accounted = matching.filledQuantity + book.restingQuantity() + matching.cancelledQuantity;
        checks.add(new Check(matching.submittedQuantity == accounted, String.format(Locale.ROOT,
                "quantity conserved: submitted %,d = filled %,d + resting %,d + cancelled %,d",
                matching.submittedQuantity, matching.filledQuantity, book.restingQuantity(), matching.cancelledQuantity)));
        checks.add(new Check(replay.orders() == matching.orders && replay.submittedQuantity() == matching.submittedQuantity
                && replay.book().fingerprint() == book.fingerprint() && replay.digest().sameAs(matching),
                String.format(Locale.ROOT, "journal replay (%,d orders) rebuilds the same book (%,d resting orders) "
                        + "and the same executions", replay.orders(), replay.book().restingOrders())));
        checks.add(new Check(replica.book.fingerprint() == book.fingerprint() && replica.sameAs(matching),
                "the replica's book and executions equal the primary's"));
        long sent = matching.fills + matching.cancels + matching.rejects;
        checks.add(new Check(reports.fills == matching.fills && reports.cancels == matching.cancels
                && reports.rejects == matching.rejects,
                String.format(Locale.ROOT, "clients received every execution report (%,d)", sent)));
        TradeTape.Writer tape = matching.tape;
        checks.add(new Check(tape.published + tape.shed == matching.fills && ticker.trades == tape.published
                && tape.shed == tape.drops(), String.format(Locale.ROOT,
                "every fill went onto the trade tape (%,d) and reached the ticker, or was shed and counted (%,d)",
                tape.published, tape.shed)));
        if (quotes != null) {
            checks.add(new Check(quotes.published == matching.quotes && quotes.offered - quotes.published == quotesClass.drops(),
                    String.format(Locale.ROOT, "every quote published reached matching (%,d), and every one shed was counted (%,d)",
                            quotes.published, quotesClass.drops())));
        }
    }

    boolean passed() {
        return checks.stream().allMatch(Check::ok);
    }

    void print(PrintStream out) {
        double seconds = elapsedNanos / 1e9;
        out.printf(Locale.ROOT, "trading: %d gateways for %.1f s, %s, claim deadline %s, fsync %s, rings of %,d%n",
                options.gateways(), seconds,
                options.ordersPerSecond() == 0 ? "as fast as they can"
                        : String.format(Locale.ROOT, "open loop at %,d orders/s", options.ordersPerSecond()),
                options.deadlineMicros() == 0 ? "none (block)" : options.deadlineMicros() + " us",
                options.fsync().name().toLowerCase(Locale.ROOT), options.ringSize());
        out.printf(Locale.ROOT, "orders       %,d submitted (%,.0f/s), %,d busy rejects (%.2f%%)%n",
                submitted, submitted / seconds, busy, 100.0 * busy / Math.max(1, submitted + busy));
        out.printf(Locale.ROOT, "executions   %,d fills, %,d cancels, %,d rejected cancels; %,d orders resting%n",
                matching.fills, matching.cancels, matching.rejects, matching.book.restingOrders());
        out.printf(Locale.ROOT, "trade tape   %,d trades on the tape, %,d shed; ticker: volume %,d, last %,d, VWAP %.2f%n",
                matching.tape.published, matching.tape.shed, ticker.volume, ticker.lastPrice, ticker.vwap());
        out.printf(Locale.ROOT, "latency us   %9s %9s %9s %9s   (from when the order was due)%n", "p50", "p99", "p99.9", "max");
        row(out, "journal", journal.latency);
        row(out, "match", matching.latency);
        row(out, "report", reports.latency);
        out.printf(Locale.ROOT, "stalls       gateways stalled %,d times (%.1f ms in all, longest %.2f ms), %,d timed out%n",
                inbound.stalls(), inbound.stallNanos() / 1e6, inbound.maxStallNanos() / 1e6, inbound.timeouts());
        if (quotes != null) {
            out.printf(Locale.ROOT, "market data  %,d quotes offered, %,d published, %,d shed (%,d held back by the orders' reserve)%n",
                    quotes.offered, quotes.published, quotesClass.drops(), quotesClass.overShare());
            out.printf(Locale.ROOT, "classes      orders keep %,d of %,d slots (%,d in flight at the end); market data keeps none%n",
                    ordersClass.reservedSlots(), options.ringSize(), ordersClass.inFlight());
        }
        out.println("checks");
        for (Check check : checks) {
            out.println("  [" + (check.ok() ? "ok" : "FAILED") + "] " + check.what());
        }
    }

    private static void row(PrintStream out, String stage, Histogram histogram) {
        out.printf(Locale.ROOT, "  %-10s %9.1f %9.1f %9.1f %9.1f%n", stage,
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
                histogram.getValueAtPercentile(99.9) / 1e3, histogram.getMaxValue() / 1e3);
    }
}
