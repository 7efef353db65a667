package io.sluice.bench.shootout;

import io.sluice.bench.channel.SluiceChannel;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.backpressure.AdaptiveRateLimiter;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.RateControl;
import io.sluice.backpressure.RateLimiter;
import io.sluice.pipeline.Pipeline;
import io.sluice.wait.BlockingWaitStrategy;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The flow-control scenario: one producer, or three, offer events flat out to a consumer whose speed
 * changes in steps — fast ({@link #FAST_WORK_NANOS} per event), four times slower, fast again,
 * {@link #PHASE_MILLIS} each — under each producer policy in {@link #CONTENDERS}. Per phase: the
 * events delivered per second, the drops, the time from claim to consumption (p50, p99, p99.9),
 * how long after the step the admitted rate (averaged over 50 ms) came within 10% of what the
 * consumer delivered and stayed there, and how much it swung afterwards (coefficient of variation
 * over the phase's second half), the share of 50 ms windows within 20% of that from the first
 * within 10% on, the lowest 50 ms rate as a share of it, and the p99 of the first {@link #STEP_MILLIS} ms
 * after the step beside the p99 of the phase's second half. A series of the admitted rate and the
 * ring's occupancy every {@link #SAMPLE_MILLIS} ms shows the loop at work.
 */
public final class FlowScenario {
    static final long FAST_WORK_NANOS = 1_000;
    static final long SLOW_WORK_NANOS = 4 * FAST_WORK_NANOS;
    static final long PHASE_MILLIS = 1_000;
    static final long SAMPLE_MILLIS = 10;
    static final int CAPACITY = 65_536;
    static final int PHASES = 3;
    /** Samples the admitted rate is averaged over before settling and swing are judged. */
    static final int SMOOTHING_SAMPLES = 5;
    /** How long after a step its own p99 is taken over. */
    static final long STEP_MILLIS = 200;
    /** How many producers offer events, in the cells' order. */
    static final List<Integer> PRODUCERS = List.of(1, 3);
    /** The policies compared; the static limit is set for the fast consumer, 1M/s. */
    static final List<String> CONTENDERS = List.of("static limit", "adaptive aimd", "adaptive gradient", "shed when full",
            "shed on delay", "block");

    /** One cell of the scenario: a policy, and how many producers offer events under it. */
    record Cell(String policy, int producers) {
        /** {@return how the reports name the cell: the policy, and the producers when there are several} */
        String name() {
            return producers == 1 ? policy : policy + ", " + producers + " producers";
        }
    }

    /** Every cell: each policy with one producer, then each with three. */
    static final List<Cell> CELLS = PRODUCERS.stream().flatMap(n -> CONTENDERS.stream().map(c -> new Cell(c, n))).toList();

    /** One phase of one contender's run. */
    record Phase(int phase, double deliveredPerSecond, long drops, double p50Micros, double p99Micros, double p999Micros,
                 double convergeMillis, double oscillation, double bandShare, double lowestShare, double stepP99Micros,
                 double settledP99Micros) {
    }

    /** One sample of the series. */
    record Point(long atMillis, double admittedPerSecond, long occupancy) {
    }

    record Result(String contender, List<Phase> phases, List<Point> series) {
    }

    /** An event: when the producer claimed it. */
    static final class Event {
        long claimedAt;
    }

    /** The consumer: works each event for the phase's time, and records each event's time from claim. */
    private static final class SteppedConsumer {
        final Histogram[] latency = new Histogram[PHASES];
        /** Per phase: events consumed in its first {@link #STEP_MILLIS} ms, and in its second half. */
        final Histogram[] afterStep = new Histogram[PHASES];
        final Histogram[] settled = new Histogram[PHASES];
        final AtomicLong consumed = new AtomicLong();
        final long start;
        private long count;

        SteppedConsumer(long start) {
            this.start = start;
            for (int p = 0; p < PHASES; p++) {
                latency[p] = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                afterStep[p] = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                settled[p] = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            }
        }

        void onEvent(Event event) {
            long now = System.nanoTime();
            int phase = phaseAt(now - start);
            long wait = Math.min(Math.max(0, now - event.claimedAt), latency[phase].getHighestTrackableValue());
            latency[phase].recordValue(wait);
            long intoPhase = now - start - phase * TimeUnit.MILLISECONDS.toNanos(PHASE_MILLIS);
            if (intoPhase < TimeUnit.MILLISECONDS.toNanos(STEP_MILLIS)) {
                afterStep[phase].recordValue(wait);
            } else if (intoPhase >= TimeUnit.MILLISECONDS.toNanos(PHASE_MILLIS / 2)) {
                settled[phase].recordValue(wait);
            }
            long until = now + (phase == 1 ? SLOW_WORK_NANOS : FAST_WORK_NANOS);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            // Single writer: a release store is enough for the sampler that reads it.
            consumed.lazySet(++count);
        }
    }

    private FlowScenario() {
    }

    static int phaseAt(long sinceStartNanos) {
        return (int) Math.min(PHASES - 1, Math.max(0, sinceStartNanos / TimeUnit.MILLISECONDS.toNanos(PHASE_MILLIS)));
    }

    static BackpressurePolicy policy(String contender) {
        return switch (contender) {
            case "static limit" -> BackpressurePolicy.park().withRateLimit(new RateLimiter(1_000_000_000L / FAST_WORK_NANOS, 1_000));
            case "adaptive aimd" -> BackpressurePolicy.park().withRateLimit(adaptive(RateControl.aimd()));
            case "adaptive gradient" -> BackpressurePolicy.park().withRateLimit(adaptive(RateControl.gradient(Duration.ofMillis(1))));
            case "shed when full" -> BackpressurePolicy.shed();
            // The same 1 ms target as the gradient law; a 10 ms interval lets bursts of that length pass.
            case "shed on delay" -> BackpressurePolicy.shedOnDelay(Duration.ofMillis(1), Duration.ofMillis(10));
            case "block" -> BackpressurePolicy.block();
            default -> throw new IllegalArgumentException("unknown flow contender: " + contender);
        };
    }

    /**
     * The adaptive limiters: 10k/s to 4M/s, a burst of 1,000, and the default 10 ms window, or the
     * window the system property {@code flow.windowMillis} gives (through the shootout's
     * {@code --jvm-args "-Dflow.windowMillis=2"}).
     */
    private static AdaptiveRateLimiter adaptive(RateControl control) {
        long windowMillis = Long.getLong("flow.windowMillis", 10);
        return AdaptiveRateLimiter.builder(control).rates(10_000, 4_000_000).burst(1_000).window(Duration.ofMillis(windowMillis)).build();
    }

    static Result run(Cell cell) throws InterruptedException {
        BackpressurePolicy policy = policy(cell.policy());
        int producers = cell.producers();
        RingBuffer<Event> ring = RingBuffer.builder(Event::new).name("flow").capacity(CAPACITY)
                .producerType(producers == 1 ? ProducerType.SINGLE : ProducerType.MULTI)
                .waitStrategy(new BlockingWaitStrategy()).blockingProducers().build();
        List<Producer<Event>> handles = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            // One policy for all: a rate limiter in it is shared, so it paces the producers together.
            handles.add(ring.newProducer("source-" + i, policy));
        }
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long end = start + TimeUnit.MILLISECONDS.toNanos(PHASES * PHASE_MILLIS);
        SteppedConsumer consumer = new SteppedConsumer(start);
        Pipeline.Builder<Event> b = Pipeline.builder(ring).threadFactory(SluiceChannel::daemon);
        b.handler("stepped", (event, sequence, endOfBatch) -> consumer.onEvent(event));
        Pipeline<Event> pipeline = b.build();
        pipeline.start();
        List<Thread> sources = new ArrayList<>();
        for (Producer<Event> producer : handles) {
            Thread source = new Thread(() -> {
                try {
                    while (System.nanoTime() < start) {
                        Thread.onSpinWait();
                    }
                    while (System.nanoTime() < end) {
                        Claim<Event> claim = producer.claim();
                        if (claim.isClaimed()) {
                            claim.get().claimedAt = System.nanoTime();
                            claim.commit();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "flow-" + producer.name());
            sources.add(source);
            source.start();
        }

        int samples = (int) (PHASES * PHASE_MILLIS / SAMPLE_MILLIS);
        long[] at = new long[samples + 1];
        long[] claims = new long[samples + 1];
        long[] occupancy = new long[samples + 1];
        long[] drops = new long[samples + 1];
        long[] consumed = new long[samples + 1];
        ProducerSnapshot snapshot = new ProducerSnapshot();
        while (System.nanoTime() < start) {
            Thread.sleep(1);
        }
        for (int i = 0; i <= samples; i++) {
            long due = start + TimeUnit.MILLISECONDS.toNanos(i * SAMPLE_MILLIS);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            at[i] = System.nanoTime() - start;
            long cursor = ring.cursor();
            claims[i] = cursor + 1;
            consumed[i] = consumer.consumed.get();
            occupancy[i] = Math.max(0, claims[i] - consumed[i]);
            long dropped = 0;
            for (Producer<Event> producer : handles) {
                dropped += producer.snapshot(snapshot).drops();
            }
            drops[i] = dropped;
        }
        for (Thread source : sources) {
            source.join();
        }
        long published = ring.cursor() + 1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.consumed.get() < published && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        pipeline.halt();

        List<Point> series = new ArrayList<>();
        double[] admitted = new double[samples + 1];
        double[] delivered = new double[samples + 1];
        for (int i = 1; i <= samples; i++) {
            double seconds = (at[i] - at[i - 1]) / 1e9;
            admitted[i] = (claims[i] - claims[i - 1]) / seconds;
            delivered[i] = (consumed[i] - consumed[i - 1]) / seconds;
            series.add(new Point(at[i] / 1_000_000, admitted[i], occupancy[i]));
        }
        // Settling and swing are judged on the admitted rate over 50 ms (5 samples): a 10 ms window
        // on two cores moves by more than 10% with the scheduler alone.
        double[] smoothed = movingAverage(admitted, SMOOTHING_SAMPLES);
        List<Phase> phases = new ArrayList<>();
        int perPhase = samples / PHASES;
        for (int p = 0; p < PHASES; p++) {
            int from = p * perPhase + 1;
            int to = (p + 1) * perPhase;
            double capacity = median(Arrays.copyOfRange(delivered, from + perPhase / 2, to + 1));
            double deliveredRate = (consumed[to] - consumed[from - 1]) / ((at[to] - at[from - 1]) / 1e9);
            Histogram h = consumer.latency[p];
            double converge = convergeMillis(smoothed, at, from, to, capacity);
            phases.add(new Phase(p, deliveredRate, drops[to] - drops[from - 1], h.getValueAtPercentile(50) / 1e3,
                    h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
                    converge, variation(Arrays.copyOfRange(smoothed, from + perPhase / 2, to + 1)),
                    bandShare(smoothed, from, to, capacity),
                    lowestShare(smoothed, from + SMOOTHING_SAMPLES - 1, to, capacity),
                    consumer.afterStep[p].getValueAtPercentile(99) / 1e3, consumer.settled[p].getValueAtPercentile(99) / 1e3));
        }
        return new Result(cell.name(), phases, series);
    }

    /**
     * {@return the time from the phase's start to the first sample from which the admitted rate
     * stays within 10% of {@code capacity} to the phase's end; NaN if it never settles}
     */
    static double convergeMillis(double[] admitted, long[] at, int from, int to, double capacity) {
        int settled = to + 1;
        for (int i = to; i >= from; i--) {
            if (Math.abs(admitted[i] - capacity) > 0.1 * capacity) {
                break;
            }
            settled = i;
        }
        if (settled > to) {
            return Double.NaN;
        }
        return (at[settled] - at[from - 1]) / 1e6;
    }

    /**
     * {@return the share of samples within 20% of {@code capacity}, from the first that came
     * within 10% of it to the phase's end; NaN if none did}
     */
    static double bandShare(double[] admitted, int from, int to, double capacity) {
        int first = from;
        while (first <= to && Math.abs(admitted[first] - capacity) > 0.1 * capacity) {
            first++;
        }
        if (first > to) {
            return Double.NaN;
        }
        int within = 0;
        for (int i = first; i <= to; i++) {
            if (Math.abs(admitted[i] - capacity) <= 0.2 * capacity) {
                within++;
            }
        }
        return (double) within / (to - first + 1);
    }

    /** {@return the lowest rate from sample {@code from} to {@code to}, as a share of {@code capacity}} */
    static double lowestShare(double[] admitted, int from, int to, double capacity) {
        double lowest = Double.MAX_VALUE;
        for (int i = from; i <= to; i++) {
            lowest = Math.min(lowest, admitted[i]);
        }
        return lowest / capacity;
    }

    /** {@return each value averaged with the ones before it, {@code n} in all (fewer at the start); index 0 is left as it is} */
    static double[] movingAverage(double[] values, int n) {
        double[] out = values.clone();
        for (int i = 1; i < values.length; i++) {
            double sum = 0;
            int count = 0;
            for (int j = Math.max(1, i - n + 1); j <= i; j++) {
                sum += values[j];
                count++;
            }
            out[i] = sum / count;
        }
        return out;
    }

    /** {@return the standard deviation over the mean} */
    static double variation(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        if (mean == 0) {
            return 0;
        }
        double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElse(0);
        return Math.sqrt(variance) / mean;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
