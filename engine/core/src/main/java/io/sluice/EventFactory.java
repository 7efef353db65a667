package io.sluice;

/**
 * Creates the events that fill a ring's slots. Called once per slot while the ring is built,
 * on the building thread; never again.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventFactory<E> {
    /** {@return a new, non-null event for one slot} */
    E newInstance();
}
