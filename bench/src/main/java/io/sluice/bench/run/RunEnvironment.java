package io.sluice.bench.run;

import io.sluice.bench.report.HtmlText;
import io.sluice.bench.report.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a report's figures were taken on, written at the top of every report: the commit, the
 * date, the JDK and the flags of the JVM that measured, the CPU model, the cores, the OS and
 * kernel, and how loaded the machine was before, during and after the run. The load average
 * counts the benchmark's own threads too, so whether a figure is trustworthy is judged by the
 * share of the cores other processes used while it was taken ({@link MachineLoad}), which each
 * report keeps per figure.
 */
public record RunEnvironment(String commit, String date, String jdk, String jvmFlags, String cpuModel, int cores, String os,
                      double loadBefore, double loadDuringMax, double loadAfter, double busyAtStart) {

    /** Watches the load average while a run goes on; {@link #finish} stops it. */
    public static final class Probe {
        private final String commit = readCommit();
        private final String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        private final double loadBefore = MachineLoad.loadAverage();
        private volatile double loadDuringMax = Double.NaN;
        private final Thread watcher;

        private Probe() {
            watcher = new Thread(this::watch, "load-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        private void watch() {
            while (!Thread.currentThread().isInterrupted()) {
                double load = MachineLoad.loadAverage();
                double max = loadDuringMax;
                if (Double.isNaN(max) || load > max) {
                    loadDuringMax = load; // the only writer
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /**
         * @param jvmFlags the flags of the JVM that took the figures
         * @param busyAtStart the share of the cores in use when the first figure was about to be
         *     taken, after waiting for the machine to be quiet ({@link MachineLoad#awaitQuiet})
         */
        public RunEnvironment finish(String jvmFlags, double busyAtStart) throws InterruptedException {
            watcher.interrupt();
            watcher.join(TimeUnit.SECONDS.toMillis(5));
            return new RunEnvironment(commit, date, System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                    + " (" + System.getProperty("java.vendor") + ")", jvmFlags, readCpuModel(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                    loadBefore, loadDuringMax, MachineLoad.loadAverage(), busyAtStart);
        }
    }

    /** {@return a probe that has read the commit, the date and the load now, and watches the load from now on} */
    public static Probe start() {
        return new Probe();
    }

    /** {@return whether the machine was still busy when the first figure was about to be taken} */
    boolean busyAtFirstFigure() {
        return MachineLoad.noisy(busyAtStart);
    }

    /** {@return the environment as a JSON object} */
    public String json() {
        return "{\"commit\": " + JsonText.string(commit) + ", \"date\": " + JsonText.string(date) + ", \"jdk\": " + JsonText.string(jdk)
                + ", \"jvmFlags\": " + JsonText.string(jvmFlags) + ", \"cpu\": " + JsonText.string(cpuModel) + ", \"cores\": " + cores
                + ", \"os\": " + JsonText.string(os) + ", \"loadAverage\": {\"before\": " + JsonText.number(loadBefore, 2)
                + ", \"duringMax\": " + JsonText.number(loadDuringMax, 2) + ", \"after\": " + JsonText.number(loadAfter, 2)
                + "}, \"busyShareAtStart\": " + JsonText.number(busyAtStart, 4) + "}";
    }

    /**
     * {@return the environment as an HTML table, with a warning above it when figures were taken
     * while others used the cores or the machine was busy just before}
     *
     * @param othersShareMax the largest share of the cores others used while a figure was taken
     * @param noisyFigures how many figures were taken while others used more than {@link MachineLoad#NOISY_SHARE}
     */
    public String html(double othersShareMax, long noisyFigures) {
        StringBuilder s = new StringBuilder();
        if (noisyFigures > 0) {
            s.append(String.format(Locale.ROOT, "<p class=\"warn\">⚠ Other processes used up to %.0f%% of the cores while %d "
                    + "figure(s) were taken (marked ⚠ below; more than %.0f%% makes a figure unreliable). Rerun on a quiet machine "
                    + "before drawing conclusions from them.</p>%n", othersShareMax * 100, noisyFigures, MachineLoad.NOISY_SHARE * 100));
        }
        if (busyAtFirstFigure()) {
            s.append(String.format(Locale.ROOT, "<p class=\"warn\">⚠ The machine was still %.0f%% busy when the first figure was "
                    + "about to be taken, after waiting %d s for it to fall quiet: something else was running.</p>%n",
                    busyAtStart * 100, MachineLoad.QUIET_WAIT_MILLIS / 1000));
        }
        s.append("<table class=\"env\">");
        row(s, "commit", commit);
        row(s, "date", date);
        row(s, "JDK", jdk);
        row(s, "JVM flags", jvmFlags.isEmpty() ? "(none)" : jvmFlags);
        row(s, "CPU", cpuModel + ", " + cores + " cores");
        row(s, "OS", os);
        row(s, "load average", String.format(Locale.ROOT, "%s before, up to %s during, %s after (the run's own threads count too; "
                + "a build just before lifts it for a minute)", load(loadBefore), load(loadDuringMax), load(loadAfter)));
        row(s, "busy at start", Double.isNaN(busyAtStart) ? "unknown (no /proc)"
                : String.format(Locale.ROOT, "%.1f%% of the cores, after waiting for the machine to fall quiet", busyAtStart * 100));
        row(s, "others' CPU", Double.isNaN(othersShareMax) ? "unknown (no /proc)"
                : String.format(Locale.ROOT, "at most %.1f%% of the cores while a figure was taken", othersShareMax * 100));
        return s.append("</table>\n").toString();
    }

    private static void row(StringBuilder s, String name, String value) {
        s.append("<tr><th>").append(name).append("</th><td>").append(HtmlText.escape(value)).append("</td></tr>");
    }

    private static String load(double value) {
        return Double.isNaN(value) ? "unknown" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** {@return the abbreviated commit, with "+changes" when the tracked files differ from it, or "unknown" outside git} */
    static String readCommit() {
        String head = git("rev-parse", "--short=12", "HEAD");
        if (head == null || head.isEmpty()) {
            return "unknown";
        }
        String changes = git("status", "--porcelain", "--untracked-files=no");
        return changes == null || changes.isEmpty() ? head : head + "+changes";
    }

    private static String git(String... args) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@return the first "model name" of {@code /proc/cpuinfo}, or the architecture where there is none} */
    static String readCpuModel() {
        try {
            return parseCpuModel(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    static String parseCpuModel(String cpuinfo) {
        return cpuinfo.lines().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
                .orElse(System.getProperty("os.arch"));
    }
}
