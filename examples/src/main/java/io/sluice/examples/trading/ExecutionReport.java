package io.sluice.examples.trading;

/** A slot of the outbound ring: what the matching engine tells a client. */
final class ExecutionReport {
    enum Type { FILL, CANCELLED, REJECTED }

    Type type;
    long orderId;
    /** For a fill: the resting order it traded with. */
    long counterpartyId;
    long price;
    long quantity;
    /** The order's {@link OrderEvent#createdNanos}, for end-to-end latency. */
    long orderCreatedNanos;
}
