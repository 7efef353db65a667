package io.sluice.examples.readme;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.backpressure.WatermarkListener;

import java.util.concurrent.TimeUnit;

/** Backpressure policies, producer handles, watermarks and snapshots; docs/GUIDE.md quotes the marked part. */
public final class BackpressureExample {
    private BackpressureExample() {
    }

    static final class Trade {
        long price;
    }

    /** Pauses and resumes an upstream reader (here: just a flag it would check). */
    static final class PauseUpstream implements WatermarkListener {
        volatile boolean paused;

        @Override
        public void onHighWatermark(String ring, long occupancy) {
            paused = true; // keep it short: this runs on the producer thread that crossed the mark
        }

        @Override
        public void onLowWatermark(String ring, long occupancy) {
            paused = false;
        }
    }

    static RingSnapshot run(Sequence slowConsumer, PauseUpstream upstream) throws InterruptedException {
        // docs:start
        RingBuffer<Trade> ring = RingBuffer.builder(Trade::new)
                .name("orders").capacity(4)
                .backpressure(BackpressurePolicy.park().withTimeout(5, TimeUnit.MILLISECONDS)) // ring default
                .watermarks(3, 1, upstream)   // pause the source at 3 in flight, resume at 1
                .build();
        ring.addGatingSequence(slowConsumer); // a consumer that is not keeping up

        Producer<Trade> gateway = ring.newProducer("gateway");                               // ring's policy
        Producer<Trade> telemetry = ring.newProducer("telemetry", BackpressurePolicy.shed()); // never waits

        for (int i = 0; i < 5; i++) {
            Claim<Trade> claim = gateway.claim();
            if (!claim.isClaimed()) {             // TIMED_OUT after 5 ms: nothing claimed, no gap left
                break;                            // e.g. answer "busy" to the client
            }
            claim.get().price = 100 + i;
            claim.commit();
        }
        telemetry.publishEvent((trade, sequence) -> trade.price = 0); // false here: dropped and counted

        RingSnapshot snapshot = ring.snapshot(new RingSnapshot()); // allocation-free into a reusable object
        System.out.println(snapshot);   // ring orders: capacity=4 remaining=0 ... timeouts=1 drops=1 ...
        System.out.println(gateway.snapshot(new ProducerSnapshot()));
        // docs:end
        return snapshot;
    }

    public static void main(String[] args) throws InterruptedException {
        run(new Sequence(), new PauseUpstream());
    }
}
