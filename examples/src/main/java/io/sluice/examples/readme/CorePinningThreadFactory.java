package io.sluice.examples.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pins stage threads to cores: a {@link ThreadFactory} concern, so Sluice needs no affinity
 * library. This one works on Linux with {@code taskset} (util-linux); docs/GUIDE.md quotes the marked part.
 */
// docs:start
public final class CorePinningThreadFactory implements ThreadFactory {
    private final int[] cpus;
    private final AtomicInteger next = new AtomicInteger();

    public CorePinningThreadFactory(int... cpus) {
        this.cpus = cpus.clone();
    }

    @Override
    public Thread newThread(Runnable stage) {
        int cpu = cpus[Math.floorMod(next.getAndIncrement(), cpus.length)];
        // The pipeline's runnable names itself <ring>-<stage>[-<worker>]: keep that as the thread name.
        return new Thread(() -> {
            pinCurrentThread(cpu);
            stage.run();
        }, stage + "@cpu" + cpu);
    }

    /** Linux: /proc/thread-self links to /proc/PID/task/TID, and taskset -p pins that one thread. */
    static boolean pinCurrentThread(int cpu) {
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process taskset = new ProcessBuilder("taskset", "-p", "-c", Integer.toString(cpu), tid)
                    .redirectErrorStream(true).start();
            taskset.getInputStream().readAllBytes();
            return taskset.waitFor() == 0;
        } catch (IOException e) {
            return false; // not Linux, or no taskset: run unpinned
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
// docs:end
