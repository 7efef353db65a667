package io.sluice.flow;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.RingBuffer;
import io.sluice.RingClosedException;
import io.sluice.testkit.LongEvent;

import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Reactive Streams TCK's publisher rules, on {@link RingPublisher}. Each test's publisher is a
 * ring with a producer thread that starts at the first request (so subscribers the TCK attaches
 * before requesting see the same elements), publishes the elements asked for, and closes the
 * publisher, which completes the subscribers.
 */
public class RingPublisherTckTest extends FlowPublisherVerification<Long> {
    public RingPublisherTckTest() {
        super(new TestEnvironment(500));
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(64)
                .backpressure(BackpressurePolicy.park()).build();
        RingPublisher<LongEvent, Long> publisher = new RingPublisher<>(ring, event -> event.value);
        AtomicBoolean producing = new AtomicBoolean();
        Runnable produce = () -> {
            Thread producer = new Thread(() -> {
                try {
                    for (long i = 0; i < elements && publisher.subscriberCount() > 0; i++) {
                        long value = i;
                        ring.publishEvent((event, sequence) -> event.value = value);
                    }
                    publisher.close();
                } catch (RingClosedException | InterruptedException ended) {
                    // closed
                }
            }, "tck-producer");
            producer.setDaemon(true);
            producer.start();
        };
        return subscriber -> publisher.subscribe(new StartOnFirstRequest<>(Objects.requireNonNull(subscriber), () -> {
            if (producing.compareAndSet(false, true)) {
                produce.run();
            }
        }));
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).build();
        ring.close("stage 'source' failed", new IllegalStateException("the source failed"));
        return new RingPublisher<>(ring, event -> event.value);
    }

    /** Passes signals through, and runs {@code onFirstRequest} before the first request reaches the publisher. */
    private static final class StartOnFirstRequest<T> implements Flow.Subscriber<T> {
        private final Flow.Subscriber<? super T> downstream;
        private final Runnable onFirstRequest;

        StartOnFirstRequest(Flow.Subscriber<? super T> downstream, Runnable onFirstRequest) {
            this.downstream = downstream;
            this.onFirstRequest = onFirstRequest;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            downstream.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    subscription.request(n);
                    onFirstRequest.run();
                }

                @Override
                public void cancel() {
                    subscription.cancel();
                }
            });
        }

        @Override
        public void onNext(T item) {
            downstream.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            downstream.onError(throwable);
        }

        @Override
        public void onComplete() {
            downstream.onComplete();
        }
    }
}
