package io.sluice.examples.trading;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A price-time priority limit order book: the best price trades first, and at one price the
 * order that rested first. Limit orders trade what crosses and rest the remainder; market orders
 * trade what they can and the rest is cancelled (immediate or cancel); cancels remove what is
 * left of a resting order. Single-threaded: only the matching stage touches it.
 *
 * <p>Written for reading, with JDK collections: a production book would use pre-allocated
 * price levels to keep the matching thread allocation-free as well.
 */
final class OrderBook {
    /** What matching does, in order. */
    interface Listener {
        void onFill(long aggressorId, long restingId, long price, long quantity);

        void onCancelled(long orderId, long quantity);

        void onRejected(long orderId);
    }

    private static final class Resting {
        final long id;
        final Side side;
        final long price;
        long remaining;

        Resting(long id, Side side, long price, long remaining) {
            this.id = id;
            this.side = side;
            this.price = price;
            this.remaining = remaining;
        }
    }

    private final TreeMap<Long, ArrayDeque<Resting>> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, ArrayDeque<Resting>> asks = new TreeMap<>();
    private final Map<Long, Resting> byId = new HashMap<>();
    private long restingQuantity;

    void limit(long id, Side side, long price, long quantity, Listener listener) {
        long left = cross(id, side, price, quantity, listener);
        if (left > 0) {
            Resting order = new Resting(id, side, price, left);
            (side == Side.BUY ? bids : asks).computeIfAbsent(price, p -> new ArrayDeque<>()).addLast(order);
            byId.put(id, order);
            restingQuantity += left;
        }
    }

    void market(long id, Side side, long quantity, Listener listener) {
        long left = cross(id, side, side == Side.BUY ? Long.MAX_VALUE : Long.MIN_VALUE, quantity, listener);
        if (left > 0) {
            listener.onCancelled(id, left); // nothing more to trade with: the rest is cancelled
        }
    }

    void cancel(long id, long targetId, Listener listener) {
        Resting order = byId.remove(targetId);
        if (order == null) {
            listener.onRejected(id); // already filled or cancelled, or never rested
            return;
        }
        TreeMap<Long, ArrayDeque<Resting>> side = order.side == Side.BUY ? bids : asks;
        ArrayDeque<Resting> level = side.get(order.price);
        level.remove(order);
        if (level.isEmpty()) {
            side.remove(order.price);
        }
        restingQuantity -= order.remaining;
        listener.onCancelled(targetId, order.remaining);
    }

    /** Trades {@code quantity} against the other side while prices cross; returns what is left. */
    private long cross(long id, Side side, long limitPrice, long quantity, Listener listener) {
        TreeMap<Long, ArrayDeque<Resting>> opposite = side == Side.BUY ? asks : bids;
        long left = quantity;
        while (left > 0 && !opposite.isEmpty()) {
            Map.Entry<Long, ArrayDeque<Resting>> best = opposite.firstEntry();
            long price = best.getKey();
            if (side == Side.BUY ? price > limitPrice : price < limitPrice) {
                break;
            }
            ArrayDeque<Resting> level = best.getValue();
            while (left > 0 && !level.isEmpty()) {
                Resting resting = level.peekFirst();
                long traded = Math.min(left, resting.remaining);
                left -= traded;
                resting.remaining -= traded;
                restingQuantity -= traded;
                listener.onFill(id, resting.id, price, traded);
                if (resting.remaining == 0) {
                    level.pollFirst();
                    byId.remove(resting.id);
                }
            }
            if (level.isEmpty()) {
                opposite.pollFirstEntry();
            }
        }
        return left;
    }

    long restingQuantity() {
        return restingQuantity;
    }

    int restingOrders() {
        return byId.size();
    }

    /** A hash of every resting order, side, price level and queue position included: equal books, equal prints. */
    long fingerprint() {
        long hash = 1125899906842597L;
        for (TreeMap<Long, ArrayDeque<Resting>> side : java.util.List.of(bids, asks)) {
            for (ArrayDeque<Resting> level : side.values()) {
                for (Resting order : level) {
                    hash = 31 * hash + order.side.ordinal();
                    hash = 31 * hash + order.price;
                    hash = 31 * hash + order.id;
                    hash = 31 * hash + order.remaining;
                }
            }
        }
        return hash;
    }
}
