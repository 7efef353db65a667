package io.sluice.examples.telemetry;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.aeron.AeronConnection;
import io.sluice.aeron.AeronInbound;
import io.sluice.examples.CommandLine;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.Stage;
import io.sluice.wait.TimeoutBlockingWaitStrategy;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The telemetry aggregation in its own process: readings arrive over Aeron from a
 * {@link TelemetrySender} and are polled into a local ring only as fast as it has room, so a slow
 * aggregator pushes back through Aeron to the sender's sensors. Windows are exported as in the
 * one-process program. Ends when the sender's end marker arrives, and checks that every reading
 * the sender published did.
 */
public final class TelemetryReceiver {
    static final int STREAM = 1001;
    static final String USAGE = """
            usage: telemetry-receiver --listen HOST:PORT [options]
              --listen HOST:PORT this host's address and a UDP port for the sender's --to   [required]
              --metrics M        metrics the sensors report, 1..64                          [4]
              --window-ms W      aggregation window                                         [1000]
              --work-ns N        simulated aggregation cost per reading, in ns              [3000]
              --aeron-dir DIR    use the media driver running there, not an embedded one
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
            line = CommandLine.parse(args, Set.of("--listen", "--metrics", "--window-ms", "--work-ns", "--aeron-dir"),
                    Set.of("--help"));
            if (line.has("--help")) {
                out.print(USAGE);
                return 0;
            }
            if (line.text("--listen", null) == null) {
                throw new IllegalArgumentException("--listen HOST:PORT is required");
            }
            metrics = (int) line.number("--metrics", 4, 1, 64);
            windowMillis = line.number("--window-ms", 1000, 10, 3_600_000);
            workNanos = line.number("--work-ns", 3000, 0, 1_000_000_000);
        } catch (IllegalArgumentException e) {
            err.println("telemetry-receiver: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        String listen = line.text("--listen", null);
        String aeronDir = line.text("--aeron-dir", null);
        try (AeronConnection aeron = aeronDir == null ? AeronConnection.embedded() : AeronConnection.external(aeronDir)) {
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
            boolean drained = aggregating.drainAndStop(Duration.ofSeconds(30)).drained()
                    & exporting.drainAndStop(Duration.ofSeconds(30)).drained();
            long announced = aggregator.announced;
            long aggregated = aggregate.processedCount() - 1; // less the end marker
            out.printf(Locale.ROOT, "readings     the sender published %,d; received and aggregated %,d%n", announced, aggregated);
            out.println("aeron        " + inbound);
            boolean ok = drained && aggregated == announced && aggregator.aggregated == announced;
            out.printf(Locale.ROOT, "  [%s] every reading the sender published arrived and was aggregated%n", ok ? "ok" : "FAILED");
            return ok ? 0 : 1;
        }
    }
}
