package io.sluice.aeron;

import org.agrona.MutableDirectBuffer;

/**
 * Writes an event as an Aeron message. The outbound stage asks for the length first, so that a
 * message that fits one frame is written straight into Aeron's term buffer ({@code tryClaim}):
 * no copy.
 *
 * @param <E> the ring's event type
 */
public interface EventEncoder<E> {
    /**
     * Tells how many bytes an event takes as a message.
     *
     * @param event the event to send
     * @return how many bytes {@link #encode} will write; positive
     */
    int length(E event);

    /**
     * Writes exactly {@link #length} bytes.
     *
     * @param event the event to send
     * @param buffer where to write
     * @param offset where its message starts
     */
    void encode(E event, MutableDirectBuffer buffer, int offset);
}
