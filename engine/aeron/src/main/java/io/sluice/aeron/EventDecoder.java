package io.sluice.aeron;

import org.agrona.DirectBuffer;

/**
 * Reads an Aeron message into a ring slot. Slots are reused: write every field.
 *
 * @param <E> the ring's event type
 */
@FunctionalInterface
public interface EventDecoder<E> {
    /**
     * Reads one message into a slot.
     *
     * @param buffer the message's buffer, valid only during the call
     * @param offset where the message starts
     * @param length its length in bytes
     * @param event the slot to fill
     */
    void decode(DirectBuffer buffer, int offset, int length, E event);
}
