package io.sluice.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads for tests that compile for JDK 17: {@code Thread.ofVirtual()} through
 * reflection, available from JDK 21. Callers skip (with an assumption) where {@link #available()}
 * is false.
 */
public final class VirtualThreads {
    /** Why a virtual-thread test does not run here, for the assumption that skips it. */
    public static final String UNAVAILABLE = "virtual threads need JDK 21 or later; this JVM is "
            + Runtime.version() + " (CI runs these tests on JDK 25)";

    private VirtualThreads() {
    }

    /** {@return whether this JVM has virtual threads} */
    public static boolean available() {
        return Runtime.version().feature() >= 21;
    }

    /** {@return a factory of unstarted virtual threads named {@code prefix} and a number} */
    public static ThreadFactory factory(String prefix) {
        try {
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 0L);
            return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no virtual threads on " + Runtime.version(), e);
        }
    }

    /** Starts {@code count} threads made by {@code factory}, each running {@code task} with its index. */
    public static List<Thread> start(ThreadFactory factory, int count, IndexedTask task) {
        List<Thread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread thread = factory.newThread(() -> task.run(index));
            threads.add(thread);
            thread.start();
        }
        return threads;
    }

    /** {@return a factory of unstarted platform threads named {@code prefix}, for the same scenarios without virtual threads} */
    public static ThreadFactory platform(String prefix) {
        return task -> new Thread(task, prefix);
    }

    /** A task given its thread's index. */
    @FunctionalInterface
    public interface IndexedTask {
        void run(int index);
    }
}
