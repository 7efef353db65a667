package io.sluice.examples.trading;

/**
 * A slot of the inbound ring: one order from a gateway, or one quote from the market-data feed.
 * Slots are reused, so every field is written on each publish ({@link #copy}).
 */
final class OrderEvent {
    /** What the slot holds: an order ({@code LIMIT}, {@code MARKET}, {@code CANCEL}) or a market-data {@code QUOTE}. */
    enum Type { LIMIT, MARKET, CANCEL, QUOTE }

    Type type;
    Side side;
    /** Unique per order: the gateway in the top bits, its own count below. */
    long orderId;
    /** For a cancel: the order to cancel. */
    long targetId;
    /** In ticks; a market order has none; a quote's mid price. */
    long price;
    long quantity;
    /** When the client meant to send it (open loop: the schedule, not when the gateway got round to it). */
    long createdNanos;

    void copy(OrderEvent from) {
        type = from.type;
        side = from.side;
        orderId = from.orderId;
        targetId = from.targetId;
        price = from.price;
        quantity = from.quantity;
        createdNanos = from.createdNanos;
    }
}
