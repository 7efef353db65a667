package io.sluice;

/**
 * Writes one argument into a claimed slot's event; a non-capturing lambda or a constant instance
 * keeps the publish allocation-free. See {@link EventTranslator} for when it runs.
 *
 * @param <E> the event type
 * @param <A> the argument type
 */
@FunctionalInterface
public interface EventTranslatorOneArg<E, A> {
    /**
     * Writes the publish call's argument into the claimed slot.
     *
     * @param event the pre-allocated event of the claimed slot
     * @param sequence the sequence claimed for it
     * @param arg the argument passed to the publish call
     */
    void translateTo(E event, long sequence, A arg);
}
