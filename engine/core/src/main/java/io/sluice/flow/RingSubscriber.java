package io.sluice.flow;

import io.sluice.EventTranslatorOneArg;
import io.sluice.Producer;
import io.sluice.RingBuffer;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A {@link Flow.Subscriber} that publishes every item into a ring, through its own
 * {@link Producer} handle, and requests more only as the ring has room: it asks for at most
 * {@code window} items, and tops the request up, after each publish, to what the ring's free
 * capacity allows. So a slow ring consumer slows the reactive publisher instead of anything
 * buffering without bound. If the ring is full with nothing requested (other producers took the
 * room), it requests one item, whose publish then waits (or drops) under the handle's policy.
 *
 * <p>{@link #completion()} completes when the upstream completes, and completes exceptionally
 * when it fails, when a publish fails (the ring closed, an interrupt), or when an item is null;
 * in the last two cases the subscription is cancelled. The ring itself is left open: close it,
 * or stop its pipeline, when the stream is done.
 *
 * <p>Signals arrive serially from the publisher (Reactive Streams rule 1.3); the subscriber
 * publishes on the thread that calls {@code onNext}.
 *
 * @param <T> the type of the items received
 * @param <E> the ring's event type
 */
public final class RingSubscriber<T, E> implements Flow.Subscriber<T> {
    private final RingBuffer<E> ring;
    private final Producer<E> producer;
    private final EventTranslatorOneArg<E, ? super T> translator;
    private final long window;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private Flow.Subscription subscription;
    /** Requested and not yet received. */
    private long outstanding;

    /**
     * A subscriber that publishes under the ring's own policy, with a window of half the ring.
     *
     * @param ring the ring to publish into
     * @param translator writes an item into a slot
     */
    public RingSubscriber(RingBuffer<E> ring, EventTranslatorOneArg<E, ? super T> translator) {
        this(ring, translator, ring.newProducer("flow-subscriber"), Math.max(1, ring.capacity() / 2));
    }

    /**
     * Creates a subscriber that publishes into a ring.
     *
     * @param ring the ring to publish into
     * @param translator writes an item into a slot
     * @param producer the handle to publish through, from {@code ring.newProducer(...)}: its policy
     *     decides what a publish does if the ring is full
     * @param window the most items requested ahead; from 1 to the ring's capacity
     * @throws IllegalArgumentException if {@code window} is out of range
     */
    public RingSubscriber(RingBuffer<E> ring, EventTranslatorOneArg<E, ? super T> translator, Producer<E> producer,
                          long window) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.producer = Objects.requireNonNull(producer, "producer");
        if (window < 1 || window > ring.capacity()) {
            throw new IllegalArgumentException("window must be from 1 to the ring's capacity " + ring.capacity() + ": " + window);
        }
        this.window = window;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        if (this.subscription != null) {
            subscription.cancel(); // rule 2.5: one subscription at a time
            return;
        }
        this.subscription = subscription;
        topUp();
    }

    @Override
    public void onNext(T item) {
        Objects.requireNonNull(item, "item"); // rule 2.13
        outstanding--;
        try {
            // False if timed out or shed under the handle's policy: counted in its figures; go on.
            producer.publishEvent(translator, item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
            return;
        } catch (RuntimeException e) {
            fail(e); // the ring closed, or the translator failed
            return;
        }
        topUp();
    }

    @Override
    public void onError(Throwable throwable) {
        Objects.requireNonNull(throwable, "throwable");
        producer.close();
        completion.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        producer.close();
        completion.complete(null);
    }

    /** {@return completes when the stream ends: normally on {@code onComplete}, exceptionally otherwise} */
    public CompletableFuture<Void> completion() {
        return completion;
    }

    /** Requests what the ring has room for, up to the window; one item if it has none and none is requested. */
    private void topUp() {
        if (completion.isDone()) {
            return;
        }
        long room = Math.min(window, ring.remainingCapacity()) - outstanding;
        if (room <= 0 && outstanding == 0) {
            room = 1; // nothing in flight: keep the stream alive; that publish waits under the policy
        }
        if (room > 0 && outstanding <= window / 2) {
            outstanding += room;
            subscription.request(room);
        }
    }

    private void fail(Throwable cause) {
        subscription.cancel();
        producer.close();
        completion.completeExceptionally(cause);
    }
}
