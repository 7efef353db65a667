package io.sluice.examples.trading;

import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.EventHandler;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.record.Records;
import io.sluice.wait.SleepingWaitStrategy;

/**
 * The public trade tape: every fill the matching engine makes, as a 32-byte record on a record
 * ring of its own (price at 0, quantity at 8, the aggressor's order id at 16, the resting order's
 * at 24), read by the market-data publisher ({@link Ticker}). Market data must never slow
 * matching, so the engine's handle sheds: a trade that finds the tape full is dropped and counted,
 * and the engine carries on. The ticker sleeps when the tape is empty, leaving the cores to the
 * exchange, and the engine pays nothing to wake it.
 */
final class TradeTape {
    static final int PRICE = 0;
    static final int QUANTITY = 8;
    static final int AGGRESSOR = 16;
    static final int RESTING = 24;
    static final int RECORD_LENGTH = 32;

    final RingBuffer<Records> ring;

    TradeTape(int capacity) {
        ring = Records.offHeap(RECORD_LENGTH).name("trade-tape").capacity(capacity).producerType(ProducerType.SINGLE)
                .waitStrategy(new SleepingWaitStrategy()).backpressure(BackpressurePolicy.shed()).build();
    }

    /** The matching engine's handle: one thread, shedding. */
    Writer writer() {
        return new Writer(ring.newProducer("matching"));
    }

    /** Writes trades from the matching thread; counts what it published and what the tape shed. */
    static final class Writer {
        private final Producer<Records> handle;
        long published;
        long shed;

        Writer(Producer<Records> handle) {
            this.handle = handle;
        }

        void trade(long aggressorId, long restingId, long price, long quantity) {
            Claim<Records> claim;
            try {
                claim = handle.claim(); // shed: never waits; a full tape gives DROPPED, counted as a drop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted writing the trade tape", e);
            }
            if (!claim.isClaimed()) {
                shed++;
                return;
            }
            long s = claim.firstSequence();
            claim.get().putLong(s, PRICE, price).putLong(s, QUANTITY, quantity).putLong(s, AGGRESSOR, aggressorId)
                    .putLong(s, RESTING, restingId);
            claim.commit();
            published++;
        }

        /** {@return the drops the handle counted} */
        long drops() {
            return handle.snapshot(new ProducerSnapshot()).drops();
        }

        void close() {
            handle.close();
        }
    }

    /** The market-data publisher: last price, volume and volume-weighted average price of the trades it read. */
    static final class Ticker implements EventHandler<Records> {
        long trades;
        long volume;
        long lastPrice;
        /** Sum of price × quantity, for the average. */
        double notional;

        @Override
        public void onEvent(Records tape, long sequence, boolean endOfBatch) {
            long quantity = tape.getLong(sequence, QUANTITY);
            lastPrice = tape.getLong(sequence, PRICE);
            volume += quantity;
            notional += (double) lastPrice * quantity;
            trades++;
        }

        double vwap() {
            return volume == 0 ? 0 : notional / volume;
        }
    }
}
