package io.sluice;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The allocation tests' method: a thread's allocated bytes over consecutive windows of the same
 * work; steady state allocates nothing if the steadiest window stays within the tolerance (see
 * {@link AllocationTest} for why one window, not all).
 */
public final class AllocationWindows {
    public static final int WINDOWS = 3;
    public static final long WINDOW_EVENTS = 1_000_000;
    public static final long TOLERANCE_BYTES = 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationWindows() {
    }

    /** The work of one window, on the measured thread. */
    public interface Work {
        void run() throws InterruptedException;
    }

    public static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Runs {@code work} {@link #WINDOWS} times on this thread, returning the bytes each allocated. */
    public static long[] measure(Work work) throws InterruptedException {
        allocatedBytes();
        long[] windows = new long[WINDOWS];
        for (int w = 0; w < WINDOWS; w++) {
            long before = allocatedBytes();
            work.run();
            windows[w] = allocatedBytes() - before;
        }
        return windows;
    }

    public static void assertSteadyStateAllocatesNothing(String who, long[] windows) {
        long steadiest = Arrays.stream(windows).min().orElseThrow();
        if (steadiest > TOLERANCE_BYTES) {
            fail(who + " allocated in every window, so in steady state: " + Arrays.toString(windows) + " bytes");
        }
    }

    /**
     * A consumer thread's allocation counter, read each time its handler reaches a window
     * boundary: after a warm-up of {@code warmUp} events, every {@link #WINDOW_EVENTS}. Call
     * {@link #reached} from the handler for every sequence, on the consumer's thread.
     */
    public static final class ConsumerBoundaries {
        private final long warmUp;
        private final long[] at = new long[WINDOWS + 1];

        public ConsumerBoundaries(long warmUp) {
            this.warmUp = warmUp;
        }

        public void reached(long sequence) {
            long sinceWarmUp = sequence - (warmUp - 1);
            if (sinceWarmUp >= 0 && sinceWarmUp % WINDOW_EVENTS == 0) {
                at[(int) (sinceWarmUp / WINDOW_EVENTS)] = allocatedBytes();
            }
        }

        /** {@return the bytes the consumer allocated in each window; read once the consumer has stopped} */
        public long[] windows() {
            long[] windows = new long[WINDOWS];
            for (int w = 0; w < WINDOWS; w++) {
                windows[w] = at[w + 1] - at[w];
            }
            return windows;
        }
    }
}
