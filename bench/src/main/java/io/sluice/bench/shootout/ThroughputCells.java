package io.sluice.bench.shootout;

import io.sluice.bench.run.OptionValue;
import io.sluice.bench.run.ThreadPlacement;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs chosen throughput cells of the shootout in one JVM, as a round runs them: the cells before
 * {@code --} warm the JVM (their code paths and type profiles, as the earlier cells of a round do)
 * and are not reported; each cell after it prints {@code cell <contender> <producers> <events/s>}.
 * A cell is {@code <contender>:<producers>}, with the contender names of the JMH benchmarks
 * ({@code sluice-yielding}, {@code disruptor-sleeping}, {@code sluice-yielding@park-at-once}, ...).
 * Used to look at one cell over many launches, where the shootout gives each cell one sample a round:
 * <pre>
 * java -cp bench/target/benchmarks.jar io.sluice.bench.shootout.ThroughputCells --seconds 1 \
 *     sluice-busy-spin:1 disruptor-busy-spin:1 -- sluice-yielding:3 disruptor-yielding:3
 * </pre>
 */
public final class ThroughputCells {
    private ThroughputCells() {
    }

    public static void main(String[] args) throws Exception {
        run(args, System.out);
    }

    /** Runs the cells {@code args} names, printing the measured ones to {@code out}. */
    static void run(String[] args, PrintStream out) throws InterruptedException {
        long seconds = 1;
        List<String> warm = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        List<String> cells = warm;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(OptionValue.at(args, ++i, "--seconds"));
                case "--" -> cells = measured;
                default -> cells.add(args[i]);
            }
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("--seconds must be at least 1: " + seconds);
        }
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("no cell to measure: name them after --, as <contender>:<producers>");
        }
        System.err.println("placement: " + ThreadPlacement.describe());
        for (String cell : warm) {
            rate(cell, seconds);
        }
        for (String cell : measured) {
            out.printf(Locale.ROOT, "cell\t%s\t%d\t%.0f%n", contender(cell), producers(cell), rate(cell, seconds));
        }
    }

    private static double rate(String cell, long seconds) throws InterruptedException {
        return ShootoutRound.eventsPerSecond(contender(cell), producers(cell), seconds);
    }

    private static String contender(String cell) {
        int colon = cell.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a cell is <contender>:<producers>: " + cell);
        }
        return cell.substring(0, colon);
    }

    private static int producers(String cell) {
        String count = cell.substring(cell.lastIndexOf(':') + 1);
        try {
            int producers = Integer.parseInt(count);
            if (producers >= 1) {
                return producers;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("producers must be a whole number from 1: " + cell);
    }
}
