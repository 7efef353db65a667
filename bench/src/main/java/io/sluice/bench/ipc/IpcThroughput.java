package io.sluice.bench.ipc;

import io.sluice.RingBuffer;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.bench.run.ChildJvm;
import io.sluice.bench.run.OptionValue;
import io.sluice.record.MappedRecordRing;
import io.sluice.record.RecordProducer;
import io.sluice.record.Records;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Two processes, one ring in a memory-mapped file: this process produces 8-byte values as fast as
 * the ring lets it, a child JVM ({@link IpcReader}) reads them busy-spinning. Sluice's
 * {@link MappedRecordRing} (producer under {@code spin()}) against Agrona's
 * {@code OneToOneRingBuffer} over a mapped file of the same number of records (its producer
 * spinning on {@code tryClaim}), one child JVM per cell, the order reversed by {@code --launch}.
 * Prints {@code cell <contender> 1 <values/s>}, the rate at which the reader took the second half
 * of the values, as {@code ThroughputCells} does.
 *
 * <p>Usage: {@code IpcThroughput [--values N] [--capacity C] [--launch I]}
 */
public final class IpcThroughput {
    private static final List<String> CHILD_FLAGS = List.of("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");

    private IpcThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long values = 40_000_000;
        int capacity = 64 * 1024;
        int launch = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--values" -> values = OptionValue.wholeNumber(args, ++i, "--values", 1_000, Long.MAX_VALUE / 2);
                case "--capacity" -> capacity = (int) OptionValue.wholeNumber(args, ++i, "--capacity", 2, 1 << 24);
                case "--launch" -> launch = (int) OptionValue.wholeNumber(args, ++i, "--launch", 0, Integer.MAX_VALUE);
                default -> throw new IllegalArgumentException("unknown option: " + args[i]
                        + " (IpcThroughput [--values N] [--capacity C] [--launch I])");
            }
        }
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("--capacity must be a power of two: " + capacity);
        }
        List<String> order = launch % 2 == 0 ? List.of("sluice", "agrona") : List.of("agrona", "sluice");
        for (String kind : order) {
            report(System.out, kind, rate(kind, values, capacity));
        }
    }

    static void report(PrintStream out, String kind, double rate) {
        out.printf(Locale.ROOT, "cell\tipc-%s\t1\t%.0f%n", kind, rate);
        out.flush();
    }

    /** One cell: a fresh file and child JVM; the reader's rate over the second half, values/s. */
    static double rate(String kind, long values, int capacity) throws Exception {
        Path directory = Files.createTempDirectory("sluice-ipc");
        Path file = directory.resolve(kind + ".ring");
        Process child = null;
        try {
            Sender sender = kind.equals("sluice") ? sluice(file, capacity) : agrona(file, capacity);
            child = new ProcessBuilder(ChildJvm.command(CHILD_FLAGS, IpcReader.class,
                    List.of(kind, file.toString(), Long.toString(values)), MappedRecordRing.class,
                    OneToOneRingBuffer.class)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            expect(out.readLine(), "ready", kind);
            for (long v = 0; v < values; v++) {
                sender.send(v);
            }
            String done = out.readLine();
            expect(done, "done", kind);
            String[] f = done.split(" ");
            long expectedSum = (values - 1) * values / 2;
            if (Long.parseLong(f[1]) != expectedSum) {
                throw new IllegalStateException(kind + ": the reader summed " + f[1] + ", not " + expectedSum);
            }
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(kind + ": the reader process did not end");
            }
            return (values / 2) / (Long.parseLong(f[2]) / 1e9);
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
            Files.deleteIfExists(file);
            Files.deleteIfExists(directory);
        }
    }

    private static void expect(String line, String word, String kind) {
        if (line == null || !line.startsWith(word)) {
            throw new IllegalStateException(kind + ": the reader process said " + line + " where " + word + " was due");
        }
    }

    /** Sends one value into the ring, waiting (spinning) while it is full. */
    @FunctionalInterface
    interface Sender {
        void send(long value) throws InterruptedException;
    }

    private static Sender sluice(Path file, int capacity) throws IOException {
        MappedRecordRing shared = MappedRecordRing.create(file, 8, capacity);
        RingBuffer<Records> ring = shared.producer(Duration.ofSeconds(60)).backpressure(BackpressurePolicy.spin()).build();
        RecordProducer producer = new RecordProducer(ring, "ipc");
        return producer::offer;
    }

    private static Sender agrona(Path file, int capacity) throws IOException {
        // Each 8-byte message takes Agrona's 8-byte header too: 16 bytes a record.
        Files.write(file, new byte[capacity * 16 + RingBufferDescriptor.TRAILER_LENGTH]);
        OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(IpcReader.map(file)));
        return value -> {
            int index;
            while ((index = ring.tryClaim(1, 8)) < 0) {
                Thread.onSpinWait();
            }
            ring.buffer().putLong(index, value);
            ring.commit(index);
        };
    }
}
