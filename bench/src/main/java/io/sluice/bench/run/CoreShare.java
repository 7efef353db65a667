package io.sluice.bench.run;

import io.sluice.bench.channel.Channel;
import io.sluice.bench.channel.Contenders;
import io.sluice.bench.channel.Topology;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How a contender's threads share the cores while its producers send as fast as they can: each
 * second, the events sent, per thread its share of a core and its voluntary and involuntary
 * context switches, read from Linux's {@code /proc}, and the producers' CPU time per event. It shows the scheduling regime behind a
 * throughput figure when more threads want a core than there are cores, and with {@code --pin}
 * holds one regime (through {@code taskset}) so two contenders can be compared in it.
 *
 * <p>Linux only; a diagnostic, not a benchmark: the figures of record come from JMH.
 */
public final class CoreShare {
    static final String USAGE = """
            usage: core-share CONTENDER [--producers N] [--topology T] [--seconds S] [--warmup S] [--pin P:C]
              CONTENDER     a contender, e.g. sluice-yielding, sluice-yielding-100, disruptor-yielding
              --producers N producer threads, 1..16; more than one needs a multi-producer contender [1]
              --topology T  ONE, MULTICAST, PIPELINE or DIAMOND (the last three: sluice-* and disruptor-* only) [MULTICAST]
              --seconds S   seconds reported, 1..600                                        [5]
              --warmup S    seconds run first and not reported, 0..600                      [2]
              --pin P:C     pin the producers to CPU list P and every consumer to CPU list C (taskset), e.g. 0:1
            """;

    /** One thread's counters, read from {@code /proc/self/task/<tid>}. */
    record TaskCounters(long runNanos, long voluntary, long involuntary) {
    }

    private CoreShare() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String contender = null;
        int producers = 1;
        Topology topology = Topology.MULTICAST;
        int seconds = 5;
        int warmup = 2;
        String[] pin = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--producers" -> producers = wholeNumber(OptionValue.at(args, ++i, "--producers"), "--producers", 1, 16);
                    case "--topology" -> topology = topology(OptionValue.at(args, ++i, "--topology"));
                    case "--seconds" -> seconds = wholeNumber(OptionValue.at(args, ++i, "--seconds"), "--seconds", 1, 600);
                    case "--warmup" -> warmup = wholeNumber(OptionValue.at(args, ++i, "--warmup"), "--warmup", 0, 600);
                    case "--pin" -> pin = pin(OptionValue.at(args, ++i, "--pin"));
                    default -> {
                        if (args[i].startsWith("--") || contender != null) {
                            throw new IllegalArgumentException("unknown option: " + args[i]);
                        }
                        contender = args[i];
                    }
                }
            }
            if (contender == null) {
                throw new IllegalArgumentException("name a contender");
            }
        } catch (IllegalArgumentException e) {
            err.println("core-share: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            err.println("core-share: needs Linux /proc (no " + tasks + ")");
            return 2;
        }
        Set<Long> before = taskIds(tasks);
        Channel channel;
        try {
            channel = Contenders.create(contender, producers, topology);
        } catch (IllegalArgumentException e) {
            err.println("core-share: " + e.getMessage());
            return 2;
        }
        // The calling thread is the first producer; the others send from threads of their own.
        OtherProducers others = new OtherProducers(channel, producers - 1);
        try {
            List<Long> producerTasks = new ArrayList<>();
            producerTasks.add(taskId());
            producerTasks.addAll(others.start());
            List<Long> consumers = new ArrayList<>(taskIds(tasks));
            consumers.removeAll(before);
            consumers.removeAll(producerTasks);
            consumers.removeIf(tid -> isJvmThread(tasks, tid));
            if (pin != null) {
                taskset(pin[0], producerTasks);
                taskset(pin[1], consumers);
            }
            out.printf(Locale.ROOT, "%s %s, producer tasks %s, consumer tasks %s%s%n", contender, topology, producerTasks,
                    consumers, pin == null ? "" : ", pinned " + pin[0] + ":" + pin[1]);
            out.println("  M events/s | core share % and context switches/s (voluntary/involuntary): producers | consumers"
                    + " | producers' CPU ns per event");
            List<Long> all = new ArrayList<>(producerTasks);
            all.addAll(consumers);
            long value = 0;
            for (int second = -warmup; second < seconds; second++) {
                TaskCounters[] start = read(tasks, all);
                long othersStart = others.sent();
                long t0 = System.nanoTime();
                long end = t0 + TimeUnit.SECONDS.toNanos(1);
                long sent = 0;
                do {
                    for (int k = 0; k < 1024; k++) {
                        channel.send(value++);
                    }
                    sent += 1024;
                } while (System.nanoTime() < end);
                long wall = System.nanoTime() - t0;
                TaskCounters[] stop = read(tasks, all);
                sent += others.sent() - othersStart;
                if (second >= 0) {
                    out.println(row(sent, wall, producers, start, stop));
                }
            }
        } finally {
            others.stop();
            channel.close();
        }
        return 0;
    }

    /**
     * @param producers how many of the counters, first, are producers'
     * @return the rate, each thread's core share and switches per second, then the producers'
     *     CPU nanoseconds per event sent
     */
    static String row(long sent, long wallNanos, int producers, TaskCounters[] start, TaskCounters[] stop) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %7.1f |", sent * 1e3 / wallNanos));
        long producerNanos = 0;
        for (int i = 0; i < start.length; i++) {
            long run = stop[i].runNanos() - start[i].runNanos();
            row.append(String.format(Locale.ROOT, " %3.0f%% %d/%d", run * 100.0 / wallNanos,
                    perSecond(stop[i].voluntary() - start[i].voluntary(), wallNanos),
                    perSecond(stop[i].involuntary() - start[i].involuntary(), wallNanos)));
            if (i < producers) {
                producerNanos += run;
            }
            if (i == producers - 1) {
                row.append(" |");
            }
        }
        row.append(String.format(Locale.ROOT, " | %.1f", sent == 0 ? 0.0 : (double) producerNanos / sent));
        return row.toString();
    }

    /** Producers besides the calling thread: each sends until stopped and counts what it sent. */
    private static final class OtherProducers {
        private final Channel channel;
        private final Thread[] threads;
        private final AtomicLongArray sent;
        private final long[] taskIds;
        private volatile boolean running = true;

        OtherProducers(Channel channel, int count) {
            this.channel = channel;
            this.threads = new Thread[count];
            this.sent = new AtomicLongArray(count);
            this.taskIds = new long[count];
        }

        /** {@return the producers' Linux task ids, once every one has started} */
        List<Long> start() throws InterruptedException {
            CountDownLatch started = new CountDownLatch(threads.length);
            for (int p = 0; p < threads.length; p++) {
                int index = p;
                threads[p] = new Thread(() -> send(index, started), "producer-" + (p + 2));
                threads[p].setDaemon(true);
                threads[p].start();
            }
            started.await();
            List<Long> ids = new ArrayList<>();
            for (long id : taskIds) {
                ids.add(id);
            }
            return ids;
        }

        private void send(int index, CountDownLatch started) {
            try {
                taskIds[index] = taskId();
            } catch (IOException e) {
                taskIds[index] = -1;
            }
            started.countDown();
            long value = (long) (index + 1) << 48;
            try {
                while (running) {
                    for (int k = 0; k < 1024; k++) {
                        channel.send(value++);
                    }
                    sent.addAndGet(index, 1024);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        long sent() {
            long total = 0;
            for (int p = 0; p < threads.length; p++) {
                total += sent.get(p);
            }
            return total;
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                if (thread != null) {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
        }
    }

    private static long perSecond(long count, long wallNanos) {
        return Math.round(count * 1e9 / wallNanos);
    }

    static Topology topology(String value) {
        try {
            return Topology.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--topology must be ONE, MULTICAST, PIPELINE or DIAMOND: " + value);
        }
    }

    /** {@return {@code value} as a whole number from {@code min} to {@code max}, or a message naming {@code option}} */
    static int wholeNumber(String value, String option, int min, int max) {
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number: " + value);
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(option + " must be " + min + ".." + max + ": " + value);
        }
        return number;
    }

    /** {@return the producers' and the consumers' CPU lists, as taskset takes them} */
    static String[] pin(String value) {
        String[] parts = value.split(":", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9,-]+") || !parts[1].matches("[0-9,-]+")) {
            throw new IllegalArgumentException("--pin must be PRODUCER_CPUS:CONSUMER_CPUS, e.g. 0:1 or 0:1-3: " + value);
        }
        return parts;
    }

    private static Set<Long> taskIds(Path tasks) throws IOException {
        Set<Long> ids = new TreeSet<>();
        try (var stream = Files.list(tasks)) {
            stream.forEach(p -> ids.add(Long.parseLong(p.getFileName().toString())));
        }
        return ids;
    }

    /** {@return the calling thread's Linux task id} */
    private static long taskId() throws IOException {
        // /proc/thread-self links to /proc/<pid>/task/<tid> of the thread that reads it.
        return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
    }

    /** The JVM may start compiler threads while the channel starts; they are not the contender's. */
    private static boolean isJvmThread(Path tasks, long tid) {
        try {
            String name = Files.readString(tasks.resolve(tid + "/comm")).trim();
            return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") || name.startsWith("GC ")
                    || name.startsWith("G1 ");
        } catch (IOException e) {
            return true; // gone already: not a consumer
        }
    }

    private static TaskCounters[] read(Path tasks, List<Long> ids) throws IOException {
        TaskCounters[] counters = new TaskCounters[ids.size()];
        for (int i = 0; i < counters.length; i++) {
            Path task = tasks.resolve(Long.toString(ids.get(i)));
            counters[i] = parse(Files.readString(task.resolve("schedstat")), Files.readAllLines(task.resolve("status")));
        }
        return counters;
    }

    /**
     * @param schedstat {@code /proc/.../schedstat}: nanoseconds on a CPU, nanoseconds waiting, slices
     * @param status the lines of {@code /proc/.../status}
     */
    static TaskCounters parse(String schedstat, List<String> status) {
        long run = Long.parseLong(schedstat.trim().split("\\s+")[0]);
        long voluntary = -1;
        long involuntary = -1;
        for (String line : status) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        if (voluntary < 0 || involuntary < 0) {
            throw new IllegalStateException("no context switch counts in /proc status: " + status);
        }
        return new TaskCounters(run, voluntary, involuntary);
    }

    private static void taskset(String cpus, List<Long> tids) throws IOException, InterruptedException {
        for (long tid : tids) {
            Process p = new ProcessBuilder("taskset", "-p", "-c", cpus, Long.toString(tid)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("taskset -p -c " + cpus + " " + tid + " failed: " + output.trim());
            }
        }
    }
}
