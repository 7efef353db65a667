package io.sluice.examples.trading;

/** Which side of the book an order is on. */
enum Side {
    BUY,
    SELL
}
