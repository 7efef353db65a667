package io.sluice.bench.ipc;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.bench.run.ChildJvm;
import io.sluice.bench.run.OptionValue;
import io.sluice.consumer.EventPoller;
import io.sluice.record.MappedRecordRing;
import io.sluice.record.RecordProducer;
import io.sluice.record.Records;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Round trips between two processes over two rings in memory-mapped files: this process writes a
 * value on the request ring and spins until a child JVM ({@link IpcEcho}) has written it back on
 * the reply ring. Sluice's {@link MappedRecordRing} against Agrona's {@code OneToOneRingBuffer},
 * one child per cell, the order reversed by {@code --launch}. Prints
 * {@code rtt <contender> <p50 ns> <p99 ns>} over the second half of the round trips.
 *
 * <p>Usage: {@code IpcRoundTrip [--trips N] [--launch I]}
 */
public final class IpcRoundTrip {
    private static final int CAPACITY = 1024;

    private IpcRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        long trips = 2_000_000;
        int launch = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trips" -> trips = OptionValue.wholeNumber(args, ++i, "--trips", 1_000, Long.MAX_VALUE / 2);
                case "--launch" -> launch = (int) OptionValue.wholeNumber(args, ++i, "--launch", 0, Integer.MAX_VALUE);
                default -> throw new IllegalArgumentException("unknown option: " + args[i]
                        + " (IpcRoundTrip [--trips N] [--launch I])");
            }
        }
        for (String kind : launch % 2 == 0 ? List.of("sluice", "agrona") : List.of("agrona", "sluice")) {
            Histogram h = roundTrips(kind, trips);
            System.out.printf(Locale.ROOT, "rtt\tipc-%s\t%d\t%d%n", kind, h.getValueAtPercentile(50), h.getValueAtPercentile(99));
            System.out.flush();
        }
    }

    /** A waiting side of one ring: sends, or takes the next value (spinning until there is one). */
    private interface Link {
        void send(long value) throws InterruptedException;

        long take() throws Exception;
    }

    /** The round-trip times of the second half of {@code trips}, nanoseconds. */
    static Histogram roundTrips(String kind, long trips) throws Exception {
        Path directory = Files.createTempDirectory("sluice-rtt");
        Path requests = directory.resolve("requests.ring");
        Path replies = directory.resolve("replies.ring");
        Process child = null;
        try {
            Link link = kind.equals("sluice") ? sluice(requests, replies) : agrona(requests, replies);
            child = new ProcessBuilder(ChildJvm.command(List.of("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"),
                    IpcEcho.class, List.of(kind, requests.toString(), replies.toString(), Long.toString(trips)),
                    MappedRecordRing.class, OneToOneRingBuffer.class))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (!"ready".equals(ready)) {
                throw new IllegalStateException(kind + ": the echo process said " + ready);
            }
            Histogram histogram = new Histogram(10_000_000_000L, 3);
            for (long i = 0; i < trips; i++) {
                long start = System.nanoTime();
                link.send(i);
                long echoed = link.take();
                long took = System.nanoTime() - start;
                if (echoed != i) {
                    throw new IllegalStateException(kind + ": sent " + i + ", got back " + echoed);
                }
                if (i >= trips / 2) {
                    histogram.recordValue(took);
                }
            }
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(kind + ": the echo process did not end");
            }
            return histogram;
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
            Files.deleteIfExists(requests);
            Files.deleteIfExists(replies);
            Files.deleteIfExists(directory);
        }
    }

    private static Link sluice(Path requests, Path replies) throws Exception {
        MappedRecordRing out = MappedRecordRing.create(requests, 8, CAPACITY);
        MappedRecordRing in = MappedRecordRing.create(replies, 8, CAPACITY);
        RecordProducer writer = new RecordProducer(out.producer(Duration.ofSeconds(60))
                .backpressure(BackpressurePolicy.spin()).build(), "request");
        MappedRecordRing.Reader reader = in.reader();
        long[] taken = {0};
        EventPoller.Handler<Records> take = (records, sequence, endOfBatch) -> {
            taken[0] = records.getLong(sequence, 0);
            return true;
        };
        return new Link() {
            @Override
            public void send(long value) throws InterruptedException {
                writer.offer(value);
            }

            @Override
            public long take() throws Exception {
                while (reader.poll(take, 1) == 0) {
                    Thread.onSpinWait();
                }
                return taken[0];
            }
        };
    }

    private static Link agrona(Path requests, Path replies) throws Exception {
        int bytes = CAPACITY * 16 + RingBufferDescriptor.TRAILER_LENGTH;
        Files.write(requests, new byte[bytes]);
        Files.write(replies, new byte[bytes]);
        OneToOneRingBuffer out = new OneToOneRingBuffer(new UnsafeBuffer(IpcReader.map(requests)));
        OneToOneRingBuffer in = new OneToOneRingBuffer(new UnsafeBuffer(IpcReader.map(replies)));
        long[] taken = {0};
        return new Link() {
            @Override
            public void send(long value) {
                int at;
                while ((at = out.tryClaim(1, 8)) < 0) {
                    Thread.onSpinWait();
                }
                out.buffer().putLong(at, value);
                out.commit(at);
            }

            @Override
            public long take() {
                while (in.read((type, buffer, index, length) -> taken[0] = buffer.getLong(index), 1) == 0) {
                    Thread.onSpinWait();
                }
                return taken[0];
            }
        };
    }
}
