package io.sluice.queue;

import io.sluice.EventFactory;
import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One slot of a queue's ring: the element put there, or null once a consumer took it or a
 * {@code remove} withdrew it. Taking and withdrawing are atomic swaps on the slot, so an element
 * goes to exactly one of them.
 */
final class QueueSlot {
    static final EventFactory<QueueSlot> FACTORY = QueueSlot::new;

    private static final VarHandle ITEM = FieldHandles.field(MethodHandles.lookup(), QueueSlot.class, "item", Object.class);

    @SuppressWarnings("unused") // read and written through ITEM
    private Object item;

    /**
     * Plain store: the producer owns the claimed slot, and the ring's publish (a release store)
     * orders this write before any consumer's acquire of the published sequence.
     */
    void put(Object element) {
        ITEM.set(this, element);
    }

    /** Acquire: a reader that is not the taker (peek, iteration, contains) sees a whole element. */
    Object peek() {
        return (Object) ITEM.getAcquire(this);
    }

    /** Volatile swap: the consumer gets the element unless a removal swapped it out first. */
    Object take() {
        return (Object) ITEM.getAndSet(this, null);
    }

    /** Volatile compare-and-set: withdraws {@code element} unless a consumer took it first. */
    boolean withdraw(Object element) {
        return ITEM.compareAndSet(this, element, null);
    }
}
