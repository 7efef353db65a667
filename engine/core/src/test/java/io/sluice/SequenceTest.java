package io.sluice;

import io.sluice.testkit.Await;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceTest {
    @Test
    void startsAtInitialValueMinusOne() {
        assertEquals(-1L, new Sequence().getVolatile());
        assertEquals(Sequence.INITIAL_VALUE, new Sequence().getPlain());
    }

    @Test
    void everyOrderingReadsWhatEveryOrderingWrote() {
        Sequence s = new Sequence(7);
        assertEquals(7, s.getPlain());
        s.setPlain(1);
        assertEquals(1, s.getOpaque());
        s.setOpaque(2);
        assertEquals(2, s.getAcquire());
        s.setRelease(3);
        assertEquals(3, s.getVolatile());
        s.setVolatile(4);
        assertEquals(4, s.getPlain());
    }

    @Test
    void compareAndSetStoresOnlyWhenTheExpectedValueIsThere() {
        Sequence s = new Sequence(5);
        assertFalse(s.compareAndSetVolatile(4, 9));
        assertEquals(5, s.getVolatile());
        assertTrue(s.compareAndSetVolatile(5, 9));
        assertEquals(9, s.getVolatile());
    }

    @Test
    void addReturnsTheValueBeforeOrAfterAsNamed() {
        Sequence s = new Sequence(10);
        assertEquals(10, s.getAndAddVolatile(5));
        assertEquals(18, s.addAndGetVolatile(3));
    }

    @Test
    void concurrentAddsAreAtomic() throws InterruptedException {
        Sequence s = new Sequence(0);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    s.getAndAddVolatile(1);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            Await.joined(thread);
        }
        assertEquals(400_000, s.getVolatile());
    }

    @Test
    void toStringShowsTheValue() {
        assertEquals("42", new Sequence(42).toString());
    }
}
