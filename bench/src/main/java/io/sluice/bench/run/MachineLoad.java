package io.sluice.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of the machine other processes used while a figure was taken: the CPU time Linux
 * counts as busy on all cores ({@code /proc/stat}, steal included: a hypervisor that runs
 * someone else takes the core as surely as a process does) less this process's own
 * ({@code /proc/self/stat}), over the same interval, as a share of all cores. A benchmark that
 * keeps both cores busy itself reads near zero; a compiler or another benchmark next to it does
 * not. Where {@code /proc} is missing (not Linux) every reading is {@link #UNKNOWN}.
 *
 * <p>Linux counts in clock ticks (usually 10 ms), so a one-second interval on 2 cores resolves
 * shares of about 0.5%.
 */
public final class MachineLoad {
    /** The share reported when there is no {@code /proc} to read. */
    static final double UNKNOWN = Double.NaN;
    /**
     * Above this share of all cores used by others, a figure is marked unreliable: on 2 cores,
     * a fifth of a core, enough to take a spinning thread off its core now and then.
     */
    public static final double NOISY_SHARE = 0.10;
    /** How long a run waits for the machine to be quiet before its first figure ({@link #awaitQuiet}). */
    public static final long QUIET_WAIT_MILLIS = 10_000;

    /** Clock ticks since boot: busy on all cores, busy and idle on all cores, and this process's own. */
    public record Sample(long busyTicks, long totalTicks, long selfTicks) {
        static final Sample NONE = new Sample(-1, -1, -1);
    }

    private MachineLoad() {
    }

    /** {@return the counters now, or {@link Sample#NONE} without {@code /proc}} */
    public static Sample sample() {
        try {
            return parse(Files.readString(Path.of("/proc/stat")), Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            return Sample.NONE;
        }
    }

    /**
     * @param stat {@code /proc/stat}; its first line sums all cores: user nice system idle iowait irq softirq steal ...
     * @param selfStat {@code /proc/self/stat}; utime and stime are fields 14 and 15, counted after the command name
     */
    static Sample parse(String stat, String selfStat) {
        String first = stat.lines().findFirst().orElseThrow(() -> new IllegalArgumentException("empty /proc/stat"));
        String[] f = first.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
            throw new IllegalArgumentException("not the all-cores line of /proc/stat: " + first);
        }
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = Long.parseLong(f[5]);
        long irq = Long.parseLong(f[6]);
        long softirq = Long.parseLong(f[7]);
        long steal = Long.parseLong(f[8]);
        long busy = user + nice + system + irq + softirq + steal; // guest time is already inside user
        // The command name, in parentheses, may hold spaces: count fields from the last ')'.
        String[] s = selfStat.substring(selfStat.lastIndexOf(')') + 2).trim().split("\\s+");
        long self = Long.parseLong(s[11]) + Long.parseLong(s[12]); // utime, stime: fields 14 and 15 of the line
        return new Sample(busy, busy + idle + iowait, self);
    }

    /**
     * {@return the share of all cores (0 to 1) that others used from {@code start} to {@code end},
     * or {@link #UNKNOWN} if either is {@link Sample#NONE} or no time passed}
     */
    public static double othersShare(Sample start, Sample end) {
        if (start.totalTicks() < 0 || end.totalTicks() < 0 || end.totalTicks() <= start.totalTicks()) {
            return UNKNOWN;
        }
        long others = (end.busyTicks() - start.busyTicks()) - (end.selfTicks() - start.selfTicks());
        return Math.max(0, others) / (double) (end.totalTicks() - start.totalTicks());
    }

    /**
     * {@return the share of all cores that anything, this process included, used from
     * {@code start} to {@code end}, or {@link #UNKNOWN}}
     */
    static double busyShare(Sample start, Sample end) {
        if (start.totalTicks() < 0 || end.totalTicks() < 0 || end.totalTicks() <= start.totalTicks()) {
            return UNKNOWN;
        }
        return (end.busyTicks() - start.busyTicks()) / (double) (end.totalTicks() - start.totalTicks());
    }

    /**
     * Waits, half a second at a time, until the machine is quiet (anything at all used no more
     * than {@link #NOISY_SHARE} of the cores over the last half second) or {@code maxMillis} have
     * passed: a benchmark launched right after a build would otherwise share the cores with the
     * build's JIT and GC threads winding down.
     *
     * @return the busy share of the last half second; {@link #UNKNOWN} without {@code /proc}
     */
    public static double awaitQuiet(long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        double share;
        do {
            Sample start = sample();
            Thread.sleep(500);
            share = busyShare(start, sample());
        } while (share > NOISY_SHARE && System.nanoTime() < deadline);
        return share;
    }

    /** {@return whether a figure taken while others used {@code share} of the cores is unreliable} */
    public static boolean noisy(double share) {
        return share > NOISY_SHARE;
    }

    /** {@return the 1-minute load average, or {@link #UNKNOWN} without {@code /proc/loadavg}} */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}
