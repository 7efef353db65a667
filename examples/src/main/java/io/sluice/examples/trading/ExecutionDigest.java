package io.sluice.examples.trading;

/**
 * Counts and hashes what matching does, in order, and keeps the quantity accounts: two runs
 * over the same orders give the same digest, so a journal replay can be checked against the
 * live engine. Single-threaded.
 */
class ExecutionDigest implements OrderBook.Listener {
    long fills;
    long cancels;
    long rejects;
    /** Quantity traded, counted on both orders of each fill. */
    long filledQuantity;
    long cancelledQuantity;
    long hash = 1125899906842597L;

    @Override
    public void onFill(long aggressorId, long restingId, long price, long quantity) {
        fills++;
        filledQuantity += 2 * quantity;
        mix(1, aggressorId, restingId, price, quantity);
    }

    @Override
    public void onCancelled(long orderId, long quantity) {
        cancels++;
        cancelledQuantity += quantity;
        mix(2, orderId, 0, 0, quantity);
    }

    @Override
    public void onRejected(long orderId) {
        rejects++;
        mix(3, orderId, 0, 0, 0);
    }

    private void mix(long kind, long a, long b, long c, long d) {
        hash = 31 * (31 * (31 * (31 * (31 * hash + kind) + a) + b) + c) + d;
    }

    boolean sameAs(ExecutionDigest other) {
        return hash == other.hash && fills == other.fills && cancels == other.cancels && rejects == other.rejects;
    }

    /** Applies one order to {@code book}, reporting what happens to this digest; returns the quantity it submits. */
    final long apply(OrderBook book, OrderEvent.Type type, long orderId, long targetId, Side side, long price,
                     long quantity) {
        switch (type) {
            case LIMIT:
                book.limit(orderId, side, price, quantity, this);
                return quantity;
            case MARKET:
                book.market(orderId, side, quantity, this);
                return quantity;
            case QUOTE:
                return 0; // market data: read by matching, never an order on the book
            default:
                book.cancel(orderId, targetId, this);
                return 0;
        }
    }
}
