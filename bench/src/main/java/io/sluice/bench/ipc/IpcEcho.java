package io.sluice.bench.ipc;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.EventPoller;
import io.sluice.record.MappedRecordRing;
import io.sluice.record.RecordProducer;
import io.sluice.record.Records;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The echoing process of {@link IpcRoundTrip}: reads each 8-byte value from the first ring and
 * writes it back on the second, busy-spinning, until it has echoed {@code count}; says
 * {@code ready} once both rings are open.
 *
 * <p>Usage: {@code IpcEcho sluice|agrona <requests file> <replies file> <count>}
 */
public final class IpcEcho {
    private IpcEcho() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path requests = Path.of(args[1]);
        Path replies = Path.of(args[2]);
        long count = Long.parseLong(args[3]);
        long[] echoed = {0};
        if (kind.equals("sluice")) {
            try (MappedRecordRing in = MappedRecordRing.open(requests, 8);
                 MappedRecordRing out = MappedRecordRing.open(replies, 8)) {
                MappedRecordRing.Reader reader = in.reader();
                RecordProducer writer = new RecordProducer(out.producer(Duration.ofSeconds(60))
                        .backpressure(BackpressurePolicy.spin()).build(), "echo");
                EventPoller.Handler<Records> echo = (records, sequence, endOfBatch) -> {
                    writer.offer(records.getLong(sequence, 0));
                    echoed[0]++;
                    return true;
                };
                ready();
                while (echoed[0] < count) {
                    if (reader.poll(echo) == 0) {
                        Thread.onSpinWait();
                    }
                }
            }
        } else {
            OneToOneRingBuffer in = new OneToOneRingBuffer(new UnsafeBuffer(IpcReader.map(requests)));
            OneToOneRingBuffer out = new OneToOneRingBuffer(new UnsafeBuffer(IpcReader.map(replies)));
            ready();
            while (echoed[0] < count) {
                int read = in.read((type, buffer, index, length) -> {
                    long value = buffer.getLong(index);
                    int at;
                    while ((at = out.tryClaim(1, 8)) < 0) {
                        Thread.onSpinWait();
                    }
                    out.buffer().putLong(at, value);
                    out.commit(at);
                    echoed[0]++;
                });
                if (read == 0) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    private static void ready() {
        System.out.println("ready");
        System.out.flush();
    }
}
