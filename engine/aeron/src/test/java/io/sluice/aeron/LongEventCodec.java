package io.sluice.aeron;

import io.sluice.testkit.LongEvent;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** The test event as a 16-byte message: value, then tag. */
final class LongEventCodec implements EventEncoder<LongEvent>, EventDecoder<LongEvent> {
    static final LongEventCodec INSTANCE = new LongEventCodec();

    @Override
    public int length(LongEvent event) {
        return 16;
    }

    @Override
    public void encode(LongEvent event, MutableDirectBuffer buffer, int offset) {
        buffer.putLong(offset, event.value);
        buffer.putLong(offset + 8, event.tag);
    }

    @Override
    public void decode(DirectBuffer buffer, int offset, int length, LongEvent event) {
        event.value = buffer.getLong(offset);
        event.tag = buffer.getLong(offset + 8);
    }
}
