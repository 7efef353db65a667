package io.sluice;

/**
 * Writes data into a claimed slot's event. Called on the publishing thread between the claim and
 * the publish; the slot is published even if the translator throws, so nothing is left as a gap.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventTranslator<E> {
    /**
     * Writes the publish call's data into the claimed slot.
     *
     * @param event the pre-allocated event of the claimed slot
     * @param sequence the sequence claimed for it
     */
    void translateTo(E event, long sequence);
}
