package io.sluice.examples.readme;

import io.sluice.RingBuffer;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.EventPoller;
import io.sluice.record.MappedRecordRing;
import io.sluice.record.RecordProducer;
import io.sluice.record.Records;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A record ring in a memory-mapped file: the producing process's half, then the consuming
 * process's half (here run one after the other in one JVM); docs/GUIDE.md quotes the part between
 * the markers.
 */
public final class MappedRingExample {
    private MappedRingExample() {
    }

    /** Produces {@code count} readings (fewer than the ring holds, so the halves can run in turn) and sums them as read. */
    static long run(Path file, int count) throws Exception {
        long[] sum = {0};
        // docs:start
        // The producing process: creates the file, then produces as into any ring.
        try (MappedRecordRing shared = MappedRecordRing.create(file, 16, 1024)) {
            RingBuffer<Records> ring = shared.producer(Duration.ofSeconds(5)) // silent 5 s while full: dead
                    .backpressure(BackpressurePolicy.park().withTimeout(1, TimeUnit.SECONDS)).build();
            RecordProducer readings = new RecordProducer(ring, "sensor");
            for (long i = 1; i <= count; i++) {
                readings.offer(i);                         // waits while the other process lags
            }
            ring.close("sensor stopped", null);            // the reader drains to here
        }

        // The consuming process: opens the file, reads after the last released position.
        try (MappedRecordRing shared = MappedRecordRing.open(file, 16)) {
            MappedRecordRing.Reader reader = shared.reader();
            EventPoller.Handler<Records> add = (records, sequence, endOfBatch) -> {
                sum[0] += records.getLong(sequence, 0);
                return true;                               // false would end this poll early
            };
            while (!reader.isDrained()) {
                if (reader.poll(add) == 0) {
                    Thread.onSpinWait();                   // each poll also beats the heartbeat
                }
            }
        }
        // docs:end
        return sum[0];
    }
}
