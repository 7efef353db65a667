package io.sluice.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Places the throughput cells' threads on chosen CPUs, to take the scheduler's placement out of a
 * measurement: {@code -Dsluice.bench.consumerCpu=1} pins every consumer thread the channels start
 * to CPU 1, and {@code -Dsluice.bench.producerCpus=0,0,1} pins producer {@code i} to the
 * {@code i}-th CPU of the list (cycling). Unset, nothing is pinned and nothing is paid. A thread
 * pins itself once, as it starts, with Linux's {@code taskset} on {@code /proc/thread-self}: no
 * cost per event. A CPU that cannot be set (not Linux, no {@code taskset}) fails the run, so a
 * placement study never measures an unplaced run by mistake.
 */
public final class ThreadPlacement {
    private static final String CONSUMER = System.getProperty("sluice.bench.consumerCpu", "");
    private static final int[] PRODUCERS = cpus(System.getProperty("sluice.bench.producerCpus", ""));

    private ThreadPlacement() {
    }

    /** {@code task}, first pinning its thread to the consumers' CPU when one is set. */
    public static Runnable consumer(Runnable task) {
        if (CONSUMER.isEmpty()) {
            return task;
        }
        int cpu = Integer.parseInt(CONSUMER.trim());
        return new Runnable() {
            @Override
            public void run() {
                pinCurrentThread(cpu);
                task.run();
            }

            @Override
            public String toString() {
                return task.toString();
            }
        };
    }

    /** {@code task}, first pinning its thread to producer {@code index}'s CPU when a list is set. */
    public static Runnable producer(int index, Runnable task) {
        if (PRODUCERS.length == 0) {
            return task;
        }
        int cpu = PRODUCERS[index % PRODUCERS.length];
        return () -> {
            pinCurrentThread(cpu);
            task.run();
        };
    }

    /** The placement in force, for a run's header: {@code unplaced} or the two settings. */
    public static String describe() {
        if (CONSUMER.isEmpty() && PRODUCERS.length == 0) {
            return "unplaced";
        }
        return "consumer " + (CONSUMER.isEmpty() ? "unplaced" : "cpu" + CONSUMER.trim())
                + ", producers " + (PRODUCERS.length == 0 ? "unplaced" : "cpus " + Arrays.toString(PRODUCERS));
    }

    private static int[] cpus(String list) {
        if (list.isBlank()) {
            return new int[0];
        }
        return Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    private static void pinCurrentThread(int cpu) {
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process taskset = new ProcessBuilder("taskset", "-p", "-c", Integer.toString(cpu), tid)
                    .redirectErrorStream(true).start();
            String said = new String(taskset.getInputStream().readAllBytes());
            if (taskset.waitFor() != 0) {
                throw new IllegalStateException("taskset could not pin thread " + tid + " to cpu " + cpu + ": " + said);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot pin a thread to cpu " + cpu + " here (Linux and taskset needed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning a thread to cpu " + cpu, e);
        }
    }
}
