package io.sluice;

import io.sluice.backpressure.Watermarks;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.WatermarkListener;
import io.sluice.jfr.RingRegistry;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.WaitStrategy;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Builds a {@link RingBuffer}. Not thread-safe; use from one thread.
 *
 * @param <E> the event type
 */
public final class RingBufferBuilder<E> {
    private static final AtomicInteger UNNAMED = new AtomicInteger();

    /** Fills each slot with an event of its own; null for a ring over storage. */
    final EventFactory<E> eventFactory;
    /** Makes the one storage object every slot shares, for the capacity; null for a ring of events. */
    final IntFunction<? extends E> storage;
    String name;
    int capacity = 1024;
    ProducerType producerType = ProducerType.MULTI;
    WaitStrategy waitStrategy = new BlockingWaitStrategy();
    /** Null until set: the default depends on the wait strategy, which may be set after it. */
    BackpressurePolicy policy;
    boolean blockingProducers;
    boolean slotMarkers;
    boolean statisticsEvents;
    int highWatermark;
    int lowWatermark;
    WatermarkListener watermarkListener;
    List<ProducerClass> producerClasses = List.of();
    /** Null unless the ring's cursor and consumer live in memory shared with another process. */
    SharedPositions sharedPositions;

    RingBufferBuilder(EventFactory<E> eventFactory, IntFunction<? extends E> storage) {
        this.eventFactory = eventFactory;
        this.storage = storage;
    }

    /**
     * Names the ring.
     *
     * @param name how the ring appears in metrics and JFR events; default {@code ring-N}
     * @return this builder
     */
    public RingBufferBuilder<E> name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Sets the number of slots.
     *
     * @param capacity a power of two from 1 to 2<sup>30</sup>
     * @return this builder
     * @throws IllegalArgumentException if it is not
     */
    public RingBufferBuilder<E> capacity(int capacity) {
        if (capacity < 1 || capacity > RingBuffer.MAX_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException(
                    "capacity must be a power of two from 1 to 2^30 (" + RingBuffer.MAX_CAPACITY + "): " + capacity);
        }
        this.capacity = capacity;
        return this;
    }

    /**
     * Sets whether one or many threads may produce.
     *
     * @param producerType whether one or many threads may produce
     * @return this builder
     */
    public RingBufferBuilder<E> producerType(ProducerType producerType) {
        this.producerType = Objects.requireNonNull(producerType, "producerType");
        return this;
    }

    /**
     * Sets how consumers wait.
     *
     * @param waitStrategy how consumers wait
     * @return this builder
     */
    public RingBufferBuilder<E> waitStrategy(WaitStrategy waitStrategy) {
        this.waitStrategy = Objects.requireNonNull(waitStrategy, "waitStrategy");
        return this;
    }

    /**
     * Sets the backpressure policy.
     *
     * @param policy what the ring's own claims do when capacity is short, and the default
     *     policy of its producer handles; if not set, {@link BackpressurePolicy#defaultFor} the
     *     ring's wait strategy
     * @return this builder
     */
    public RingBufferBuilder<E> backpressure(BackpressurePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Lets producer handles use {@link BackpressurePolicy#block()} although the ring's own
     * policy does not block. Consumers then pay a store-load fence per batch to wake them.
     *
     * @return this builder
     */
    public RingBufferBuilder<E> blockingProducers() {
        this.blockingProducers = true;
        return this;
    }

    /**
     * Makes a single-producer ring mark each slot as it is published, so that consumers
     * learn what they may read from those markers instead of the ring's shared cursor: the
     * producer and a consumer that keeps up then share only the marker and slot lines in
     * use, not also the cursor's, which is the layout of JCTools' SPSC queue. Chosen here,
     * once: a ring built without it pays nothing for it.
     *
     * <p>What changes: each publish writes one marker per sequence (four bytes a slot, in an
     * array beside the slots); a consumer without dependents reads up to the first sequence
     * not yet published, so a claim left open by another handle of the producer's thread is
     * not exposed by a later claim's commit; {@code publish(lo, hi)} publishes exactly
     * {@code lo..hi}, and {@code publish(hi)} after {@code next(n)} the whole claim, as on a
     * multi-producer ring (the cursor ring publishes every sequence up to {@code hi}). Whether
     * it pays depends on the machine and on how closely the consumer follows;
     * docs/BENCHMARKS.md has the measurements.
     *
     * @return this builder
     * @throws IllegalStateException at {@link #build()} if the ring is not
     *     {@link ProducerType#SINGLE}: a multi-producer ring always marks its slots
     */
    public RingBufferBuilder<E> slotMarkers() {
        this.slotMarkers = true;
        return this;
    }

    /**
     * Makes the ring report its figures to Java Flight Recorder once a second, as the periodic
     * events {@code io.sluice.RingStatistics} and, for a ring with producer classes,
     * {@code io.sluice.ProducerClassStatistics}, while a recording enables them. Off by default:
     * a ring joins the JVM-wide list those events read only when asked, and leaves it when it
     * becomes unreachable (the list holds it weakly). Stall events ({@code io.sluice.ProducerStall})
     * need no option.
     *
     * @return this builder
     */
    public RingBufferBuilder<E> statisticsEvents() {
        this.statisticsEvents = true;
        return this;
    }

    /**
     * Reports occupancy crossings to {@code listener}: once when it reaches {@code high},
     * then once when it falls to {@code low}, and so on. Above the high watermark, each
     * claim re-reads the consumers' sequences (until capacity runs out, a claim normally
     * reads only a cached minimum).
     *
     * @param high occupancy that reports high; from 1 to the capacity
     * @param low occupancy that reports low again; from 0 to {@code high - 1}
     * @param listener told of each crossing
     * @return this builder
     * @throws IllegalArgumentException if the marks are out of range (checked against the capacity at {@link #build()})
     */
    public RingBufferBuilder<E> watermarks(int high, int low, WatermarkListener listener) {
        if (low < 0 || low >= high) {
            throw new IllegalArgumentException("watermarks must satisfy 0 <= low < high: high=" + high + ", low=" + low);
        }
        this.highWatermark = high;
        this.lowWatermark = low;
        this.watermarkListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Shares the ring's capacity out among classes of producer handles: each class keeps
     * {@code floor(share × capacity)} slots that the other classes never take, and any
     * class may use the rest (see {@link ProducerClass}). Give each handle its class with
     * {@link RingBuffer#newProducer(String, BackpressurePolicy, ProducerClass)}; handles
     * without one, and the ring's own claims, only use the rest. Chosen here, once: a ring
     * built without classes pays nothing for them.
     *
     * @param classes the classes, with unique names and shares summing to at most 1
     * @return this builder
     * @throws IllegalArgumentException at {@link #build()} if two classes share a name or
     *     the shares sum to more than 1
     */
    public RingBufferBuilder<E> producerClasses(ProducerClass... classes) {
        for (ProducerClass producerClass : classes) {
            Objects.requireNonNull(producerClass, "a producer class is null");
        }
        this.producerClasses = List.of(classes);
        return this;
    }

    /**
     * Makes a single-producer ring whose cursor and one consumer live in memory another process
     * shares: publishes go to the shared cursor, and the consumer in the other process gates the
     * producers, whose policies follow its progress (see {@link SharedPositions}). A claim that
     * finds the ring full while that consumer's heartbeat stays still for the timeout closes the
     * ring, and waiting claims throw {@link RingClosedException} naming the shared memory.
     * {@code io.sluice.record.MappedRecordRing} sets this for a ring in a memory-mapped file.
     *
     * <p>Limits, checked at {@link #build()}: one producer ({@link ProducerType#SINGLE}), no slot
     * markers, no producer classes, and no blocking producers: nothing in this JVM signals when
     * the other process frees a slot, so {@code block()} would wait forever; the polling policies
     * ({@code spin}, {@code yielding}, {@code park}, with timeouts, shedding and rate limits) work.
     * Only a producer's latest claim can be aborted.
     *
     * @param positions the shared positions
     * @return this builder
     */
    public RingBufferBuilder<E> sharedPositions(SharedPositions positions) {
        this.sharedPositions = Objects.requireNonNull(positions, "positions");
        return this;
    }

    /**
     * Allocates the ring and fills every slot from the event factory, or makes the storage.
     *
     * @return the ring
     * @throws NullPointerException if the factory or the storage function returns null
     * @throws IllegalArgumentException if the high watermark exceeds the capacity, or the
     *     producer classes share a name or their shares sum to more than 1
     * @throws IllegalStateException if {@link #slotMarkers()} was asked of a ring that is not single-producer
     */
    public RingBuffer<E> build() {
        if (slotMarkers && producerType != ProducerType.SINGLE) {
            throw new IllegalStateException("slotMarkers() is for a single-producer ring, and producerType is "
                    + producerType + " (a multi-producer ring always marks its slots)");
        }
        String ringName = name != null ? name : "ring-" + UNNAMED.incrementAndGet();
        Watermarks watermarks = null;
        if (watermarkListener != null) {
            if (highWatermark > capacity) {
                throw new IllegalArgumentException(
                        "high watermark must be at most the capacity " + capacity + ": " + highWatermark);
            }
            watermarks = new Watermarks(highWatermark, lowWatermark, watermarkListener, ringName);
        }
        if (sharedPositions != null) {
            checkShareable(ringName);
        }
        SharedCursorSequencer shared = sharedPositions == null ? null
                : new SharedCursorSequencer(capacity, waitStrategy, watermarks, sharedPositions, ringName);
        Sequencer sequencer = shared != null ? shared
                : producerType == ProducerType.MULTI
                ? new MultiProducerSequencer(capacity, waitStrategy, watermarks)
                : slotMarkers
                ? new SlotMarkingSequencer(capacity, waitStrategy, watermarks)
                : new SingleProducerSequencer(capacity, waitStrategy, watermarks);
        RingBuffer<E> ring = new RingBuffer<>(this, sequencer, ringName);
        if (shared != null) {
            shared.gateOnRemoteConsumer();
        }
        if (statisticsEvents) {
            RingRegistry.register(ring);
        }
        return ring;
    }

    private void checkShareable(String ringName) {
        String why = producerType != ProducerType.SINGLE ? "producerType is " + producerType
                : slotMarkers ? "it was asked for slot markers"
                : !producerClasses.isEmpty() ? "it was given producer classes"
                : blockingProducers || (policy != null && policy.blocks()) ? "its producers would block"
                : null;
        if (why != null) {
            throw new IllegalStateException("ring " + ringName + " shares its positions with another process ("
                    + sharedPositions.describe() + "), which takes one producer, no slot markers, no producer classes "
                    + "and a polling policy (nothing here signals when the other process frees a slot), but " + why);
        }
    }
}
