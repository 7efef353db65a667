package io.sluice;

/**
 * Writes any number of arguments into a claimed slot's event, for events whose data does not fit
 * the one- to three-argument translators. See {@link EventTranslator} for when it runs. The
 * arguments arrive as the caller's array; a batch publish passes each event its own array. A call
 * that lists its arguments ({@code publishEvent(t, a, b)}) makes a new array each time, as Java
 * does for every vararg call: pass an array made once to keep the publish allocation-free.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventTranslatorVararg<E> {
    /**
     * Writes the publish call's arguments into the claimed slot.
     *
     * @param event the pre-allocated event of the claimed slot
     * @param sequence the sequence claimed for it
     * @param args the arguments passed to the publish call for this event
     */
    void translateTo(E event, long sequence, Object... args);
}
