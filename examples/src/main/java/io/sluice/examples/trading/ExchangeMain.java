package io.sluice.examples.trading;

import io.sluice.examples.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Runs the exchange core and prints what it did. {@code --help} lists the options; bad ones get
 * a message and exit code 2; failed checks exit 1.
 */
public final class ExchangeMain {
    static final String USAGE = """
            usage: trading [options]
              --gateways N       client gateway threads (multi-producer), 1..64            [4]
              --seconds S        how long the gateways send, 1..3600                       [5]
              --rate R           orders/s offered by all gateways together, open loop;
                                 0 = as fast as each claim allows                          [200000]
              --deadline-us D    how long a claim may wait for space before the order is
                                 rejected "busy"; 0 = wait as long as it takes (block)     [100]
              --fsync MODE       none | batch | every: when the journal forces to disk     [batch]
              --journal FILE     keep the journal here (default: a temporary file, deleted)
              --ring-size N      slots per ring, a power of two                            [4096]
              --quotes Q         market-data quotes/s on the inbound ring beside the orders,
                                 shed when the room outside the orders' share is full;
                                 0 = no feed                                               [100000]
              --orders-share F   with a feed, the share of the inbound ring kept for
                                 orders, from 0 to 1                                       [0.5]
              --help             this text
            """;

    private ExchangeMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Exchange.Options options;
        try {
            CommandLine line = CommandLine.parse(args,
                    Set.of("--gateways", "--seconds", "--rate", "--deadline-us", "--fsync", "--journal", "--ring-size",
                            "--quotes", "--orders-share"),
                    Set.of("--help"));
            if (line.has("--help")) {
                out.print(USAGE);
                return 0;
            }
            options = options(line);
        } catch (IllegalArgumentException e) {
            err.println("trading: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        ExchangeResult result = Exchange.run(options);
        result.print(out);
        return result.passed() ? 0 : 1;
    }

    static Exchange.Options options(CommandLine line) {
        long ringSize = line.number("--ring-size", 4096, 2, 1 << 20);
        if (Long.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("--ring-size must be a power of two: " + ringSize);
        }
        String journal = line.text("--journal", null);
        return new Exchange.Options(
                (int) line.number("--gateways", 4, 1, 64),
                Duration.ofSeconds(line.number("--seconds", 5, 1, 3600)),
                line.number("--rate", 200_000, 0, 100_000_000),
                line.number("--deadline-us", 100, 0, 60_000_000),
                line.choice("--fsync", Journal.Fsync.BATCH,
                        Map.of("none", Journal.Fsync.NONE, "batch", Journal.Fsync.BATCH, "every", Journal.Fsync.EVERY)),
                journal == null ? null : Path.of(journal),
                (int) ringSize,
                line.number("--quotes", 100_000, 0, 10_000_000),
                share(line.text("--orders-share", "0.5")));
    }

    private static double share(String text) {
        double share;
        try {
            share = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--orders-share must be a number from 0 to 1: " + text);
        }
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("--orders-share must be a number from 0 to 1: " + text);
        }
        return share;
    }
}
