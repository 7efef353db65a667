package io.sluice.examples.telemetry;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.aeron.AeronConnection;
import io.sluice.aeron.AeronInbound;
import io.sluice.examples.CommandLine;
import io.sluice.pipeline.Pipeline;
import io.sluice.consumer.EventPoller;
import io.sluice.record.MappedRecordRing;
import io.sluice.record.Records;
import io.sluice.pipeline.Stage;
import io.sluice.wait.TimeoutBlockingWaitStrategy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The telemetry aggregation in its own process: readings arrive over Aeron from a
 * {@link TelemetrySender} and are polled into a local ring only as fast as it has room, so a slow
 * aggregator pushes back through Aeron to the sender's sensors. Windows are exported as in the
 * one-process program. Ends when the sender's end marker arrives, and checks that every reading
 * the sender published did. With {@code --from-file}, it makes a record ring in a new
 * memory-mapped file and reads the sender's readings from there instead (the sender runs on the
 * same host with {@code --to-file}); the file is deleted at the end.
 */
public final class TelemetryReceiver {
    static final int STREAM = 1001;
    static final String USAGE = """
            usage: telemetry-receiver --listen HOST:PORT | --from-file PATH [options]
              --listen HOST:PORT this host's address and a UDP port for the sender's --to
              --from-file PATH   make a record ring in a new file there for the sender's --to-file
              --metrics M        metrics the sensors report, 1..64                          [4]
              --window-ms W      aggregation window                                         [1000]
              --work-ns N        simulated aggregation cost per reading, in ns              [3000]
              --aeron-dir DIR    use the media driver running there, not an embedded one
              --counters FILE    export live counters to FILE (SluiceStat reads them)
              --help             this text
            """;

    private TelemetryReceiver() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err, () -> { }));
    }

    /** @param ready run once the subscription is in place (tests start the sender then) */
    static int run(String[] args, PrintStream out, PrintStream err, Runnable ready) throws InterruptedException {
        CommandLine line;
        int metrics;
        long windowMillis;
        long workNanos;
        try {
            line = CommandLine.parse(args, Set.of("--listen", "--from-file", "--metrics", "--window-ms", "--work-ns", "--aeron-dir",
                    "--counters"),
                    Set.of("--help"));
            if (line.has("--help")) {
                out.print(USAGE);
                return 0;
            }
            if ((line.text("--listen", null) == null) == (line.text("--from-file", null) == null)) {
                throw new IllegalArgumentException("one of --listen HOST:PORT and --from-file PATH is required");
            }
            metrics = (int) line.number("--metrics", 4, 1, 64);
            windowMillis = line.number("--window-ms", 1000, 10, 3_600_000);
            workNanos = line.number("--work-ns", 3000, 0, 1_000_000_000);
        } catch (IllegalArgumentException e) {
            err.println("telemetry-receiver: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        long windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
        RingBuffer<Sample> samples = RingBuffer.builder(Sample::new).name("samples").capacity(1024)
                .producerType(ProducerType.SINGLE)
                .waitStrategy(new TimeoutBlockingWaitStrategy(Math.max(1, windowNanos / 4), TimeUnit.NANOSECONDS))
                .build();
        RingBuffer<WindowSummary> summaries = RingBuffer.builder(WindowSummary::new).name("summaries").capacity(1024)
                .producerType(ProducerType.SINGLE).backpressure(BackpressurePolicy.block()).build();
        Exporter exporter = new Exporter(out, false);
        Pipeline.Builder<WindowSummary> exportSide = Pipeline.builder(summaries);
        exportSide.handler("export", exporter);
        Pipeline<WindowSummary> exporting = exportSide.build();
        Aggregator aggregator = new Aggregator(metrics, summaries.newProducer("aggregate"), windowNanos, workNanos);
        Pipeline.Builder<Sample> sampleSide = Pipeline.builder(samples);
        Stage<Sample> aggregate = sampleSide.handler("aggregate", aggregator);
        Pipeline<Sample> aggregating = sampleSide.build();
        exporting.start();
        aggregating.start();
        String countersPath = line.text("--counters", null);
        try (LiveCounters counters = LiveCounters.of(countersPath == null ? null : Path.of(countersPath), 64, out)) {
            if (counters != null) {
                counters.export().addRing(samples).addRing(summaries).addStage(samples, aggregate)
                        .startUpdating(100, TimeUnit.MILLISECONDS);
            }
            return receive(line, samples, aggregator, aggregate, aggregating, exporting, counters, out, err, ready);
        }
    }

    /** Receives over Aeron or from the file until the end marker, then drains and checks. */
    private static int receive(CommandLine line, RingBuffer<Sample> samples, Aggregator aggregator, Stage<Sample> aggregate,
                               Pipeline<Sample> aggregating, Pipeline<WindowSummary> exporting, LiveCounters counters,
                               PrintStream out, PrintStream err, Runnable ready) throws InterruptedException {
        String fromFile = line.text("--from-file", null);
        String link;
        if (fromFile != null) {
            Path file = Path.of(fromFile);
            try (MappedRecordRing ring = MappedRecordRing.create(file, SampleRecords.LENGTH, 1024)) {
                MappedRecordRing.Reader reader = ring.reader();
                if (counters != null) {
                    counters.export().addFigures("file " + file, Map.of("cursor", ring::cursor, "consumer", ring::consumerPosition));
                }
                AtomicBoolean reading = new AtomicBoolean(true);
                // Each record goes into the local ring, waiting (park) while aggregation lags: the
                // reader then stops reading the file, which fills, and the sender's policy applies.
                EventPoller.Handler<Records> toSamples = (records, sequence, endOfBatch) -> {
                    long local = samples.next();
                    SampleRecords.read(records, sequence, samples.get(local));
                    samples.publish(local);
                    return true;
                };
                Thread poller = new Thread(() -> {
                    try {
                        while (reading.get()) {
                            if (reader.poll(toSamples) == 0) {
                                LockSupport.parkNanos(50_000); // each poll also beats the heartbeat
                            }
                        }
                    } catch (Exception e) {
                        err.println("telemetry-receiver: reading " + file + " failed: " + e);
                    }
                }, "file-reader");
                poller.start();
                out.println("telemetry-receiver: reading " + file + "; start the sender with --to-file " + file);
                ready.run();
                while (aggregator.announced < 0) {
                    Thread.sleep(50);
                }
                reading.set(false);
                poller.join();
                link = "mapped file  " + ring;
            } catch (IOException e) {
                err.println("telemetry-receiver: " + e.getMessage());
                return 2;
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    err.println("telemetry-receiver: cannot delete " + file + ": " + e.getMessage());
                }
            }
        } else {
            String listen = line.text("--listen", null);
            String aeronDir = line.text("--aeron-dir", null);
            try (AeronConnection aeron = aeronDir == null ? AeronConnection.embedded() : AeronConnection.external(aeronDir)) {
                // docs:start
                AeronInbound<Sample> inbound = new AeronInbound<>(   // polls no more than `samples` has room for
                        aeron.subscription("aeron:udp?endpoint=" + listen, STREAM), samples, SampleCodec.INSTANCE);
                Thread poller = new Thread(inbound, "aeron-inbound");
                poller.start();
                // docs:end
                out.println("telemetry-receiver: listening on " + listen + "; start the sender with --to " + listen);
                ready.run();
                while (aggregator.announced < 0) {
                    Thread.sleep(50);
                }
                inbound.close();
                poller.join();
                link = "aeron        " + inbound;
            }
        }
        boolean drained = aggregating.drainAndStop(Duration.ofSeconds(30)).drained()
                & exporting.drainAndStop(Duration.ofSeconds(30)).drained();
        long announced = aggregator.announced;
        long aggregated = aggregate.processedCount() - 1; // less the end marker
        out.printf(Locale.ROOT, "readings     the sender published %,d; received and aggregated %,d%n", announced, aggregated);
        out.println(link);
        boolean ok = drained && aggregated == announced && aggregator.aggregated == announced;
        out.printf(Locale.ROOT, "  [%s] every reading the sender published arrived and was aggregated%n", ok ? "ok" : "FAILED");
        return ok ? 0 : 1;
    }
}
