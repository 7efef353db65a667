package io.sluice.examples.telemetry;

import io.sluice.metrics.RingSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.ProducerType;
import io.sluice.backpressure.RateLimiter;
import io.sluice.RingBuffer;
import io.sluice.aeron.AeronConnection;
import io.sluice.aeron.AeronOutbound;
import io.sluice.examples.CommandLine;
import io.sluice.pipeline.Pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The telemetry sensors in their own process: readings go into a local ring whose one stage sends
 * them over Aeron to a {@link TelemetryReceiver}. When the receiver (or the network) cannot keep
 * up, Aeron answers {@code BACK_PRESSURED}, the stage holds, the local ring fills, and the sensors
 * shed, counted here: backpressure from another process, or another host, lands on the sensors'
 * own policy.
 */
public final class TelemetrySender {
    static final String USAGE = """
            usage: telemetry-sender --to HOST:PORT [options]
              --to HOST:PORT     where the receiver listens (its --listen)                  [required]
              --sensors N        sensor threads, 1..64                                      [4]
              --metrics M        metrics the sensors report, 1..64                          [4]
              --seconds S        how long the sensors emit, 1..3600                         [5]
              --rate R           readings/s per sensor; 0 = flat out                        [100000]
              --policy P         shed | rate-limit (with --limit readings/s)                [shed]
              --limit L          readings/s let through by rate-limit, all sensors together [100000]
              --aeron-dir DIR    use the media driver running there, not an embedded one
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
            line = CommandLine.parse(args, Set.of("--to", "--sensors", "--metrics", "--seconds", "--rate", "--policy",
                    "--limit", "--aeron-dir"), Set.of("--help"));
            if (line.has("--help")) {
                out.print(USAGE);
                return 0;
            }
            if (line.text("--to", null) == null) {
                throw new IllegalArgumentException("--to HOST:PORT is required");
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

            AtomicBoolean running = new AtomicBoolean(true);
            long period = rate == 0 ? 0 : Math.max(1, 1_000_000_000L / rate);
            List<Sensor> sensors = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < sensorCount; s++) {
                Sensor sensor = new Sensor(s, samples.newProducer("sensor-" + s), metrics, period, running);
                sensors.add(sensor);
                threads.add(new Thread(sensor, "sensor-" + s));
            }
            out.printf(Locale.ROOT, "telemetry-sender: %d sensors -> %s for %d s%n", sensorCount, to, duration.toSeconds());
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
            // Drained means offered to Aeron, not yet delivered: the media driver sends, and resends
            // what the network lost, from its term buffer. Keep it running a moment before closing
            // it with this process (a production sender would wait for the receiver's acknowledgement).
            Thread.sleep(LINGER_MILLIS);
            long emitted = sensors.stream().mapToLong(s -> s.emitted).sum();
            long dropped = samples.snapshot(new RingSnapshot()).drops();
            out.printf(Locale.ROOT, "readings     emitted %,d, sent %,d, dropped here %,d (%.1f%%)%n",
                    emitted, published, dropped, 100.0 * dropped / Math.max(1, emitted));
            out.println("aeron        " + outbound);
            boolean ok = drained && emitted == published + dropped;
            out.printf(Locale.ROOT, "  [%s] emitted = sent + dropped: %,d = %,d + %,d%n",
                    ok ? "ok" : "FAILED", emitted, published, dropped);
            return ok ? 0 : 1;
        }
    }
}
