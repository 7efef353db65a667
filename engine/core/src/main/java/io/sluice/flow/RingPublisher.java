package io.sluice.flow;

import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;
import io.sluice.wait.AlertException;
import io.sluice.wait.WaitTimeoutException;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A ring as a {@link Flow.Publisher}: each subscriber is a consumer of the ring, on its own
 * thread, that reads only as far as its demand ({@code request(n)}) allows. Its sequence gates the
 * ring like any consumer's, so a subscriber that requests nothing holds producers back under
 * their {@link io.sluice.backpressure.BackpressurePolicy}: backpressure runs end to end, from the reactive
 * subscriber to the ring's producers.
 *
 * <p>A subscriber receives every event claimed after it subscribed, converted by the publisher's
 * {@code copy} function (slots are reused, so the function must copy what it keeps; it must not
 * return null). {@link #close()} closes the ring to producers; each subscriber then receives what
 * was claimed before the close, as its demand allows, and {@code onComplete}. A subscription
 * cancelled, or ended by a failing subscriber, stops gating the ring at once.
 *
 * <p>Signals to one subscriber are serial, from its thread (after {@code onSubscribe}, which runs
 * on the subscribing thread). {@code request} and {@code cancel} are thread-safe and never block.
 * Thread-safety: {@link #subscribe} and {@link #close()} may be called from any thread.
 *
 * @param <E> the ring's event type
 * @param <T> the type subscribers receive
 */
public final class RingPublisher<E, T> implements Flow.Publisher<T>, AutoCloseable {
    private static final AtomicInteger PUBLISHERS = new AtomicInteger();

    private final RingBuffer<E> ring;
    private final Function<? super E, ? extends T> copy;
    private final ThreadFactory threads;
    private final Set<RingSubscription> subscriptions = ConcurrentHashMap.newKeySet();

    /**
     * A publisher whose subscriber threads are named {@code <ring>-flow-<n>}.
     *
     * @param ring the ring to read
     * @param copy turns a slot into the item a subscriber keeps; must not return null
     */
    public RingPublisher(RingBuffer<E> ring, Function<? super E, ? extends T> copy) {
        this(ring, copy, namedThreads(ring.name()));
    }

    /**
     * Creates a publisher over a ring.
     *
     * @param ring the ring to read
     * @param copy turns a slot into the item a subscriber keeps; must not return null
     * @param threads where each subscriber's thread comes from
     */
    public RingPublisher(RingBuffer<E> ring, Function<? super E, ? extends T> copy, ThreadFactory threads) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.copy = Objects.requireNonNull(copy, "copy");
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    private static ThreadFactory namedThreads(String ring) {
        AtomicInteger count = new AtomicInteger();
        int publisher = PUBLISHERS.incrementAndGet();
        return task -> {
            Thread thread = new Thread(task, ring + "-flow-" + publisher + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Subscribes {@code subscriber}: it starts gating the ring now, and receives the events
     * claimed from now on. On a closed ring it gets {@code onComplete} (or {@code onError} with
     * the closure, if the ring was closed by a failure) right after {@code onSubscribe}. If its
     * delivering thread cannot be had (the factory returns null or throws, or the thread does not
     * start), the subscriber stops gating the ring and gets {@code onError} right after
     * {@code onSubscribe}; this method still returns normally (Reactive Streams rule 1.9).
     *
     * @throws NullPointerException if {@code subscriber} is null
     */
    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        RingSubscription subscription = new RingSubscription(subscriber);
        subscriptions.add(subscription);
        subscription.start();
    }

    /**
     * Closes the ring to producers ({@link RingBuffer#close}) and completes every subscriber once
     * it has received what was claimed before the close. Idempotent.
     */
    @Override
    public void close() {
        ring.close("its Flow publisher was closed", null);
        for (RingSubscription subscription : subscriptions) {
            subscription.wake();
        }
    }

    /** {@return how many subscriptions are live (subscribed, not yet completed, failed or cancelled)} */
    public int subscriberCount() {
        return subscriptions.size();
    }

    /** One subscriber: its sequence, its demand, and the thread that delivers to it. */
    private final class RingSubscription implements Flow.Subscription, Runnable {
        private final Flow.Subscriber<? super T> subscriber;
        private final Sequence sequence = new Sequence();
        private final SequenceBarrier barrier = ring.newBarrier();
        /** Requested and not yet delivered; capped at Long.MAX_VALUE (rule 3.17). */
        private final AtomicLong demand = new AtomicLong();
        private volatile boolean cancelled;
        /** A request(n <= 0): signalled as onError by the delivering thread, so signals stay serial. */
        private volatile IllegalArgumentException badRequest;
        private volatile Thread thread;

        RingSubscription(Flow.Subscriber<? super T> subscriber) {
            this.subscriber = subscriber;
        }

        void start() {
            ring.addGatingSequence(sequence);
            try {
                subscriber.onSubscribe(this);
            } catch (Throwable t) {
                // Rule 2.13: a subscriber that throws from onSubscribe is cancelled.
                end();
                return;
            }
            if (cancelled) {
                end();
                return;
            }
            Thread started;
            try {
                started = threads.newThread(this);
                if (started == null) {
                    throw new IllegalStateException("the thread factory returned null");
                }
                thread = started;
                started.start();
            } catch (RuntimeException | Error e) {
                // Rule 1.9: subscribe returns normally, and a publisher that cannot serve the
                // subscriber signals onError after onSubscribe. Its sequence stops gating the
                // ring first, so producers never wait on a subscriber nobody delivers to.
                thread = null;
                end();
                subscriber.onError(new IllegalStateException(
                        "could not start the thread that delivers ring " + ring.name() + " to this subscriber", e));
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("Rule 3.9: request must be positive: " + n);
            } else {
                demand.accumulateAndGet(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
            }
            wake();
        }

        @Override
        public void cancel() {
            cancelled = true;
            wake();
        }

        void wake() {
            barrier.alert();
            Thread waiting = thread;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }

        @Override
        public void run() {
            try {
                deliver();
            } finally {
                end();
            }
        }

        private void deliver() {
            long next = sequence.getPlain() + 1;
            while (!cancelled) {
                IllegalArgumentException bad = badRequest;
                if (bad != null) {
                    subscriber.onError(bad);
                    return;
                }
                if (ring.isClosed() && next > ring.finalSequence()) {
                    Throwable cause = ring.closedReason().getCause();
                    if (cause == null) {
                        subscriber.onComplete();
                    } else {
                        subscriber.onError(ring.closedReason());
                    }
                    return;
                }
                long wanted = demand.get();
                if (wanted == 0) {
                    LockSupport.park(this); // request(), cancel() and close() unpark
                    continue;
                }
                long available = awaitAvailable(next);
                if (available < next) {
                    continue; // woken to look at demand, cancellation or the close
                }
                long end = Math.min(available, next + Math.min(wanted, Integer.MAX_VALUE) - 1);
                if (ring.isClosed()) {
                    end = Math.min(end, ring.finalSequence());
                }
                long delivered = 0;
                boolean skipAborted = ring.hasAbortedClaims();
                for (; next <= end && !cancelled; next++) {
                    if (skipAborted && ring.isAborted(next)) {
                        continue; // withdrawn by its producer: no item, and no demand used
                    }
                    T item = copy.apply(ring.get(next));
                    if (item == null) {
                        subscriber.onError(new NullPointerException("the copy function returned null for sequence " + next));
                        return;
                    }
                    subscriber.onNext(item);
                    delivered++;
                }
                // One atomic update per batch, not per item: `end` was bounded by the demand read
                // above, and request() only adds, so the demand never goes below zero.
                demand.addAndGet(-delivered);
                // Release: the reads of the slots up to next - 1 happen before producers reuse them.
                sequence.setRelease(next - 1);
                ring.signalConsumerProgress();
            }
        }

        /** Waits with the ring's wait strategy for {@code next}; returns less than it if woken for another reason. */
        private long awaitAvailable(long next) {
            long available = barrier.highestAvailable(next);
            if (available >= next || ring.isClosed()) {
                return available;
            }
            try {
                return barrier.waitFor(next);
            } catch (AlertException | WaitTimeoutException e) {
                barrier.clearAlert();
                return next - 1;
            } catch (InterruptedException e) {
                cancelled = true;
                return next - 1;
            }
        }

        private void end() {
            cancelled = true;
            ring.removeGatingSequence(sequence);
            subscriptions.remove(this);
        }
    }
}
