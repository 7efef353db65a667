package io.sluice.bench.ipc;

import io.sluice.consumer.EventPoller;
import io.sluice.record.MappedRecordRing;
import io.sluice.record.Records;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The consumer process of {@link IpcThroughput}: maps the ring the producer created, says
 * {@code ready}, reads {@code count} 8-byte values busy-spinning, and prints
 * {@code done <sum> <nanos>}, the nanoseconds it took to read the second half of them (the first
 * half warms both JVMs up).
 *
 * <p>Usage: {@code IpcReader sluice|agrona <file> <count>}
 */
public final class IpcReader {
    private IpcReader() {
    }

    /** A running total and the moment the second half began; one thread. */
    static final class Tally implements EventPoller.Handler<Records>, MessageHandler {
        private final long half;
        long count;
        long sum;
        long secondHalfStart;

        Tally(long total) {
            this.half = total / 2;
        }

        private void take(long value) {
            sum += value;
            if (++count == half) {
                secondHalfStart = System.nanoTime();
            }
        }

        @Override
        public boolean onEvent(Records records, long sequence, boolean endOfBatch) {
            take(records.getLong(sequence, 0));
            return true;
        }

        @Override
        public void onMessage(int msgTypeId, org.agrona.MutableDirectBuffer buffer, int index, int length) {
            take(buffer.getLong(index));
        }
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path file = Path.of(args[1]);
        long total = Long.parseLong(args[2]);
        Tally tally = new Tally(total);
        if (kind.equals("sluice")) {
            try (MappedRecordRing ring = MappedRecordRing.open(file, 8)) {
                MappedRecordRing.Reader reader = ring.reader();
                ready();
                while (tally.count < total) {
                    if (reader.poll(tally) == 0) {
                        Thread.onSpinWait();
                    }
                }
            }
        } else {
            OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(map(file)));
            ready();
            while (tally.count < total) {
                if (ring.read(tally) == 0) {
                    Thread.onSpinWait();
                }
            }
        }
        System.out.println("done " + tally.sum + " " + (System.nanoTime() - tally.secondHalfStart));
    }

    private static void ready() {
        System.out.println("ready");
        System.out.flush();
    }

    static MappedByteBuffer map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
        }
    }
}
