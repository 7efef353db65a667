package io.sluice.flow;

import io.sluice.metrics.RingSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.RingBuffer;
import io.sluice.RingClosedException;
import io.sluice.testkit.Await;
import io.sluice.testkit.ConsumerThread;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backpressure across the Flow boundary, both ways, and how the adapters end. */
class FlowAdaptersTest {
    /** Records what a subscriber receives; requests only when told. */
    static final class Recorder implements Flow.Subscriber<Long> {
        final List<Long> items = new CopyOnWriteArrayList<>();
        final AtomicReference<Object> end = new AtomicReference<>();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(Long item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable t) {
            end.set(t);
        }

        @Override
        public void onComplete() {
            end.set("complete");
        }
    }

    @Test
    void aSubmissionPublisherFeedsARingNoFasterThanItsConsumerAndEverythingArrivesInOrder() throws Exception {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(16)
                .backpressure(BackpressurePolicy.park()).build();
        List<Long> consumed = new ArrayList<>();
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, (event, sequence, end) -> {
            consumed.add(event.value);
            if (sequence % 64 == 0) {
                LockSupport.parkNanos(200_000); // slower than the publisher
            }
        });
        ExecutorService executor = Executors.newSingleThreadExecutor();
        RingSubscriber<Long, LongEvent> subscriber = new RingSubscriber<>(ring, (event, sequence, value) -> event.value = value);
        try (SubmissionPublisher<Long> publisher = new SubmissionPublisher<>(executor, 16)) {
            publisher.subscribe(subscriber);
            for (long i = 0; i < 5_000; i++) {
                publisher.submit(i); // blocks while the subscriber has not requested more
            }
        }
        subscriber.completion().get(60, TimeUnit.SECONDS);
        consumer.awaitSequence(4_999);
        consumer.stop();
        executor.shutdown();
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 5_000; i++) {
            expected.add(i);
        }
        assertEquals(expected, consumed);
        RingSnapshot figures = ring.snapshot(new RingSnapshot());
        assertEquals(0, figures.drops() + figures.timeouts(), "backpressure held the publisher back; nothing was lost");
    }

    @Test
    void aSubscriberThatRequestsNothingHoldsTheRingsProducersBack() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).build();
        RingPublisher<LongEvent, Long> publisher = new RingPublisher<>(ring, event -> event.value);
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        int published = 0;
        for (long i = 0; i < 20; i++) {
            long value = i;
            if (ring.tryPublishEvent((event, sequence) -> event.value = value)) {
                published++;
            }
        }
        assertEquals(8, published, "the subscriber's sequence gates the ring like any consumer's");
        recorder.subscription.request(Long.MAX_VALUE);
        Await.until(() -> recorder.items.size() == 8, "the held events to arrive");
        Await.until(() -> ring.remainingCapacity() == 8, "the ring to be free again");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), recorder.items);
        publisher.close();
    }

    @Test
    void closingThePublisherCompletesEachSubscriberAfterWhatWasClaimedBeforeTheClose() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).build();
        RingPublisher<LongEvent, Long> publisher = new RingPublisher<>(ring, event -> event.value);
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        for (long i = 0; i < 5; i++) {
            long value = i;
            ring.publishEvent((event, sequence) -> event.value = value);
        }
        recorder.subscription.request(2);
        Await.until(() -> recorder.items.size() == 2, "two items");
        publisher.close();
        Thread.sleep(20);
        assertEquals(null, recorder.end.get(), "no completion while three claimed items wait for demand");
        recorder.subscription.request(10);
        Await.until(() -> "complete".equals(recorder.end.get()), "completion after the rest");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), recorder.items);
        assertThrows(RingClosedException.class, () -> ring.publishEvent((event, sequence) -> { }));
    }

    @Test
    void aRingClosedByAFailureEndsItsSubscribersWithThatFailure() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).build();
        IllegalStateException cause = new IllegalStateException("matching died");
        ring.close("stage 'match' failed at sequence 3", cause);
        Recorder recorder = new Recorder();
        new RingPublisher<LongEvent, Long>(ring, event -> event.value).subscribe(recorder);
        recorder.subscription.request(1);
        Await.until(() -> recorder.end.get() != null, "the subscriber to end");
        RingClosedException error = assertInstanceOf(RingClosedException.class, recorder.end.get());
        assertEquals(cause, error.getCause());
    }

    @Test
    void aCancelledSubscriptionStopsGatingTheRing() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).build();
        RingPublisher<LongEvent, Long> publisher = new RingPublisher<>(ring, event -> event.value);
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        assertEquals(1, ring.gatingSequenceCount());
        recorder.subscription.cancel();
        Await.until(() -> ring.gatingSequenceCount() == 0 && publisher.subscriberCount() == 0, "the subscription to end");
    }

    @Test
    void aWindowOutsideTheRingIsRejectedNamingIt() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RingSubscriber<Long, LongEvent>(ring, (event, sequence, value) -> { }, ring.newProducer("p"), 9));
        assertTrue(e.getMessage().contains("capacity 8: 9"), e.getMessage());
    }

    private static Stream<Named<ThreadFactory>> failingThreadFactories() {
        return Stream.of(
                Named.of("factory returns null", task -> null),
                Named.of("factory throws", task -> {
                    throw new IllegalStateException("no threads today");
                }),
                Named.of("start() throws", task -> new Thread(task) {
                    @Override
                    public synchronized void start() {
                        throw new OutOfMemoryError("unable to create native thread (simulated)");
                    }
                }));
    }

    @ParameterizedTest
    @MethodSource("failingThreadFactories")
    void aSubscriberWhoseThreadCannotStartGetsOnErrorAndStopsGatingTheRing(ThreadFactory threads) throws Exception {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(4)
                .backpressure(BackpressurePolicy.park()).build();
        RingPublisher<LongEvent, Long> publisher = new RingPublisher<>(ring, event -> event.value, threads);
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder); // returns normally (rule 1.9)
        assertTrue(recorder.subscription != null, "onSubscribe came first");
        assertInstanceOf(IllegalStateException.class, recorder.end.get(), "then onError: " + recorder.end.get());
        assertEquals(0, publisher.subscriberCount());
        assertEquals(0, ring.gatingSequenceCount());
        for (long i = 0; i < 16; i++) { // four laps: no producer waits on the subscriber that never ran
            ring.publish(ring.next());
        }
        assertEquals(15, ring.cursor());
    }
}
