package io.sluice.examples.readme;

import io.sluice.Producer;
import io.sluice.ProducerClass;
import io.sluice.RingBuffer;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.examples.readme.QuickStart.Trade;

/** Producer classes on one ring: orders keep a quarter of it; docs/GUIDE.md quotes the part between the markers. */
public final class ProducerClassExample {
    private ProducerClassExample() {
    }

    /** The two handles of {@link #ring}: orders, and market data. */
    record Handles(RingBuffer<Trade> ring, Producer<Trade> gateway, Producer<Trade> feed) {
    }

    static Handles ring() {
        // docs:start
        ProducerClass orders = ProducerClass.of("orders", 0.25);       // 256 of the 1,024 slots kept for orders
        ProducerClass marketData = ProducerClass.of("market data", 0); // keeps none: only uses what is free
        RingBuffer<Trade> ring = RingBuffer.builder(Trade::new).capacity(1024)
                .producerClasses(orders, marketData).build();
        Producer<Trade> gateway = ring.newProducer("gateway", BackpressurePolicy.park(), orders);
        Producer<Trade> feed = ring.newProducer("feed", BackpressurePolicy.shed(), marketData); // sheds when held back
        // docs:end
        return new Handles(ring, gateway, feed);
    }
}
