package io.sluice.examples.trading;

import io.sluice.consumer.EventHandler;

/**
 * Stands in for a replica on another machine: its own ring, fed by the replication stage, and
 * its own book built from the same orders in the same order. At the end it must equal the primary.
 */
final class ReplicaBook extends ExecutionDigest implements EventHandler<OrderEvent> {
    final OrderBook book = new OrderBook();
    long orders;

    @Override
    public void onEvent(OrderEvent order, long sequence, boolean endOfBatch) {
        if (order.type == OrderEvent.Type.QUOTE) {
            return; // market data is not replicated state
        }
        apply(book, order.type, order.orderId, order.targetId, order.side, order.price, order.quantity);
        orders++;
    }
}
