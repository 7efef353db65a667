package io.sluice.agrona;

import org.agrona.concurrent.status.CountersReader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Prints the counters of a {@link CountersFile} once a second, like Aeron's {@code AeronStat}:
 * run it against the file a running process exports to, from another terminal or host that
 * shares the file system.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp sluice-engine.jar:agrona.jar \
 *     io.sluice.agrona.SluiceStat [--interval MILLIS] [--count N] [--filter TEXT] [--wait MILLIS] FILE
 * </pre>
 *
 * <p>A file that does not exist yet, or that its writer is still creating, is waited for (10
 * seconds by default, {@code --wait}); then the tool exits with 2 and says so. Without Agrona's
 * JVM flag it exits with 2 naming the flag.
 */
public final class SluiceStat {
    static final String USAGE = "usage: SluiceStat [--interval MILLIS] [--count N] [--filter TEXT] [--wait MILLIS] FILE\n"
            + "  prints the counters in FILE every MILLIS (default 1000) until interrupted, or N times;\n"
            + "  --filter keeps the counters whose label contains TEXT;\n"
            + "  --wait: how long to wait for FILE to be created by its writer (default 10000)";
    /** What Agrona's buffers need; without it they fail with an {@link IllegalAccessError}. */
    static final String AGRONA_FLAG = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    private SluiceStat() {
    }

    /** Parsed command line. */
    record Options(long intervalMillis, long count, String filter, long waitMillis, Path file) {
        static Options parse(String... args) {
            long interval = 1000;
            long count = 0;
            long wait = 10_000;
            String filter = "";
            Path file = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--interval" -> interval = positive(arg, value(args, ++i, arg));
                    case "--count" -> count = positive(arg, value(args, ++i, arg));
                    case "--filter" -> filter = value(args, ++i, arg);
                    case "--wait" -> wait = positive(arg, value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-") || file != null) {
                            throw new IllegalArgumentException("unexpected argument: " + arg);
                        }
                        file = Path.of(arg);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("no counters file given");
            }
            return new Options(interval, count, filter, wait, file);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static long positive(String option, String text) {
            try {
                long value = Long.parseLong(text);
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a positive whole number: " + text);
        }
    }

    /**
     * Runs the reader; exits with 2 on bad arguments or an unreadable file.
     *
     * @param args see the class documentation
     * @throws InterruptedException if interrupted between prints
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SluiceStat: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        CountersFile file;
        try {
            file = CountersFile.open(options.file(), Duration.ofMillis(options.waitMillis()));
        } catch (IllegalArgumentException | CountersFileNotReadyException e) {
            System.err.println("SluiceStat: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IllegalAccessError e) {
            System.err.println(missingFlagMessage(e));
            System.exit(2);
            return;
        }
        try (file) {
            for (long round = 1; options.count() == 0 || round <= options.count(); round++) {
                print(file, options.filter(), System.out);
                if (options.count() == 0 || round < options.count()) {
                    Thread.sleep(options.intervalMillis());
                }
            }
        }
    }

    /** What to tell a user whose JVM lacks Agrona's flag. */
    static String missingFlagMessage(IllegalAccessError e) {
        return "SluiceStat: Agrona cannot reach jdk.internal.misc.Unsafe; run java with " + AGRONA_FLAG
                + " (" + e.getMessage() + ")";
    }

    static void print(CountersFile file, String filter, PrintStream out) {
        boolean alive = ProcessHandle.of(file.writerPid()).map(ProcessHandle::isAlive).orElse(false);
        StringBuilder text = new StringBuilder(1024);
        text.append(Instant.now()).append(" - sluice counters of pid ").append(file.writerPid())
                .append(alive ? "" : " (exited)").append(", ").append(file.path()).append('\n')
                .append("=".repeat(72)).append('\n');
        CountersReader reader = file.reader();
        reader.forEach((value, id, label) -> {
            if (label.contains(filter)) {
                text.append(String.format(Locale.ROOT, "%4d: %,20d - %s%n", id, value, label));
            }
        });
        out.print(text);
        out.flush();
    }
}
