package io.sluice.examples.telemetry;

import io.sluice.aeron.EventDecoder;
import io.sluice.aeron.EventEncoder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A reading on the wire: sensor and metric (4 bytes each), value (8). The sender ends the stream
 * with a marker, metric {@link #END}, whose value is how many readings it published, so the
 * receiver can check that every one of them arrived.
 */
final class SampleCodec implements EventEncoder<Sample>, EventDecoder<Sample> {
    static final SampleCodec INSTANCE = new SampleCodec();
    static final int END = -1;

    @Override
    public int length(Sample sample) {
        return 16;
    }

    @Override
    public void encode(Sample sample, MutableDirectBuffer buffer, int offset) {
        buffer.putInt(offset, sample.sensor);
        buffer.putInt(offset + 4, sample.metric);
        buffer.putLong(offset + 8, sample.value);
    }

    @Override
    public void decode(DirectBuffer buffer, int offset, int length, Sample sample) {
        sample.sensor = buffer.getInt(offset);
        sample.metric = buffer.getInt(offset + 4);
        sample.value = buffer.getLong(offset + 8);
    }
}
