package io.sluice.examples.trading;

import io.sluice.consumer.EventHandler;

import org.HdrHistogram.Histogram;

/** The clients' side of the outbound ring: counts reports and records order-to-report latency. */
final class ReportSink implements EventHandler<ExecutionReport> {
    final Histogram latency = new Histogram(60_000_000_000L, 3);
    long fills;
    long cancels;
    long rejects;

    @Override
    public void onEvent(ExecutionReport report, long sequence, boolean endOfBatch) {
        switch (report.type) {
            case FILL -> fills++;
            case CANCELLED -> cancels++;
            default -> rejects++;
        }
        latency.recordValue(Math.max(0, System.nanoTime() - report.orderCreatedNanos));
    }
}
