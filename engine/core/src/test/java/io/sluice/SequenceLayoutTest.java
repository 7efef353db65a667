package io.sluice;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures the field layout the running JVM chose for {@link Sequence} and the single producer's
 * counters: each hot value must have at least 120 bytes of its own object on each side, so no
 * other field shares its cache lines (nor the adjacent line a prefetcher pairs with it). Reads
 * field offsets with the JDK's internal {@code jdk.internal.misc.Unsafe}, in this test only (the
 * surefire configuration exports that package to the tests): the Java SE API has no way to ask,
 * and {@code sun.misc.Unsafe}'s offset methods are deprecated for removal (JEP 471) and warn on
 * JDK 24 and later.
 */
class SequenceLayoutTest {
    private static final int PADDING = 120;

    private static Method objectFieldOffset;
    private static Object unsafe;

    private static long offset(Field field) throws Exception {
        if (unsafe == null) {
            Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
            unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
            objectFieldOffset = unsafeClass.getMethod("objectFieldOffset", Field.class);
        }
        return (long) objectFieldOffset.invoke(unsafe, field);
    }

    private static boolean isPadding(Field field) {
        return field.getName().matches("[pq]\\d\\d");
    }

    @Test
    void theSingleProducersCountersHavePaddingOnBothSides() throws Exception {
        Class<?> counters = SingleClaimSequencer.class.getSuperclass();
        long first = offset(counters.getDeclaredField("claim"));
        long second = offset(counters.getDeclaredField("gatingCache"));
        long lo = Math.min(first, second);
        long hi = Math.max(first, second) + Long.BYTES;
        long objectEnd = 0;
        for (Class<?> c = SlotMarkingSequencer.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                long at = offset(f);
                objectEnd = Math.max(objectEnd, at + Long.BYTES);
                if (c == counters || isPadding(f)) {
                    continue;
                }
                assertTrue(at + PADDING <= lo || at >= hi + PADDING,
                        f.getName() + " at offset " + at + " is within " + PADDING + " bytes of the counters at " + lo + ".." + hi);
            }
        }
        assertTrue(lo >= PADDING, "counters at offset " + lo + ", wanted >= " + PADDING);
        assertTrue(objectEnd - hi >= PADDING, "counters end at " + hi + ", object ends at " + objectEnd);
    }

    @Test
    void valueHasPaddingOnBothSides() throws Exception {

        long valueOffset = offset(Sequence.class.getSuperclass().getSuperclass().getDeclaredField("value"));
        long lastOffset = 0;
        for (Class<?> c = Sequence.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    lastOffset = Math.max(lastOffset, offset(f));
                }
            }
        }
        long objectEnd = lastOffset + Long.BYTES;

        assertTrue(valueOffset >= PADDING, "value at offset " + valueOffset + ", wanted >= " + PADDING);
        assertTrue(objectEnd - (valueOffset + Long.BYTES) >= PADDING,
                "value at " + valueOffset + ", object ends at " + objectEnd);
    }
}
