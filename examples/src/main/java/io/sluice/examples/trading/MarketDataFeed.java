package io.sluice.examples.trading;

import io.sluice.EventTranslatorOneArg;
import io.sluice.Producer;
import io.sluice.RingClosedException;
import io.sluice.examples.Schedule;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The market-data feed: one thread that publishes quotes onto the inbound ring beside the
 * gateways' orders, in bursts, one every millisecond, as a feed handler receives them. Its handle
 * belongs to the "market data" producer class, which keeps no share of the ring, under the shed
 * policy: when the room outside the orders' reserve is used up, a quote is dropped (a newer one
 * is coming) and counted, and the orders' reserve stays free for the gateways.
 */
final class MarketDataFeed implements Runnable {
    private static final EventTranslatorOneArg<OrderEvent, OrderEvent> COPY = (slot, sequence, quote) -> slot.copy(quote);
    private static final long BURST_NANOS = 1_000_000;

    private final Producer<OrderEvent> producer;
    private final long quotesPerBurst;
    private final AtomicBoolean running;
    private final SplittableRandom random = new SplittableRandom(7);
    /** The quote being sent, reused: the translator copies it into the slot. */
    private final OrderEvent quote = new OrderEvent();
    long offered;
    long published;

    /** @param quotesPerSecond the feed's rate, sent as a burst every millisecond */
    MarketDataFeed(Producer<OrderEvent> producer, long quotesPerSecond, AtomicBoolean running) {
        this.producer = producer;
        this.quotesPerBurst = Math.max(1, quotesPerSecond / 1_000);
        this.running = running;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        quote.type = OrderEvent.Type.QUOTE;
        quote.side = Side.BUY;
        quote.price = 1_000;
        try {
            for (long burst = 0; running.get(); burst++) {
                quote.createdNanos = Schedule.waitUntil(start + burst * BURST_NANOS);
                for (long q = 0; q < quotesPerBurst; q++) {
                    quote.orderId = offered++;
                    quote.price = Math.max(1, quote.price + random.nextInt(3) - 1);
                    if (producer.publishEvent(COPY, quote)) {
                        published++;
                    }
                }
            }
        } catch (RingClosedException stopped) {
            // the exchange is shutting down
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close();
        }
    }
}
