package io.sluice.bench.shootout;

import io.sluice.bench.run.ChildJvm;
import java.util.List;

/**
 * A CPU-bound process beside the shootout's rounds, as on a shared production machine: one thread
 * that never sleeps, in a JVM of its own, so the scheduler takes time slices from the round's
 * threads. Started by {@code --competing-load}; ends when the shootout ends it or exits.
 */
public final class CompetingLoad {
    private CompetingLoad() {
    }

    /** {@return the load's process, started} */
    static Process start() throws java.io.IOException {
        List<String> command = ChildJvm.command(List.of(), CompetingLoad.class, List.of());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Spins until killed, or until the parent's standard input closes. */
    public static void main(String[] args) throws Exception {
        Thread spinner = new Thread(() -> {
            long x = 0;
            while (true) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                if (x == 42) {
                    System.out.println(x);
                }
            }
        }, "competing-load");
        spinner.setDaemon(true);
        spinner.start();
        while (System.in.read() >= 0) {
            // the shootout holds the pipe open while it runs
        }
    }
}
