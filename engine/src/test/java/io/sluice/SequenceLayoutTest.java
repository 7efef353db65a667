package io.sluice;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures the field layout the running JVM chose for {@link Sequence}: the value must have at
 * least 120 bytes of its own object on each side, so no other hot field shares its cache lines
 * (nor the adjacent line a prefetcher pairs with it). Uses {@code sun.misc.Unsafe} reflectively,
 * in this test only, to read field offsets.
 */
class SequenceLayoutTest {
    private static final int PADDING = 120;

    @Test
    void valueHasPaddingOnBothSides() throws Exception {
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        Object unsafe = theUnsafe.get(null);
        Method objectFieldOffset = unsafeClass.getMethod("objectFieldOffset", Field.class);

        long valueOffset = (long) objectFieldOffset.invoke(unsafe, SequenceValue.class.getDeclaredField("value"));
        long lastOffset = 0;
        for (Class<?> c = Sequence.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    lastOffset = Math.max(lastOffset, (long) objectFieldOffset.invoke(unsafe, f));
                }
            }
        }
        long objectEnd = lastOffset + Long.BYTES;

        assertTrue(valueOffset >= PADDING, "value at offset " + valueOffset + ", wanted >= " + PADDING);
        assertTrue(objectEnd - (valueOffset + Long.BYTES) >= PADDING,
                "value at " + valueOffset + ", object ends at " + objectEnd);
    }
}
