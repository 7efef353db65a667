package io.sluice.examples.trading;

import io.sluice.EventTranslatorTwoArg;
import io.sluice.Producer;
import io.sluice.consumer.EventHandler;

import org.HdrHistogram.Histogram;

/**
 * The matching stage: runs after both the journal and the replication stage (a diamond), so an
 * order is matched only once it is durable and on its way to the replica. It applies each order
 * to the book and sends what happened out through the outbound ring, whose policy it obeys, and
 * every fill onto the trade tape, a record ring that sheds rather than slow matching down.
 */
final class MatchingEngine extends ExecutionDigest implements EventHandler<OrderEvent> {
    private static final EventTranslatorTwoArg<ExecutionReport, ExecutionReport.Type, long[]> REPORT =
            (report, sequence, type, fields) -> {
                report.type = type;
                report.orderId = fields[0];
                report.counterpartyId = fields[1];
                report.price = fields[2];
                report.quantity = fields[3];
                report.orderCreatedNanos = fields[4];
            };

    final OrderBook book = new OrderBook();
    final Histogram latency = new Histogram(60_000_000_000L, 3);
    private final Producer<ExecutionReport> outbound;
    /** Every fill, as market data. */
    final TradeTape.Writer tape;
    /**
     * The report's fields (order, counterparty, price, quantity, order created), reused: this
     * thread writes them, the translator copies them into the slot. No boxing, no allocation.
     */
    private final long[] fields = new long[5];
    long orders;
    long submittedQuantity;
    /** Quotes read from the market-data feed, and the latest mid price they gave. */
    long quotes;
    long lastQuote;

    MatchingEngine(Producer<ExecutionReport> outbound, TradeTape.Writer tape) {
        this.outbound = outbound;
        this.tape = tape;
    }

    @Override
    public void onEvent(OrderEvent order, long sequence, boolean endOfBatch) throws InterruptedException {
        if (order.type == OrderEvent.Type.QUOTE) {
            lastQuote = order.price; // a real engine would reprice, or check orders against it
            quotes++;
            return;
        }
        fields[4] = order.createdNanos;
        submittedQuantity += apply(book, order.type, order.orderId, order.targetId, order.side, order.price, order.quantity);
        orders++;
        latency.recordValue(Math.max(0, System.nanoTime() - order.createdNanos));
    }

    @Override
    public void onFill(long aggressorId, long restingId, long price, long quantity) {
        super.onFill(aggressorId, restingId, price, quantity);
        send(ExecutionReport.Type.FILL, aggressorId, restingId, price, quantity);
        tape.trade(aggressorId, restingId, price, quantity);
    }

    @Override
    public void onCancelled(long orderId, long quantity) {
        super.onCancelled(orderId, quantity);
        send(ExecutionReport.Type.CANCELLED, orderId, 0, 0, quantity);
    }

    @Override
    public void onRejected(long orderId) {
        super.onRejected(orderId);
        send(ExecutionReport.Type.REJECTED, orderId, 0, 0, 0);
    }

    private void send(ExecutionReport.Type type, long orderId, long counterpartyId, long price, long quantity) {
        fields[0] = orderId;
        fields[1] = counterpartyId;
        fields[2] = price;
        fields[3] = quantity;
        try {
            outbound.publishEvent(REPORT, type, fields);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending a report", e);
        }
    }

    @Override
    public void onShutdown() {
        outbound.close();
        tape.close();
    }
}
