package io.sluice.examples.trading;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The book's rules: best price first, then time; market orders do not rest; cancels remove what is left. */
class OrderBookTest {
    private final OrderBook book = new OrderBook();
    private final List<String> events = new ArrayList<>();
    private final OrderBook.Listener record = new OrderBook.Listener() {
        @Override
        public void onFill(long aggressorId, long restingId, long price, long quantity) {
            events.add("fill " + aggressorId + "x" + restingId + " " + quantity + "@" + price);
        }

        @Override
        public void onCancelled(long orderId, long quantity) {
            events.add("cancelled " + orderId + " " + quantity);
        }

        @Override
        public void onRejected(long orderId) {
            events.add("rejected " + orderId);
        }
    };

    @Test
    void aBuyTradesWithTheLowestAskFirstAndAtOnePriceWithTheOldestOrder() {
        book.limit(1, Side.SELL, 101, 10, record);
        book.limit(2, Side.SELL, 100, 10, record);
        book.limit(3, Side.SELL, 100, 10, record);
        book.limit(4, Side.BUY, 101, 25, record);
        assertEquals(List.of("fill 4x2 10@100", "fill 4x3 10@100", "fill 4x1 5@101"), events);
        assertEquals(5, book.restingQuantity(), "order 1 has 5 left");
    }

    @Test
    void aLimitOrderRestsWhatDoesNotCross() {
        book.limit(1, Side.SELL, 100, 10, record);
        book.limit(2, Side.BUY, 99, 10, record);
        assertEquals(List.of(), events);
        assertEquals(2, book.restingOrders());
    }

    @Test
    void aMarketOrderTradesWhatItCanAndTheRestIsCancelled() {
        book.limit(1, Side.BUY, 100, 10, record);
        book.market(2, Side.SELL, 15, record);
        assertEquals(List.of("fill 2x1 10@100", "cancelled 2 5"), events);
        assertEquals(0, book.restingOrders());
    }

    @Test
    void aCancelRemovesWhatIsLeftAndAnUnknownOrderIsRejected() {
        book.limit(1, Side.BUY, 100, 10, record);
        book.market(2, Side.SELL, 4, record);
        book.cancel(3, 1, record);
        book.cancel(4, 1, record);
        assertEquals(List.of("fill 2x1 4@100", "cancelled 1 6", "rejected 4"), events);
        assertEquals(0, book.restingQuantity());
    }

    @Test
    void equalBooksHaveEqualFingerprintsAndQueueOrderCounts() {
        OrderBook other = new OrderBook();
        book.limit(1, Side.BUY, 100, 10, record);
        book.limit(2, Side.BUY, 100, 10, record);
        other.limit(2, Side.BUY, 100, 10, record);
        other.limit(1, Side.BUY, 100, 10, record);
        assertEquals(false, book.fingerprint() == other.fingerprint(), "same orders, other queue order: other book");
        OrderBook same = new OrderBook();
        same.limit(1, Side.BUY, 100, 10, record);
        same.limit(2, Side.BUY, 100, 10, record);
        assertEquals(book.fingerprint(), same.fingerprint());
    }
}
