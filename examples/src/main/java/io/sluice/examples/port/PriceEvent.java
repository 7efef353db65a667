package io.sluice.examples.port;

/** The event of the worked port, the same class on both sides: a price tick, pre-allocated in each slot. */
public final class PriceEvent {
    long id;
    long price;
}
