package io.sluice;

import io.sluice.metrics.Aggregation;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.ProducerCounterValues;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A producer's counters, in cells padded away from everything else. A producer handle is the
 * only writer of its own cells: it stores with opaque writes, never a read-modify-write, and
 * readers sum with opaque reads; it counts its claims, the one count taken on every claim, in a
 * field of its own instead ({@link Producer#countClaims}). The ring's shared producer (its own
 * {@code next()} and {@code publishEvent}, callable from any thread) writes with atomic adds,
 * and only on slow paths: it does not count claims (the ring derives them from its cursor).
 */
final class ProducerCounters {
    /** How many cells: one per {@link ProducerCounter}. */
    static final int COUNT = ProducerCounter.COUNT;
    private static final int CLAIMS = ProducerCounter.CLAIMS.index();

    /** 128 bytes of unused cells before and after, so no other object shares their lines. */
    private static final int PAD = 16;
    private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] cells = new long[PAD + COUNT + PAD];
    /**
     * The handle these count for, the cells' one writer, whose claims it counts in a field of its
     * own (see {@link Producer#countClaims}); null for the ring's shared producer and its retired
     * totals, which any thread adds to atomically and which keep claims in their cell.
     */
    private final Producer<?> handle;

    /** Counters of the ring's shared producer, or of its retired handles: every writer adds atomically. */
    ProducerCounters() {
        this.handle = null;
    }

    /** Counters of one handle, its only writer. */
    ProducerCounters(Producer<?> handle) {
        this.handle = handle;
    }

    void add(ProducerCounter counter, long delta) {
        add(counter.index(), delta);
    }

    private void add(int counter, long delta) {
        int i = PAD + counter;
        if (handle == null) {
            CELL.getAndAdd(cells, i, delta);
        } else {
            // Single writer: opaque, so readers on other threads see a coherent, recent value.
            CELL.setOpaque(cells, i, (long) CELL.get(cells, i) + delta);
        }
    }

    private void max(int counter, long value) {
        int i = PAD + counter;
        if (handle == null) {
            long current;
            while (value > (current = (long) CELL.getVolatile(cells, i))) {
                if (CELL.compareAndSet(cells, i, current, value)) {
                    return;
                }
            }
        } else if (value > (long) CELL.get(cells, i)) {
            CELL.setOpaque(cells, i, value);
        }
    }

    long get(int counter) {
        if (counter == CLAIMS && handle != null) {
            return handle.claimsCounted();
        }
        return (long) CELL.getOpaque(cells, PAD + counter);
    }


    /** Copies these counters into {@code into}, each as it stands. */
    void copyInto(ProducerCounterValues into) {
        for (int i = 0; i < ProducerCounter.COUNT; i++) {
            into.setCounter(ProducerCounter.ALL.get(i), get(i));
        }
    }

    /** Combines these counters into {@code into}, each as its catalogue entry says (sum or maximum). */
    void combineInto(ProducerCounterValues into) {
        for (int i = 0; i < ProducerCounter.COUNT; i++) {
            into.combineCounter(ProducerCounter.ALL.get(i), get(i));
        }
    }
    void recordStall(long nanos) {
        add(ProducerCounter.STALLS.index(), 1);
        add(ProducerCounter.STALL_NANOS.index(), nanos);
        max(ProducerCounter.MAX_STALL_NANOS.index(), nanos);
    }

    /** Adds every counter of {@code other} into these (atomically), for a producer that closes. */
    void absorb(ProducerCounters other) {
        for (int c = 0; c < COUNT; c++) {
            if (ProducerCounter.ALL.get(c).aggregation() == Aggregation.MAX) {
                max(c, other.get(c));
            } else {
                add(c, other.get(c));
            }
        }
    }
}
