package io.sluice.examples.telemetry;

import io.sluice.metrics.RingSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.ProducerType;
import io.sluice.backpressure.RateLimiter;
import io.sluice.RingBuffer;
import io.sluice.aeron.AeronConnection;
import io.sluice.aeron.AeronOutbound;
import io.sluice.agrona.CountersExport;
import io.sluice.examples.CommandLine;
import io.sluice.pipeline.Pipeline;
import io.sluice.Producer;
import io.sluice.record.MappedRecordRing;
import io.sluice.record.Records;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The telemetry sensors in their own process: readings go into a local ring whose one stage sends
 * them over Aeron to a {@link TelemetryReceiver}. When the receiver (or the network) cannot keep
 * up, Aeron answers {@code BACK_PRESSURED}, the stage holds, the local ring fills, and the sensors
 * shed, counted here: backpressure from another process, or another host, lands on the sensors'
 * own policy. With {@code --to-file}, the readings go instead into a record ring in a
 * memory-mapped file that a receiver on the same host reads: backpressure from the other process
 * lands on the sensors in the same way, with no network and no media driver.
 */
public final class TelemetrySender {
    static final String USAGE = """
            usage: telemetry-sender --to HOST:PORT | --to-file PATH [options]
              --to HOST:PORT     send over Aeron to where the receiver listens (its --listen)
              --to-file PATH     write into the record ring the receiver made there (its --from-file)
              --sensors N        sensor threads, 1..64                                      [4]
              --metrics M        metrics the sensors report, 1..64                          [4]
              --seconds S        how long the sensors emit, 1..3600                         [5]
              --rate R           readings/s per sensor; 0 = flat out                        [100000]
              --policy P         shed | rate-limit (with --limit readings/s)                [shed]
              --limit L          readings/s let through by rate-limit, all sensors together [100000]
              --aeron-dir DIR    use the media driver running there, not an embedded one
              --counters FILE    export live counters to FILE (SluiceStat reads them)
              --help             this text
            """;

    /** How long the media driver outlives the last message, to deliver (and resend) it. */
    static final long LINGER_MILLIS = 1_000;

    private TelemetrySender() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        CommandLine line;
        try {
            line = CommandLine.parse(args, Set.of("--to", "--to-file", "--sensors", "--metrics", "--seconds", "--rate", "--policy",
                    "--limit", "--aeron-dir", "--counters"), Set.of("--help"));
            if (line.has("--help")) {
                out.print(USAGE);
                return 0;
            }
            if ((line.text("--to", null) == null) == (line.text("--to-file", null) == null)) {
                throw new IllegalArgumentException("one of --to HOST:PORT and --to-file PATH is required");
            }
        } catch (IllegalArgumentException e) {
            err.println("telemetry-sender: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        String to = line.text("--to", null);
        int sensorCount;
        int metrics;
        Duration duration;
        long rate;
        BackpressurePolicy policy;
        try {
            sensorCount = (int) line.number("--sensors", 4, 1, 64);
            metrics = (int) line.number("--metrics", 4, 1, 64);
            duration = Duration.ofSeconds(line.number("--seconds", 5, 1, 3600));
            rate = line.number("--rate", 100_000, 0, 100_000_000);
            long limit = line.number("--limit", 100_000, 1, 1_000_000_000);
            policy = line.choice("--policy", "shed", Map.of("shed", "shed", "rate-limit", "rate-limit")).equals("shed")
                    ? BackpressurePolicy.shed()
                    : BackpressurePolicy.shed().withRateLimit(new RateLimiter(limit, Math.max(1, limit / 10)));
        } catch (IllegalArgumentException e) {
            err.println("telemetry-sender: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }

        String countersPath = line.text("--counters", null);
        Path counters = countersPath == null ? null : Path.of(countersPath);
        String toFile = line.text("--to-file", null);
        if (toFile != null) {
            return viaFile(Path.of(toFile), policy, sensorCount, metrics, rate, duration, counters, out, err);
        }
        String aeronDir = line.text("--aeron-dir", null);
        try (AeronConnection aeron = aeronDir == null ? AeronConnection.embedded() : AeronConnection.external(aeronDir)) {
            // docs:start
            RingBuffer<Sample> samples = RingBuffer.builder(Sample::new).name("samples").capacity(1024)
                    .producerType(ProducerType.MULTI).backpressure(policy).build();   // sensors: shed
            AeronOutbound<Sample> outbound = new AeronOutbound<>(                          // a stage that sends
                    aeron.publication("aeron:udp?endpoint=" + to, TelemetryReceiver.STREAM), SampleCodec.INSTANCE);
            Pipeline.Builder<Sample> b = Pipeline.builder(samples);
            b.handler("to-receiver", outbound);   // BACK_PRESSURED: it holds, the ring fills, sensors shed
            Pipeline<Sample> pipeline = b.build();
            pipeline.start();
            // docs:end
            out.printf(Locale.ROOT, "telemetry-sender: %d sensors -> %s for %d s%n", sensorCount, to, duration.toSeconds());
            // Drained means offered to Aeron, not yet delivered: the media driver sends, and resends
            // what the network lost, from its term buffer. Keep it running a moment before closing
            // it with this process (a production sender would wait for the receiver's acknowledgement).
            return emit(samples, pipeline, sensorCount, metrics, rate, duration, LINGER_MILLIS, counters, export -> { },
                    out, () -> "aeron        " + outbound);
        }
    }

    /**
     * The sensors' readings go into a record ring in a memory-mapped file that the receiver made:
     * a stage writes each one as a 16-byte record (sensor, metric, value) under {@code park()}, so
     * when the receiver process lags the stage waits, the local ring fills, and the sensors shed.
     * If the receiver dies, its heartbeat stops, and the stage's claim fails once the heartbeat
     * timeout passes.
     */
    private static int viaFile(Path file, BackpressurePolicy policy, int sensorCount, int metrics, long rate,
                               Duration duration, Path counters, PrintStream out, PrintStream err)
            throws InterruptedException {
        try (MappedRecordRing collector = MappedRecordRing.open(file, SampleRecords.LENGTH)) {
            RingBuffer<Records> shared = collector.producer(Duration.ofSeconds(5))
                    .backpressure(BackpressurePolicy.park()).build();
            Producer<Records> toCollector = shared.newProducer("to-collector");
            RingBuffer<Sample> samples = RingBuffer.builder(Sample::new).name("samples").capacity(1024)
                    .producerType(ProducerType.MULTI).backpressure(policy).build();
            Pipeline.Builder<Sample> b = Pipeline.builder(samples);
            b.handler("to-collector", (sample, sequence, endOfBatch) -> SampleRecords.write(toCollector, sample));
            Pipeline<Sample> pipeline = b.build();
            pipeline.start();
            out.printf(Locale.ROOT, "telemetry-sender: %d sensors -> %s for %d s%n", sensorCount, file, duration.toSeconds());
            return emit(samples, pipeline, sensorCount, metrics, rate, duration, 0, counters,
                    export -> export.addRing(shared).addProducer(shared, toCollector).addFigures("file " + file,
                            Map.of("cursor", collector::cursor, "consumer", collector::consumerPosition)),
                    out, () -> "mapped file  " + shared.snapshot(new RingSnapshot()));
        } catch (IOException e) {
            err.println("telemetry-sender: " + e.getMessage());
            return 2;
        }
    }

    /** Runs the sensors into {@code samples}, ends the stream with the marker, drains, and reports. */
    private static int emit(RingBuffer<Sample> samples, Pipeline<Sample> pipeline, int sensorCount, int metrics, long rate,
                            Duration duration, long lingerMillis, Path countersFile, Consumer<CountersExport> alsoExport,
                            PrintStream out, Supplier<String> link) throws InterruptedException {
        try (LiveCounters counters = LiveCounters.of(countersFile, 64 + 16 * sensorCount, out)) {
            if (counters != null) {
                alsoExport.accept(counters.export().addRing(samples));
            }
            return emit(samples, pipeline, sensorCount, metrics, rate, duration, lingerMillis, counters, out, link);
        }
    }

    private static int emit(RingBuffer<Sample> samples, Pipeline<Sample> pipeline, int sensorCount, int metrics, long rate,
                            Duration duration, long lingerMillis, LiveCounters counters, PrintStream out,
                            Supplier<String> link) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        long period = rate == 0 ? 0 : Math.max(1, 1_000_000_000L / rate);
        List<Sensor> sensors = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < sensorCount; s++) {
            var producer = samples.newProducer("sensor-" + s);
            if (counters != null) {
                counters.export().addProducer(samples, producer);
            }
            Sensor sensor = new Sensor(s, producer, metrics, period, running);
            sensors.add(sensor);
            threads.add(new Thread(sensor, "sensor-" + s));
        }
        if (counters != null) {
            counters.export().startUpdating(100, TimeUnit.MILLISECONDS);
        }
        threads.forEach(Thread::start);
        Thread.sleep(duration.toMillis());
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        long published = samples.snapshot(new RingSnapshot()).claims();
        // The end marker says how many readings went into the ring. It must not be shed like a
        // reading: it goes through a handle of its own that waits for room.
        try (var marker = samples.newProducer("end-marker", BackpressurePolicy.park())) {
            marker.publishEvent((sample, sequence) -> {
                sample.metric = SampleCodec.END;
                sample.value = published;
            });
        }
        boolean drained = pipeline.drainAndStop(Duration.ofSeconds(30)).drained();
        Thread.sleep(lingerMillis);
        long emitted = sensors.stream().mapToLong(s -> s.emitted).sum();
        long dropped = samples.snapshot(new RingSnapshot()).drops();
        out.printf(Locale.ROOT, "readings     emitted %,d, sent %,d, dropped here %,d (%.1f%%)%n",
                emitted, published, dropped, 100.0 * dropped / Math.max(1, emitted));
        out.println(link.get());
        boolean ok = drained && emitted == published + dropped;
        out.printf(Locale.ROOT, "  [%s] emitted = sent + dropped: %,d = %,d + %,d%n",
                ok ? "ok" : "FAILED", emitted, published, dropped);
        return ok ? 0 : 1;
    }
}
