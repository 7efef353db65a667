package io.sluice.examples.telemetry;

import io.sluice.metrics.RingSnapshot;
import io.sluice.backpressure.AdaptiveRateLimiter;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.RateControl;
import io.sluice.ProducerType;
import io.sluice.backpressure.RateLimiter;
import io.sluice.RingBuffer;
import io.sluice.agrona.CountersExport;
import io.sluice.agrona.CountersFile;
import io.sluice.metrics.RingFigure;
import io.sluice.micrometer.SluiceMeters;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.Stage;
import io.sluice.pipeline.StopResult;
import io.sluice.wait.TimeoutBlockingWaitStrategy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A telemetry pipeline, wired with two rings:
 *
 * <pre>
 *  sensors ──▶ samples ring ──▶ aggregate ──▶ summaries ring ──▶ export
 *  (N threads, shed, rate-limited    (per metric, per window)
 *   or paced by the aggregator)
 * </pre>
 *
 * Sensors never wait: a reading the ring has no room for (or, rate-limited, no permit for) is
 * dropped and counted by the sensor's producer handle; an adaptive limit moves with the
 * aggregator's speed, so readings are dropped at the sensors before they queue in the ring, so at the end
 * {@code emitted = aggregated + dropped}, exactly. With {@code countersFile} set, the rings',
 * sensors' and stage's figures are readable live from another process ({@code SluiceStat}).
 */
final class Telemetry {
    /**
     * How sensors treat a full ring: drop, drop beyond a fixed rate, drop beyond a rate that
     * follows the aggregator, or drop once readings have waited too long (CoDel).
     */
    enum Policy { SHED, RATE_LIMIT, ADAPTIVE, DELAY }

    /** What to run. */
    record Options(int sensors, int metrics, Duration duration, long samplesPerSecond, Policy policy,
                   long limitPerSecond, Duration window, long workNanos, int ringSize, Path countersFile,
                   boolean csv) {
    }

    /** What a run did. */
    record Result(Options options, long emitted, long aggregated, long dropped, long exportedSamples,
                  long summaries, boolean drained, long rateLimitAtEnd) {
        boolean passed() {
            return drained && emitted == aggregated + dropped && exportedSamples == aggregated;
        }
    }

    private Telemetry() {
    }

    static Result run(Options options, PrintStream exportTo) throws InterruptedException {
        return run(options, exportTo, null);
    }

    /**
     * Runs the pipeline; with {@code metrics}, its rings, sensors and stages are served as
     * Prometheus meters while it runs (they go once the pipelines stop).
     */
    static Result run(Options options, PrintStream exportTo, MetricsEndpoint metrics) throws InterruptedException {
        // A burst of a tenth of a second's permits: short spikes pass, a sustained excess is dropped.
        long burst = Math.max(1, options.limitPerSecond() / 10);
        BackpressurePolicy policy = switch (options.policy()) {
            case SHED -> BackpressurePolicy.shed();
            case RATE_LIMIT -> BackpressurePolicy.shed().withRateLimit(new RateLimiter(options.limitPerSecond(), burst));
            // The rate follows the aggregator: readings wait about 1 ms in the ring, and what the
            // aggregator cannot take is dropped at the sensor, counted, instead of filling the ring.
            case ADAPTIVE -> BackpressurePolicy.shed().withRateLimit(
                    AdaptiveRateLimiter.builder(RateControl.gradient(Duration.ofMillis(1)))
                            .rates(Math.min(1_000, options.limitPerSecond()), options.limitPerSecond()).burst(burst).build());
            // Readings may wait 5 ms; once they have waited longer for 100 ms, sensors start dropping.
            case DELAY -> BackpressurePolicy.shedOnDelay(Duration.ofMillis(5), Duration.ofMillis(100));
        };
        long windowNanos = options.window().toNanos();
        // The timeout lets the aggregator close windows on time while no sample arrives.
        RingBuffer<Sample> samples = RingBuffer.builder(Sample::new).name("samples").capacity(options.ringSize())
                .producerType(ProducerType.MULTI).backpressure(policy)
                .waitStrategy(new TimeoutBlockingWaitStrategy(Math.max(1, windowNanos / 4), TimeUnit.NANOSECONDS))
                .statisticsEvents() // io.sluice.RingStatistics in a JFR recording, once a second
                .build();
        RingBuffer<WindowSummary> summaries = RingBuffer.builder(WindowSummary::new).name("summaries")
                .capacity(1024).producerType(ProducerType.SINGLE).backpressure(BackpressurePolicy.block())
                .statisticsEvents().build();

        Exporter exporter = new Exporter(exportTo, options.csv());
        Pipeline.Builder<WindowSummary> exportSide = Pipeline.builder(summaries);
        exportSide.handler("export", exporter);
        Pipeline<WindowSummary> exporting = exportSide.build();

        Aggregator aggregator = new Aggregator(options.metrics(), summaries.newProducer("aggregate"), windowNanos,
                options.workNanos());
        Pipeline.Builder<Sample> sampleSide = Pipeline.builder(samples);
        Stage<Sample> aggregate = sampleSide.handler("aggregate", aggregator);
        Pipeline<Sample> aggregating = sampleSide.build();

        AtomicBoolean running = new AtomicBoolean(true);
        long periodNanos = options.samplesPerSecond() == 0 ? 0 : Math.max(1, 1_000_000_000L / options.samplesPerSecond());
        List<Sensor> sensors = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountersExport counters = null;
        CountersFile file = null;
        if (options.countersFile() != null) {
            file = CountersFile.create(options.countersFile(), 64 + 16 * options.sensors());
            counters = new CountersExport(file.manager()).addRing(samples).addRing(summaries).addStage(samples, aggregate);
        }
        if (metrics != null) {
            metrics.bind(SluiceMeters.ring(samples));
            metrics.bind(SluiceMeters.ring(summaries));
            metrics.bind(SluiceMeters.pipeline(aggregating));
            metrics.bind(SluiceMeters.pipeline(exporting));
        }
        for (int s = 0; s < options.sensors(); s++) {
            var producer = samples.newProducer("sensor-" + s);
            if (counters != null) {
                counters.addProducer(samples, producer);
            }
            if (metrics != null) {
                metrics.bind(SluiceMeters.producer(samples, producer));
            }
            Sensor sensor = new Sensor(s, producer, options.metrics(), periodNanos, running);
            sensors.add(sensor);
            threads.add(new Thread(sensor, "sensor-" + s));
        }
        if (counters != null) {
            counters.startUpdating(100, TimeUnit.MILLISECONDS);
        }
        try {
            exporting.start();
            aggregating.start();
            threads.forEach(Thread::start);
            Thread.sleep(options.duration().toMillis());
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            StopResult aggregated = aggregating.drainAndStop(Duration.ofSeconds(30));
            StopResult exported = exporting.drainAndStop(Duration.ofSeconds(30));

            RingSnapshot figures = samples.snapshot(new RingSnapshot());
            long emitted = sensors.stream().mapToLong(s -> s.emitted).sum();
            return new Result(options, emitted, aggregator.aggregated, figures.drops(), exporter.samples,
                    exporter.summaries, aggregated.drained() && exported.drained(), figures.get(RingFigure.RATE_LIMIT));
        } finally {
            if (counters != null) {
                counters.close();
            }
            if (file != null) {
                file.close();
            }
        }
    }
}
