package io.sluice.examples.telemetry;

import io.sluice.consumer.EventHandler;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The export stage, on the summaries ring: prints each window's figures, or writes them as CSV.
 * Stands in for a metrics backend; it sees one summary per metric per window.
 */
final class Exporter implements EventHandler<WindowSummary> {
    private final PrintStream out;
    private final boolean csv;
    long summaries;
    long samples;

    Exporter(PrintStream out, boolean csv) {
        this.out = out;
        this.csv = csv;
        if (csv) {
            out.println("window,metric,count,min,mean,max,p50,p99,p999");
        }
    }

    @Override
    public void onEvent(WindowSummary s, long sequence, boolean endOfBatch) {
        summaries++;
        samples += s.count;
        if (csv) {
            out.printf(Locale.ROOT, "%d,metric-%d,%d,%d,%.1f,%d,%d,%d,%d%n",
                    s.window, s.metric, s.count, s.min, s.mean, s.max, s.p50, s.p99, s.p999);
        } else if (s.count > 0) { // printed: a quiet metric's empty window is left out
            out.printf(Locale.ROOT, "window %3d  metric-%d  count %,9d  min %5d  mean %7.1f  max %6d  p50 %5d  p99 %5d  p99.9 %6d%n",
                    s.window, s.metric, s.count, s.min, s.mean, s.max, s.p50, s.p99, s.p999);
        }
        if (endOfBatch) {
            out.flush();
        }
    }
}
