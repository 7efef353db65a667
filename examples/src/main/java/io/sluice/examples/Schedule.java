package io.sluice.examples;

import java.util.concurrent.locks.LockSupport;

/** An open-loop schedule's wait: until a due time, parking while far from it and spinning close to it. */
public final class Schedule {
    private Schedule() {
    }

    /**
     * Waits until {@link System#nanoTime()} reaches {@code due}.
     *
     * @param due a {@link System#nanoTime()} value
     * @return {@code due}, the time the event was meant for (open loop: not when the wait ended)
     */
    public static long waitUntil(long due) {
        long now;
        while ((now = System.nanoTime()) < due) {
            if (due - now > 50_000) {
                LockSupport.parkNanos(due - now - 20_000);
            } else {
                Thread.onSpinWait();
            }
        }
        return due;
    }
}
