package io.sluice.examples.readme;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.RingBuffer;
import io.sluice.consumer.Containment;
import io.sluice.consumer.ExceptionPolicy;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.Stage;
import io.sluice.pipeline.StopResult;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A diamond with a worker pool, per-stage failure handling and drain-and-stop; docs/GUIDE.md quotes the marked part. */
public final class PipelineExample {
    private PipelineExample() {
    }

    static final class Order {
        long id;
        long quantity;
        boolean risky;
    }

    /** What the example's stages saw, for the test. */
    static final class Tally {
        final AtomicLong journaled = new AtomicLong();
        final AtomicLong checked = new AtomicLong();
        final AtomicLong matched = new AtomicLong();
    }

    static StopResult run(Tally tally, int orders) throws InterruptedException {
        // docs:start
        RingBuffer<Order> ring = RingBuffer.builder(Order::new).name("orders").capacity(1024)
                .backpressure(BackpressurePolicy.block()).build();

        Pipeline.Builder<Order> b = Pipeline.builder(ring)
                .threadFactory(new CorePinningThreadFactory(0, 1))  // optional: pin stage threads
                .stopTimeout(Duration.ofSeconds(5));
        Stage<Order> journal = b.handler("journal", (order, seq, endOfBatch) -> tally.journaled.incrementAndGet());
        Stage<Order> risk = b.workerPool("risk", List.of(                // each order to one of two workers
                (order, seq, end) -> order.risky = order.quantity > 900,
                (order, seq, end) -> order.risky = order.quantity > 900))
                .exceptionPolicy(ExceptionPolicy.retry(3, 1, TimeUnit.MILLISECONDS, ExceptionPolicy.skip()));
        b.handler("match", (order, seq, endOfBatch) -> tally.matched.incrementAndGet(), journal, risk) // diamond
                .containment(Containment.FAIL_CLAIMS);  // the default: if matching dies, claims fail loudly
        Pipeline<Order> pipeline = b.build();          // stages gate the ring from here on

        pipeline.start();
        for (long i = 0; i < orders; i++) {
            ring.publishEvent((order, seq, id) -> { order.id = id; order.quantity = id % 1000; }, i);
        }
        StopResult result = pipeline.drainAndStop(Duration.ofSeconds(5)); // later claims: RingClosedException
        System.out.println(result);   // drained to sequence 9999, left per stage {journal=0, risk=0, match=0}
        // docs:end
        tally.checked.set(pipeline.stage("risk").processedCount());
        return result;
    }

    public static void main(String[] args) throws InterruptedException {
        run(new Tally(), 10_000);
    }
}
