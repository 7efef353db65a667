package io.sluice.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits for a condition with a generous deadline: a hang fails the test instead of stalling the build. */
public final class Await {
    public static final Duration LONG = Duration.ofSeconds(60);

    private Await() {
    }

    public static void until(BooleanSupplier condition, String what) {
        until(condition, LONG, what);
    }

    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Waits until the thread is parked or blocked, so the test acts on a thread that really waits. */
    public static void parked(Thread thread) {
        until(() -> {
            Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.BLOCKED || state == Thread.State.TERMINATED;
        }, "thread " + thread.getName() + " to park");
    }

    public static void joined(Thread thread) throws InterruptedException {
        thread.join(LONG.toMillis());
        if (thread.isAlive()) {
            fail("thread " + thread.getName() + " still running after " + LONG);
        }
    }
}
