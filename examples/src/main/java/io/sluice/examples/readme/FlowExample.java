package io.sluice.examples.readme;

import io.sluice.RingBuffer;
import io.sluice.flow.RingPublisher;
import io.sluice.flow.RingSubscriber;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A JDK Flow publisher into a ring, and the ring out to a Flow subscriber; docs/GUIDE.md quotes the marked part. */
public final class FlowExample {
    private FlowExample() {
    }

    static final class Reading {
        double value;
    }

    /** Sums what it receives; requests everything (a real subscriber would request in batches). */
    static final class Sum implements Flow.Subscriber<Double> {
        final CompletableFuture<Double> total = new CompletableFuture<>();
        private double sum;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Double value) {
            sum += value;
        }

        @Override
        public void onError(Throwable failure) {
            total.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            total.complete(sum);
        }
    }

    static double run(int readings) throws InterruptedException, ExecutionException, TimeoutException {
        // docs:start
        RingBuffer<Reading> ring = RingBuffer.builder(Reading::new).name("readings").capacity(256).build();

        // Out of the ring: any Flow.Subscriber; its demand gates the ring like a consumer's sequence.
        RingPublisher<Reading, Double> out = new RingPublisher<>(ring, reading -> reading.value);
        Sum sum = new Sum();
        out.subscribe(sum);

        // Into the ring: any Flow.Publisher; the subscriber requests only what the ring has room for.
        RingSubscriber<Double, Reading> in = new RingSubscriber<>(ring, (slot, sequence, value) -> slot.value = value);
        try (SubmissionPublisher<Double> source = new SubmissionPublisher<>()) {
            source.subscribe(in);
            for (int i = 1; i <= readings; i++) {
                source.submit((double) i);   // blocks while the ring (through `in`) asks for no more
            }
        }                                    // close(): the source completes...
        in.completion().get(10, TimeUnit.SECONDS);
        out.close();                         // ...then the ring: `sum` gets what was published, then onComplete
        return sum.total.get(10, TimeUnit.SECONDS);
        // docs:end
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(1_000));
    }
}
