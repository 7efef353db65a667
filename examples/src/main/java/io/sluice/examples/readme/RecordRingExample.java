package io.sluice.examples.readme;

import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.pipeline.Pipeline;
import io.sluice.record.RecordProducer;
import io.sluice.record.Records;
import io.sluice.wait.YieldingWaitStrategy;

/**
 * A record ring of 32-byte quotes, written field by field and read by a pipeline stage, and a
 * ring of 8-byte ids offered in one call; docs/GUIDE.md quotes the part between the markers.
 */
public final class RecordRingExample {
    private RecordRingExample() {
    }

    /** The sums the two consumers computed, for the docs test. */
    record Totals(double spreads, long ids) {
    }

    static Totals run(int quotes) throws InterruptedException {
        double[] spreads = new double[1];
        long[] ids = new long[1];
        // docs:start
        // A quote: instrument (long) at 0, bid (double) at 8, ask (double) at 16, size (int) at 24.
        RingBuffer<Records> ring = Records.offHeap(32).name("quotes").capacity(1 << 14)
                .producerType(ProducerType.SINGLE).waitStrategy(new YieldingWaitStrategy())
                .backpressure(BackpressurePolicy.park()).build();
        Pipeline.Builder<Records> stages = Pipeline.builder(ring);
        stages.handler("spread", (records, sequence, endOfBatch) ->
                spreads[0] += records.getDouble(sequence, 16) - records.getDouble(sequence, 8));
        try (Pipeline<Records> pipeline = stages.build()) {
            pipeline.start();
            Producer<Records> feed = ring.newProducer("feed");
            for (int i = 0; i < quotes; i++) {
                Claim<Records> claim = feed.claim();            // waits by the policy while the ring is full
                long s = claim.firstSequence();
                claim.get().putLong(s, 0, i % 16).putDouble(s, 8, 99.5).putDouble(s, 16, 100.0).putInt(s, 24, 10);
                claim.commit();
            }
        }                                                       // close drains every committed quote

        // 8-byte records in one call: offer() claims, writes at offset 0 and publishes.
        RingBuffer<Records> orders = Records.onHeap(8).name("order-ids").capacity(1024).build();
        Pipeline.Builder<Records> sink = Pipeline.builder(orders);
        sink.handler("ids", (records, sequence, endOfBatch) -> ids[0] += records.getLong(sequence, 0));
        try (Pipeline<Records> pipeline = sink.build(); RecordProducer gateway = new RecordProducer(orders, "gateway")) {
            pipeline.start();
            for (long id = 1; id <= 100; id++) {
                gateway.offer(id);                              // false only if the policy sheds or times out
            }
        }
        // docs:end
        return new Totals(spreads[0], ids[0]);
    }
}
