package io.sluice.examples.telemetry;

import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.record.Records;

/**
 * A reading as a 16-byte record of a ring in a memory-mapped file: sensor (int) at 0, metric (int)
 * at 4, value (long) at 8; the layout {@link SampleCodec} gives it on the wire.
 */
final class SampleRecords {
    static final int LENGTH = 16;

    private SampleRecords() {
    }

    /** Writes {@code sample} as one record, waiting as {@code producer}'s policy says while the ring is full. */
    static void write(Producer<Records> producer, Sample sample) throws InterruptedException {
        Claim<Records> record = producer.claim();
        long s = record.firstSequence();
        record.get().putInt(s, 0, sample.sensor).putInt(s, 4, sample.metric).putLong(s, 8, sample.value);
        record.commit();
    }

    /** Reads the record of sequence {@code s} into {@code sample}. */
    static void read(Records records, long s, Sample sample) {
        sample.sensor = records.getInt(s, 0);
        sample.metric = records.getInt(s, 4);
        sample.value = records.getLong(s, 8);
    }
}
