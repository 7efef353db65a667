package io.sluice.examples.telemetry;

import io.sluice.EventTranslatorOneArg;
import io.sluice.Producer;
import io.sluice.consumer.EventHandler;

import org.HdrHistogram.Histogram;

/**
 * The aggregation stage: per metric and per window, count, min, max, mean and percentiles
 * (HdrHistogram). When a window ends it hands one summary per metric to the exporter through
 * the summaries ring, and starts the next. A quiet ring still closes windows on time: the ring's
 * wait strategy times out and {@link #onTimeout} checks the clock.
 */
final class Aggregator implements EventHandler<Sample> {
    private static final EventTranslatorOneArg<WindowSummary, Aggregator.Window> SUMMARY =
            (summary, sequence, stats) -> stats.summarise(summary);

    /** One metric's figures in the current window. */
    static final class Window {
        final int metric;
        long number;
        final Histogram histogram = new Histogram(3_600_000_000L, 3);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long sum;

        Window(int metric) {
            this.metric = metric;
        }

        void add(long value) {
            histogram.recordValue(value);
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
        }

        void summarise(WindowSummary summary) {
            long count = histogram.getTotalCount();
            summary.window = number;
            summary.metric = metric;
            summary.count = count;
            summary.min = count == 0 ? 0 : min;
            summary.max = count == 0 ? 0 : max;
            summary.mean = count == 0 ? 0 : (double) sum / count;
            summary.p50 = histogram.getValueAtPercentile(50);
            summary.p99 = histogram.getValueAtPercentile(99);
            summary.p999 = histogram.getValueAtPercentile(99.9);
        }

        void reset() {
            histogram.reset();
            min = Long.MAX_VALUE;
            max = Long.MIN_VALUE;
            sum = 0;
        }
    }

    private final Window[] windows;
    private final Producer<WindowSummary> exporter;
    private final long windowNanos;
    private final long workNanos;
    private long window;
    private long windowEnd;
    /** Samples aggregated, over all windows. */
    long aggregated;
    /** From a remote sender's end marker: how many readings it published; -1 until the marker comes. */
    volatile long announced = -1;

    /**
     * @param workNanos how long each sample takes to aggregate: stands in for real work (a lookup,
     *     an enrichment), so the stage can be made slower than the sensors
     */
    Aggregator(int metrics, Producer<WindowSummary> exporter, long windowNanos, long workNanos) {
        this.windows = new Window[metrics];
        for (int m = 0; m < metrics; m++) {
            windows[m] = new Window(m);
        }
        this.exporter = exporter;
        this.windowNanos = windowNanos;
        this.workNanos = workNanos;
    }

    @Override
    public void onStart() {
        windowEnd = System.nanoTime() + windowNanos;
    }

    @Override
    public void onEvent(Sample sample, long sequence, boolean endOfBatch) throws InterruptedException {
        if (sample.metric == SampleCodec.END) {
            announced = sample.value; // the stream's end, from a sender in another process
            return;
        }
        closeWindowIfDue();
        windows[sample.metric].add(sample.value);
        aggregated++;
        if (workNanos > 0) {
            long until = System.nanoTime() + workNanos;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void onTimeout(long sequence) throws InterruptedException {
        closeWindowIfDue();
    }

    @Override
    public void onShutdown() {
        try {
            closeWindow(); // the last, partial window
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exporter.close();
        }
    }

    private void closeWindowIfDue() throws InterruptedException {
        if (System.nanoTime() - windowEnd >= 0) {
            closeWindow();
            windowEnd += windowNanos;
        }
    }

    private void closeWindow() throws InterruptedException {
        for (Window stats : windows) {
            stats.number = window;
            exporter.publishEvent(SUMMARY, stats);
            stats.reset();
        }
        window++;
    }
}
