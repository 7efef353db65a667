package io.sluice.bench.channel;

import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.RingBufferBuilder;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.EventHandler;
import io.sluice.pipeline.Pipeline;
import io.sluice.record.RecordProducer;
import io.sluice.record.Records;
import io.sluice.wait.WaitStrategy;

import java.util.function.LongConsumer;

/**
 * A Sluice record ring: {@code recordLength}-byte records off the heap, one consumer reading each
 * record's first {@code long}. The producer writes the value into every {@code long} of the
 * record (so a 64-byte record moves 64 bytes, as a 64-byte message would), through the ring's
 * raw claim ({@code next}/{@code publish}, any number of producers), or, for {@code offer}
 * contenders, through one producer handle's {@link RecordProducer#offer(long)} (one producer,
 * 8-byte records). A {@code marked} ring is a single-producer ring with slot markers.
 */
public final class RecordChannel implements Channel {
    private final RingBuffer<Records> ring;
    private final Records records;
    private final int longsPerRecord;
    private final Pipeline<Records> pipeline;
    /** The handle an offer contender sends through; null for the raw claim. */
    private final RecordProducer producer;

    RecordChannel(int producers, int recordLength, WaitStrategy strategy, BackpressurePolicy policy, int capacity,
                  LongConsumer sink, boolean offers, boolean slotMarkers) {
        RingBufferBuilder<Records> rb = Records.offHeap(recordLength).name("bench-records").capacity(capacity)
                .producerType(producers == 1 ? ProducerType.SINGLE : ProducerType.MULTI).waitStrategy(strategy);
        if (slotMarkers) {
            rb.slotMarkers();
        }
        ring = (policy == null ? rb : rb.backpressure(policy)).build();
        records = ring.get(0);
        longsPerRecord = recordLength / Long.BYTES;
        EventHandler<Records> handing = (flat, sequence, endOfBatch) -> sink.accept(flat.getLong(sequence, 0));
        Pipeline.Builder<Records> b = Pipeline.builder(ring).threadFactory(SluiceChannel::daemon);
        b.handler("c", handing);
        pipeline = b.build();
        pipeline.start();
        producer = offers ? new RecordProducer(ring, "bench") : null;
    }

    @Override
    public void send(long value) throws InterruptedException {
        if (producer != null) {
            producer.offer(value);
            return;
        }
        long sequence = ring.next();
        for (int i = 0; i < longsPerRecord; i++) {
            records.putLong(sequence, i * Long.BYTES, value);
        }
        ring.publish(sequence);
    }

    @Override
    public void close() {
        pipeline.halt();
    }
}
