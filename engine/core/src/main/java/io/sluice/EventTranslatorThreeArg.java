package io.sluice;

/**
 * Writes three arguments into a claimed slot's event; see {@link EventTranslatorOneArg}.
 *
 * @param <E> the event type
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <C> the third argument type
 */
@FunctionalInterface
public interface EventTranslatorThreeArg<E, A, B, C> {
    /**
     * Writes the publish call's arguments into the claimed slot.
     *
     * @param event the pre-allocated event of the claimed slot
     * @param sequence the sequence claimed for it
     * @param arg0 the first argument passed to the publish call
     * @param arg1 the second argument passed to the publish call
     * @param arg2 the third argument passed to the publish call
     */
    void translateTo(E event, long sequence, A arg0, B arg1, C arg2);
}
