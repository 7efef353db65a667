package io.sluice.examples.trading;

import io.sluice.EventTranslatorOneArg;
import io.sluice.Producer;
import io.sluice.RingClosedException;
import io.sluice.examples.Schedule;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client gateway: one thread that turns a client's order flow into inbound orders, through its
 * own {@link Producer} handle and policy. When matching lags and the ring stays full past the
 * policy's deadline, the claim returns {@code TIMED_OUT} with nothing claimed, and the gateway
 * answers the client "busy" instead of queueing without bound.
 *
 * <p>Open loop: orders are due on a fixed schedule, and an order's created time is when it was
 * due, not when the gateway got to it, so latency includes any backlog (no coordinated omission).
 */
final class Gateway implements Runnable {
    private static final EventTranslatorOneArg<OrderEvent, OrderEvent> COPY = (slot, sequence, order) -> slot.copy(order);

    private final int id;
    private final Producer<OrderEvent> producer;
    private final long periodNanos;
    private final AtomicBoolean running;
    private final SplittableRandom random;
    private final OrderEvent order = new OrderEvent();
    /** This client's latest orders, which it sometimes cancels. */
    private final long[] recent = new long[64];
    private int recentCount;
    private long nextOrder;
    long submitted;
    long busy;

    /**
     * @param periodNanos the time between this client's orders; 0 to send as fast as the policy lets it
     */
    Gateway(int id, Producer<OrderEvent> producer, long periodNanos, AtomicBoolean running, long seed) {
        this.id = id;
        this.producer = producer;
        this.periodNanos = periodNanos;
        this.running = running;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        try {
            for (long i = 0; running.get(); i++) {
                long created = periodNanos == 0 ? System.nanoTime() : Schedule.waitUntil(start + i * periodNanos);
                nextOrder(created);
                if (producer.publishEvent(COPY, order)) {
                    submitted++;
                    if (order.type == OrderEvent.Type.LIMIT) {
                        recent[recentCount++ & (recent.length - 1)] = order.orderId;
                    }
                } else {
                    busy++; // TIMED_OUT: tell the client "busy, try later"; nothing was claimed
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

    /** Mostly limit orders around 1000 ticks; some market orders; some cancels of this client's own orders. */
    private void nextOrder(long created) {
        int kind = random.nextInt(100);
        order.orderId = ((long) id << 40) | nextOrder++;
        order.side = random.nextBoolean() ? Side.BUY : Side.SELL;
        order.createdNanos = created;
        order.targetId = 0;
        order.price = 0;
        if (kind < 10 && recentCount > 0) {
            order.type = OrderEvent.Type.CANCEL;
            order.targetId = recent[random.nextInt(Math.min(recentCount, recent.length))];
            order.quantity = 0;
        } else if (kind < 20) {
            order.type = OrderEvent.Type.MARKET;
            order.quantity = 1 + random.nextInt(50);
        } else {
            order.type = OrderEvent.Type.LIMIT;
            order.price = 990 + random.nextInt(21);
            order.quantity = 1 + random.nextInt(100);
        }
    }
}
