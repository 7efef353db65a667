package io.sluice.examples.readme;

import io.sluice.Claim;
import io.sluice.EventTranslatorOneArg;
import io.sluice.Producer;
import io.sluice.RingBuffer;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.EventHandler;
import io.sluice.wait.BlockingWaitStrategy;

/** The core API in one place; README.md quotes the part between the markers, and a test keeps them equal. */
public final class QuickStart {
    private QuickStart() {
    }

    // docs:start
    /** The slot type: one instance per slot, allocated once, reused on every lap. */
    static final class Trade {
        long price;
    }

    static final class Summer implements EventHandler<Trade> {
        long total;

        @Override
        public void onEvent(Trade trade, long sequence, boolean endOfBatch) {
            total += trade.price; // runs on the consumer's thread, one event at a time
        }
    }

    static final EventTranslatorOneArg<Trade, Long> SET_PRICE = (trade, sequence, price) -> trade.price = price;

    static long run() throws InterruptedException {
        RingBuffer<Trade> ring = RingBuffer.createMultiProducer(Trade::new, 1024, new BlockingWaitStrategy());
        Summer summer = new Summer();
        BatchEventProcessor<Trade> consumer = new BatchEventProcessor<>(ring, ring.newBarrier(), summer);
        ring.addGatingSequence(consumer.sequence()); // producers never lap this consumer
        Thread thread = new Thread(consumer, "summer");
        thread.start();

        try (Producer<Trade> producer = ring.newProducer("prices")) { // one handle per producing thread
            for (long price = 1; price <= 1_000; price++) {
                Claim<Trade> claim = producer.claim(); // waits while the ring is full
                claim.get().price = price;             // write the pre-allocated slot
                claim.commit();                        // make it visible (or abort(): never delivered)
            }
            producer.publishEvent(SET_PRICE, 1_000_000L); // or claim, write and commit in one call
        }

        while (consumer.sequence().getVolatile() < ring.cursor()) {
            Thread.onSpinWait();                  // wait until the consumer has seen everything
        }
        consumer.halt();
        thread.join();
        return summer.total;                      // 500,500 + 1,000,000
    }
    // docs:end

    public static void main(String[] args) throws InterruptedException {
        System.out.println("total = " + run());
    }
}
