package io.sluice;

import io.sluice.backpressure.Watermarks;
import io.sluice.backpressure.AdaptiveRateLimiter;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.FlowFeedback;
import io.sluice.backpressure.WatermarkListener;
import io.sluice.metrics.ClassFigure;
import io.sluice.metrics.ProducerClassSnapshot;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingFigure;
import io.sluice.metrics.RingSnapshot;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.WaitStrategy;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A ring of pre-allocated events that producers claim, fill and publish, and consumers read in
 * sequence order. Capacity is a power of two from 1 to 2<sup>30</sup>; an {@link EventFactory}
 * fills every slot once, when the ring is built, and slots are reused from then on. A ring
 * {@linkplain #builderOverStorage built over storage} keeps its slots' data in one object that
 * addresses them by sequence instead, such as a flat buffer of records.
 *
 * <h2>Producing</h2>
 * Produce through a {@link Producer} handle ({@link #newProducer}), one per producing thread: its
 * {@link Producer#claim()} returns a reusable {@link Claim} to write and then
 * {@link Claim#commit()} or {@link Claim#abort()}, and a claim that failed cannot be written or
 * published. The raw API on the ring itself, for code ported from the Disruptor: claim with {@link #next()} / {@link #next(int)} (apply the ring's {@link BackpressurePolicy}
 * when capacity is short) or {@link #tryNext()} / {@link #tryNext(int)} (return
 * {@link #INSUFFICIENT_CAPACITY} at once), write the events from {@link #get(long)}, then
 * {@link #publish(long)} or {@link #publish(long, long)}. Every claimed sequence must be
 * published, or consumers stop at the gap. A negative claim result means nothing was claimed:
 * {@link #INSUFFICIENT_CAPACITY}, {@link #TIMED_OUT} or {@link #DROPPED}, and {@link #get(long)}
 * refuses it. The {@code publishEvent}
 * forms claim, translate and publish in one call, with up to three arguments, so callers need no
 * capturing lambda. A {@link Producer} handle ({@link #newProducer}) claims under its own policy
 * and counts its own stalls, timeouts and drops.
 *
 * <h2>Gating</h2>
 * A claim of sequence {@code s} succeeds only once every gating sequence has passed
 * {@code s - capacity}: producers never overwrite a slot a gating consumer has not finished.
 * Consumers join and leave with {@link #addGatingSequence} / {@link #removeGatingSequence} while
 * the ring runs.
 *
 * <h2>Closing</h2>
 * {@link #close(String, Throwable)} closes the ring to producers for good: claims waiting for
 * capacity are released, and every later claim, {@code try} forms included, throws
 * {@link RingClosedException}. Claims made before the close stay valid and must still be
 * published; {@link #finalSequence()} says where they end, so consumers can drain up to it and
 * stop. A {@code io.sluice.pipeline.Pipeline} closes its ring when it stops, and when a stage
 * fails under the default containment.
 *
 * <h2>Thread-safety</h2>
 * A {@link ProducerType#MULTI} ring accepts claims and publishes from any number of threads; a
 * {@link ProducerType#SINGLE} ring from one thread at a time. Every other method is safe from any
 * thread. No method allocates on the steady-state path; only {@link #next()} and the
 * {@code publishEvent} forms wait.
 *
 * @param <E> the event type
 */
public final class RingBuffer<E> implements EventSink<E> {
    /** Returned by the {@code try} claims when the ring has not enough free capacity; never a valid sequence. */
    public static final long INSUFFICIENT_CAPACITY = -1L;
    /** Returned by a claim whose policy deadline passed before capacity freed; nothing was claimed. */
    public static final long TIMED_OUT = -2L;
    /** Returned by a claim under {@link BackpressurePolicy#shed()} that found too little capacity; the drop is counted. */
    public static final long DROPPED = -3L;
    /** The largest capacity a ring may have: 2<sup>30</sup>. */
    public static final int MAX_CAPACITY = 1 << 30;

    /** Unused references on each side of the slots, so no other object shares their cache lines. */
    private static final int PAD = 32;
    private static final Producer<?>[] NO_PRODUCERS = new Producer<?>[0];

    /**
     * The events, between {@link #PAD} unused references on each side; for a ring over storage,
     * the one storage object, at {@code PAD}.
     */
    private final Object[] entries;
    /**
     * Which slot of {@link #entries} a sequence reads: {@code capacity - 1}, or 0 for a ring over
     * storage, whose every sequence reads the one storage object. Chosen at build, so
     * {@link #get(long)} is the same code for both.
     */
    private final int slotMask;
    private final int capacity;
    private final Sequencer sequencer;
    /** Whether the ring was built with {@link RingBufferBuilder#slotMarkers()}. */
    private final boolean slotMarkers;
    /** Whether the ring was built with {@link RingBufferBuilder#sharedPositions}: its consumer is in another process. */
    private final boolean sharesPositions;
    private final String name;
    private final BackpressurePolicy policy;
    /** Null unless the ring was built for blocking producers. */
    private final CapacityWaiters capacityWaiters;
    /** The ring's own claims (its next() and publishEvent), from any thread. */
    private final Producer<E> sharedProducer;
    /** Null unless the ring was built with producer classes. */
    private final ClassShares classShares;
    /**
     * Whether {@link #next()} may claim from the sequencer first: no rate limit to apply before
     * a claim, and no producer classes whose reserves a claim must leave free.
     */
    private final boolean directClaims;
    /** Counters of closed producer handles. */
    private final ProducerCounters retired = new ProducerCounters();
    /** Read by a policy's adaptive rate limiter. */
    private final FlowFeedback feedback;
    /** Open producer handles; copy-on-write under {@code this}. */
    private volatile Producer<?>[] producers = NO_PRODUCERS;

    /**
     * A policy's {@link AdaptiveRateLimiter} follows this ring's producers and consumers.
     *
     * @throws IllegalStateException if the limiter already follows another ring
     */
    private void paceBy(BackpressurePolicy p) {
        if (p.rateLimiter() instanceof AdaptiveRateLimiter adaptive) {
            adaptive.follow(feedback);
        }
    }

    /**
     * What an adaptive rate limiter reads of this ring, once per control window: the sequencer's
     * own figures ({@link Sequencer} is the ring's {@link FlowFeedback}), named after the ring.
     */
    private static final class RingFeedback implements FlowFeedback {
        private final Sequencer sequencer;
        private final String name;

        RingFeedback(Sequencer sequencer, String name) {
            this.sequencer = sequencer;
            this.name = name;
        }

        @Override
        public long capacity() {
            return sequencer.capacity();
        }

        @Override
        public long claimed() {
            return sequencer.claimed();
        }

        @Override
        public long consumed() {
            return sequencer.consumed();
        }

        @Override
        public String toString() {
            return "ring " + name;
        }
    }

    RingBuffer(RingBufferBuilder<E> builder, Sequencer sequencer, String name) {
        this.capacity = builder.capacity;
        this.sequencer = sequencer;
        this.slotMarkers = builder.slotMarkers;
        this.sharesPositions = builder.sharedPositions != null;
        this.name = name;
        this.policy = builder.policy != null ? builder.policy : BackpressurePolicy.defaultFor(builder.waitStrategy);
        this.capacityWaiters = builder.blockingProducers || policy.blocks() ? new CapacityWaiters() : null;
        this.classShares = builder.producerClasses.isEmpty() ? null
                : new ClassShares(builder.producerClasses, capacity, name);
        this.sharedProducer = classShares == null ? new SharedProducer<>(this, sequencer, name, policy)
                : new ClassedProducer<>(this, sequencer, name, policy, classShares.unclassed,
                        new ClassedRoom(sequencer, classShares, classShares.unclassed, false), true);
        this.directClaims = !Producer.admitsClaims(policy) && classShares == null;
        this.feedback = new RingFeedback(sequencer, name);
        paceBy(policy);
        boolean overStorage = builder.storage != null;
        this.entries = overStorage ? storageSlot(builder.storage, capacity) : eventSlots(builder.eventFactory, capacity);
        this.slotMask = overStorage ? 0 : capacity - 1;
    }

    private static Object[] eventSlots(EventFactory<?> factory, int capacity) {
        Object[] slots = new Object[capacity + 2 * PAD];
        for (int i = 0; i < capacity; i++) {
            Object event = factory.newInstance();
            if (event == null) {
                throw new NullPointerException("eventFactory returned null for slot " + i);
            }
            slots[PAD + i] = event;
        }
        return slots;
    }

    private static Object[] storageSlot(IntFunction<?> storage, int capacity) {
        Object made = storage.apply(capacity);
        if (made == null) {
            throw new NullPointerException("the storage function returned null for capacity " + capacity);
        }
        Object[] slots = new Object[1 + 2 * PAD];
        slots[PAD] = made;
        return slots;
    }

    /**
     * Starts building a ring.
     *
     * @param eventFactory fills each slot once
     * @param <E> the event type
     * @return a builder: capacity 1024, {@link ProducerType#MULTI}, {@link BlockingWaitStrategy},
     *     and the policy {@link BackpressurePolicy#defaultFor} the wait strategy ({@code park()}
     *     unless the consumers busy-spin)
     */
    public static <E> RingBufferBuilder<E> builder(EventFactory<E> eventFactory) {
        return new RingBufferBuilder<>(Objects.requireNonNull(eventFactory, "eventFactory"), null);
    }

    /**
     * Starts building a ring whose slots hold no objects of their own: their data lives in one
     * storage object, made by {@code storage} for the ring's capacity when the ring is built,
     * which addresses each slot by its sequence. {@link #get(long)} returns that one object for
     * every sequence, so producers write and consumers read through it with the sequence in
     * hand; claims, publication, gating, policies, consumers and pipelines are those of any
     * ring. The record rings of the {@code io.sluice.record} package are built this way, over a
     * flat buffer of fixed-size records.
     *
     * <p>Only for storage that keeps every slot's data apart by sequence: an ordinary mutable
     * event would be one object shared by every slot.
     *
     * @param storage makes the storage for a capacity, once, on the building thread
     * @param <E> the storage type
     * @return a builder with the defaults of {@link #builder(EventFactory)}
     */
    public static <E> RingBufferBuilder<E> builderOverStorage(IntFunction<? extends E> storage) {
        return new RingBufferBuilder<>(null, Objects.requireNonNull(storage, "storage"));
    }

    /**
     * Creates a ring for one producer thread.
     *
     * @param eventFactory fills each slot once
     * @param capacity a power of two from 1 to 2<sup>30</sup>
     * @param waitStrategy how consumers wait
     * @param <E> the event type
     * @return the ring
     */
    public static <E> RingBuffer<E> createSingleProducer(EventFactory<E> eventFactory, int capacity,
                                                         WaitStrategy waitStrategy) {
        return builder(eventFactory).capacity(capacity).producerType(ProducerType.SINGLE)
                .waitStrategy(waitStrategy).build();
    }

    /**
     * Creates a ring for any number of producer threads.
     *
     * @param eventFactory fills each slot once
     * @param capacity a power of two from 1 to 2<sup>30</sup>
     * @param waitStrategy how consumers wait
     * @param <E> the event type
     * @return the ring
     */
    public static <E> RingBuffer<E> createMultiProducer(EventFactory<E> eventFactory, int capacity,
                                                        WaitStrategy waitStrategy) {
        return builder(eventFactory).capacity(capacity).producerType(ProducerType.MULTI)
                .waitStrategy(waitStrategy).build();
    }

    /**
     * The event in the slot of {@code sequence}: the slot is reused every {@code capacity} sequences.
     * Read it only between a claim and its publish (producer) or once the sequence is available
     * and before the consumer's sequence passes it (consumer).
     *
     * <p>A negative value is no sequence: it is the outcome of a claim that got nothing
     * ({@link #INSUFFICIENT_CAPACITY}, {@link #TIMED_OUT}, {@link #DROPPED}), and masking it would
     * name a live slot ({@code TIMED_OUT} is slot {@code capacity - 2}), so it is refused. The
     * check is one compare of a value the caller has in a register, predicted never taken.
     *
     * @param sequence any claimed or available sequence
     * @return the pre-allocated event
     * @throws IllegalArgumentException if {@code sequence} is negative, naming the failed claim's
     *     outcome; nothing is read or written
     */
    @SuppressWarnings("unchecked")
    public E get(long sequence) {
        if (sequence < 0) {
            throw notASequence(sequence);
        }
        return (E) entries[PAD + (int) (sequence & slotMask)];
    }

    /** Off the inlined path of {@link #get}: builds the exception for a claim outcome used as a sequence. */
    private IllegalArgumentException notASequence(long value) {
        String outcome = value == INSUFFICIENT_CAPACITY ? " (INSUFFICIENT_CAPACITY: a try claim found the ring full)"
                : value == TIMED_OUT ? " (TIMED_OUT: the claim's deadline passed)"
                : value == DROPPED ? " (DROPPED: the policy shed the event)"
                : "";
        return new IllegalArgumentException("sequence " + value + outcome + " is not a sequence of ring " + name
                + ": a claim that got nothing returns a negative outcome, which names no slot; test it before get()");
    }

    @Override
    public long next() throws InterruptedException {
        if (directClaims) {
            // The common case, without the handle's checks: the sequencer claims or says why not.
            // Anything else (a full ring, a closed one) goes to the shared producer, which tries
            // again and applies the policy; a second try is harmless, a failed one claims nothing.
            long sequence = sequencer.claimIfFree(1);
            if (sequence >= 0) {
                return sequence;
            }
        }
        return sharedProducer.next();
    }

    @Override
    public long next(int n) throws InterruptedException {
        return sharedProducer.next(n);
    }

    @Override
    public long next(int n, long timeout, TimeUnit unit) throws InterruptedException {
        return sharedProducer.next(n, timeout, unit);
    }

    @Override
    public long tryNext() {
        return sharedProducer.tryNext();
    }

    @Override
    public long tryNext(int n) {
        return sharedProducer.tryNext(n);
    }

    @Override
    public void publish(long sequence) {
        // Straight to the sequencer, as the handles do: a hop through the shared producer costs
        // the raw path a dependent load per publish. The check is written out rather than
        // shared with the handle's (Producer.checkPublishable): interleaved JMH runs of the
        // multi-producer raw path measured the call at several percent.
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0: " + sequence);
        }
        sequencer.makeAvailable(sequence);
    }

    @Override
    public void publish(long lo, long hi) {
        Producer.checkPublishable(lo, hi, capacity);
        sequencer.makeAvailable(lo, hi);
    }

    @Override
    public boolean publishEvent(EventTranslator<? super E> translator) throws InterruptedException {
        return sharedProducer.publishEvent(translator);
    }

    @Override
    public <A> boolean publishEvent(EventTranslatorOneArg<? super E, A> translator, A arg0)
            throws InterruptedException {
        return sharedProducer.publishEvent(translator, arg0);
    }

    @Override
    public <A, B> boolean publishEvent(EventTranslatorTwoArg<? super E, A, B> translator, A arg0, B arg1)
            throws InterruptedException {
        return sharedProducer.publishEvent(translator, arg0, arg1);
    }

    @Override
    public <A, B, C> boolean publishEvent(EventTranslatorThreeArg<? super E, A, B, C> translator,
                                          A arg0, B arg1, C arg2) throws InterruptedException {
        return sharedProducer.publishEvent(translator, arg0, arg1, arg2);
    }

    @Override
    public boolean tryPublishEvent(EventTranslator<? super E> translator) {
        return sharedProducer.tryPublishEvent(translator);
    }

    @Override
    public boolean publishEvent(EventTranslatorVararg<? super E> translator, Object... args)
            throws InterruptedException {
        return sharedProducer.publishEvent(translator, args);
    }

    @Override
    public boolean tryPublishEvent(EventTranslatorVararg<? super E> translator, Object... args) {
        return sharedProducer.tryPublishEvent(translator, args);
    }

    @Override
    public boolean publishEvents(EventTranslator<? super E>[] translators, int batchStartsAt, int batchSize)
            throws InterruptedException {
        return sharedProducer.publishEvents(translators, batchStartsAt, batchSize);
    }

    @Override
    public <A> boolean publishEvents(EventTranslatorOneArg<? super E, A> translator, int batchStartsAt, int batchSize,
            A[] arg0) throws InterruptedException {
        return sharedProducer.publishEvents(translator, batchStartsAt, batchSize, arg0);
    }

    @Override
    public <A, B> boolean publishEvents(EventTranslatorTwoArg<? super E, A, B> translator, int batchStartsAt,
            int batchSize, A[] arg0, B[] arg1) throws InterruptedException {
        return sharedProducer.publishEvents(translator, batchStartsAt, batchSize, arg0, arg1);
    }

    @Override
    public <A, B, C> boolean publishEvents(EventTranslatorThreeArg<? super E, A, B, C> translator, int batchStartsAt,
            int batchSize, A[] arg0, B[] arg1, C[] arg2) throws InterruptedException {
        return sharedProducer.publishEvents(translator, batchStartsAt, batchSize, arg0, arg1, arg2);
    }

    @Override
    public boolean publishEvents(EventTranslatorVararg<? super E> translator, int batchStartsAt, int batchSize,
            Object[]... args) throws InterruptedException {
        return sharedProducer.publishEvents(translator, batchStartsAt, batchSize, args);
    }

    @Override
    public boolean tryPublishEvents(EventTranslator<? super E>[] translators, int batchStartsAt, int batchSize) {
        return sharedProducer.tryPublishEvents(translators, batchStartsAt, batchSize);
    }

    @Override
    public <A> boolean tryPublishEvents(EventTranslatorOneArg<? super E, A> translator, int batchStartsAt,
            int batchSize, A[] arg0) {
        return sharedProducer.tryPublishEvents(translator, batchStartsAt, batchSize, arg0);
    }

    @Override
    public <A, B> boolean tryPublishEvents(EventTranslatorTwoArg<? super E, A, B> translator, int batchStartsAt,
            int batchSize, A[] arg0, B[] arg1) {
        return sharedProducer.tryPublishEvents(translator, batchStartsAt, batchSize, arg0, arg1);
    }

    @Override
    public <A, B, C> boolean tryPublishEvents(EventTranslatorThreeArg<? super E, A, B, C> translator,
            int batchStartsAt, int batchSize, A[] arg0, B[] arg1, C[] arg2) {
        return sharedProducer.tryPublishEvents(translator, batchStartsAt, batchSize, arg0, arg1, arg2);
    }

    @Override
    public boolean tryPublishEvents(EventTranslatorVararg<? super E> translator, int batchStartsAt, int batchSize,
            Object[]... args) {
        return sharedProducer.tryPublishEvents(translator, batchStartsAt, batchSize, args);
    }

    @Override
    public <A> boolean tryPublishEvent(EventTranslatorOneArg<? super E, A> translator, A arg0) {
        return sharedProducer.tryPublishEvent(translator, arg0);
    }

    @Override
    public <A, B> boolean tryPublishEvent(EventTranslatorTwoArg<? super E, A, B> translator, A arg0, B arg1) {
        return sharedProducer.tryPublishEvent(translator, arg0, arg1);
    }

    @Override
    public <A, B, C> boolean tryPublishEvent(EventTranslatorThreeArg<? super E, A, B, C> translator,
                                             A arg0, B arg1, C arg2) {
        return sharedProducer.tryPublishEvent(translator, arg0, arg1, arg2);
    }

    /**
     * A producer handle under the ring's policy, with its own counters.
     *
     * @param name how the producer appears in metrics and JFR events
     * @return a new handle, for one thread at a time
     */
    public Producer<E> newProducer(String name) {
        return newProducer(name, policy);
    }

    /**
     * A producer handle under its own policy, with its own counters.
     *
     * @param name how the producer appears in metrics and JFR events
     * @param policy what its claims do when capacity is short
     * @return a new handle, for one thread at a time
     * @throws IllegalArgumentException if the policy blocks and the ring was not built for
     *     blocking producers (see {@link RingBufferBuilder#blockingProducers()})
     */
    public Producer<E> newProducer(String name, BackpressurePolicy policy) {
        return newHandle(name, policy, classShares == null ? null : classShares.unclassed);
    }

    /**
     * A producer handle of {@code producerClass}, under the ring's policy.
     *
     * @param name how the producer appears in metrics and JFR events
     * @param producerClass one of the classes the ring was built with
     * @return a new handle, for one thread at a time
     * @throws IllegalArgumentException if {@code producerClass} is not one of the ring's classes
     */
    public Producer<E> newProducer(String name, ProducerClass producerClass) {
        return newProducer(name, policy, producerClass);
    }

    /**
     * A producer handle of {@code producerClass}, under its own policy: the policy decides what a
     * claim does when the ring is full or when the other classes' reserves hold it back
     * (see {@link ProducerClass}).
     *
     * @param name how the producer appears in metrics and JFR events
     * @param policy what its claims do when capacity, or the class's room, is short
     * @param producerClass one of the classes the ring was built with
     * @return a new handle, for one thread at a time
     * @throws IllegalArgumentException if {@code producerClass} is not one of the ring's classes,
     *     or the policy blocks and the ring was not built for blocking producers
     */
    public Producer<E> newProducer(String name, BackpressurePolicy policy, ProducerClass producerClass) {
        return newHandle(name, policy, accountOf(producerClass));
    }

    /**
     * {@return the ring's account of {@code producerClass}}
     *
     * @throws IllegalArgumentException if it is not one of the ring's classes
     */
    private ClassShares.Account accountOf(ProducerClass producerClass) {
        Objects.requireNonNull(producerClass, "producerClass");
        if (classShares == null) {
            throw new IllegalArgumentException(producerClass + " is not a producer class of ring " + name
                    + ", which was built without producer classes (see RingBufferBuilder.producerClasses)");
        }
        return classShares.account(producerClass, name);
    }

    private Producer<E> newHandle(String name, BackpressurePolicy policy, ClassShares.Account account) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
        if (policy.blocks() && capacityWaiters == null) {
            throw new IllegalArgumentException("ring " + this.name + " was not built for blocking producers, so policy "
                    + policy + " could wait for a wake-up that never comes; "
                    + (sharesPositions ? "its consumer is in another process, so give its producers a polling policy"
                    : "build it with blockingProducers()"));
        }
        paceBy(policy);
        Producer<E> producer = Producer.handle(this, sequencer, name, policy, classShares, account);
        synchronized (this) {
            Producer<?>[] grown = Arrays.copyOf(producers, producers.length + 1);
            grown[producers.length] = producer;
            producers = grown;
        }
        return producer;
    }

    /** Removes a closed handle, keeping its counts in the ring's totals. */
    synchronized void retire(Producer<?> producer) {
        retired.absorb(producer.counters);
        producer.retiredFromRing();
        Producer<?>[] current = producers;
        int keep = 0;
        Producer<?>[] remaining = new Producer<?>[current.length - 1];
        for (Producer<?> p : current) {
            if (p != producer) {
                remaining[keep++] = p;
            }
        }
        producers = remaining;
    }

    /**
     * Copies the ring's figures and the sum of its producers' counters into {@code into}.
     * Allocation-free; takes the ring's lock for producer handles briefly (it never waits on a claim).
     *
     * @param into a caller-owned snapshot to overwrite
     * @return {@code into}
     */
    public RingSnapshot snapshot(RingSnapshot into) {
        long cursor = sequencer.claimedVolatile();
        into.fill(name, sequencer.watermarks != null && sequencer.watermarks.isHigh());
        into.set(RingFigure.CAPACITY, capacity);
        into.set(RingFigure.CURSOR, cursor);
        into.set(RingFigure.SLOWEST_CONSUMER, sequencer.minimumGatingSequence(cursor));
        into.set(RingFigure.REMAINING_CAPACITY, sequencer.remainingCapacity());
        into.set(RingFigure.GATING_SEQUENCES, sequencer.gatingSequenceCount());
        into.set(RingFigure.RATE_LIMIT, policy.rateLimiter() == null ? 0 : policy.rateLimiter().permitsPerSecond());
        sharedProducer.counters.combineInto(into);
        synchronized (this) {
            retired.combineInto(into);
            for (Producer<?> producer : producers) {
                producer.counters.combineInto(into);
            }
            into.set(RingFigure.PRODUCERS, producers.length);
        }
        // The ring's claims come from its cursor, which counts every claim, the shared producer's included.
        into.setCounter(ProducerCounter.CLAIMS, cursor + 1);
        return into;
    }

    /** {@return the producer classes the ring was built with, in order; empty if none} */
    public List<ProducerClass> producerClasses() {
        return classShares == null ? List.of() : classShares.classes();
    }

    /**
     * Copies one producer class's figures and the combined counters of its handles, open and
     * closed, into {@code into}. Allocation-free; takes the ring's lock for producer handles
     * briefly, and reads the class's claim logs (it never waits on a claim).
     *
     * @param producerClass one of the ring's classes
     * @param into a caller-owned snapshot to overwrite
     * @return {@code into}
     * @throws IllegalArgumentException if {@code producerClass} is not one of the ring's classes
     */
    public ProducerClassSnapshot snapshot(ProducerClass producerClass, ProducerClassSnapshot into) {
        ClassShares.Account account = accountOf(producerClass);
        long head = sequencer.minimumGatingSequence(sequencer.claimedVolatile());
        into.fill(producerClass.name(), name);
        into.set(ClassFigure.SHARE, account.reserve);
        into.set(ClassFigure.IN_FLIGHT, account.inFlight(head));
        account.retired.combineInto(into);
        int open = 0;
        synchronized (this) {
            for (Producer<?> producer : producers) {
                if (producer.isOfClass(account)) {
                    producer.counters.combineInto(into);
                    open++;
                }
            }
        }
        into.set(ClassFigure.PRODUCERS, open);
        return into;
    }

    /**
     * Called by a consumer after each batch that advanced its sequence (the built-in processors
     * and pollers do): wakes consumers blocked behind it, producers blocked on capacity, and
     * checks the low watermark. Allocation-free; while nobody is blocked it takes no lock, and
     * costs a store-load fence only if the wait strategy blocks, the ring has blocking producers,
     * or it has watermarks.
     */
    public void signalConsumerProgress() {
        sequencer.waitStrategy.signalConsumerProgress();
        if (capacityWaiters != null) {
            capacityWaiters.signalAll();
        }
        Watermarks watermarks = sequencer.watermarks;
        if (watermarks != null) {
            watermarks.consumerProgressed(sequencer);
        }
    }

    CapacityWaiters capacityWaiters() {
        return capacityWaiters;
    }

    /**
     * Whether {@code sequence} is published and still in the ring (not yet overwritten by a later lap).
     *
     * @param sequence any sequence
     * @return whether a consumer could read it now
     */
    public boolean isPublished(long sequence) {
        return sequencer.isAvailable(sequence);
    }

    /**
     * Whether {@code sequence}, published, was withdrawn by its producer ({@link Claim#abort()}) and
     * must be passed over: its slot holds no event. The consumers Sluice provides never hand such
     * a sequence to a handler; a consumer of your own that reads slots through a
     * {@link SequenceBarrier} asks this for each sequence once {@link #hasAbortedClaims()} is true.
     * Ask only about a sequence the barrier has shown available and that the consumer has not yet
     * let go of. Thread-safe, non-blocking, allocation-free.
     *
     * @param sequence an available sequence
     * @return whether consumers pass over it
     */
    public boolean isAborted(long sequence) {
        return sequencer.isAborted(sequence);
    }

    /**
     * Whether any claim on this ring has been published as aborted, so consumers must ask
     * {@link #isAborted(long)} of each sequence; false until the first such abort, and true for
     * good after it. One volatile read: a consumer asks once per batch. Thread-safe.
     *
     * @return whether consumers must look for aborted sequences
     */
    public boolean hasAbortedClaims() {
        return sequencer.hasAbortedClaims();
    }

    /**
     * Creates a barrier for a consumer that waits for published sequences or, given
     * {@code dependents}, for every one of those upstream consumers to have finished a sequence.
     *
     * @param dependents the sequences of the consumers that must run first; none to wait on producers only
     * @return a new barrier, one per consumer
     */
    public SequenceBarrier newBarrier(Sequence... dependents) {
        Objects.requireNonNull(dependents, "dependents");
        Sequence[] copy = dependents.clone();
        for (int i = 0; i < copy.length; i++) {
            Objects.requireNonNull(copy[i], "dependents[" + i + "]");
        }
        return new SequenceBarrier(sequencer, copy);
    }

    /**
     * Closes the ring to producers, for good. Producers waiting in a claim (any policy) are
     * released with {@link RingClosedException}, within a bounded time: at once if they block,
     * within their policy's longest park if they back off. Every later claim throws the same
     * exception at once. A claim that succeeded before the close keeps its sequence, and its
     * producer must still publish it; {@link #finalSequence()} is the last such sequence, so
     * consumers can drain to it and nothing a producer was told it published is left behind.
     *
     * <p>Thread-safe; the first close wins and later ones return false. On a single-producer
     * ring the close waits about a millisecond (parked) for a claim racing it to settle.
     *
     * @param reason why, for the exception message: for example which stage failed
     * @param cause what caused the close, or null
     * @return whether this call closed the ring
     */
    public boolean close(String reason, Throwable cause) {
        Objects.requireNonNull(reason, "reason");
        boolean closed = sequencer.close(new RingClosedException(name, reason, cause));
        if (closed && capacityWaiters != null) {
            capacityWaiters.signalAll();
        }
        return closed;
    }

    /** {@return whether the ring is closed to producers} */
    public boolean isClosed() {
        return sequencer.closure != null;
    }

    /** {@return what claims on this closed ring throw, or null while it is open} */
    public RingClosedException closedReason() {
        return sequencer.closure;
    }

    /**
     * The highest sequence a claim got before the ring closed: every sequence up to it was
     * claimed before the close (and is published once its producer publishes it); no sequence
     * after it will ever be published. If a close is settling, waits for it (parked; about a
     * millisecond on a single-producer ring).
     *
     * @return the final sequence; -1 if nothing was ever claimed
     * @throws IllegalStateException if the ring is open
     */
    public long finalSequence() {
        return sequencer.finalSequence();
    }

    /**
     * Makes every one of {@code sequences} gate producers, all set to the same value, the ring's
     * {@link #cursor()}: as {@link #addGatingSequence} for a group of consumers that must start
     * together (a worker pool, the stages of a pipeline). One atomic change of the gating set.
     *
     * @param sequences the consumers' sequences, none already gating this ring
     * @return the value the sequences were set to
     * @throws IllegalArgumentException if a sequence already gates this ring or is given twice
     */
    public long addGatingSequences(Sequence... sequences) {
        Objects.requireNonNull(sequences, "sequences");
        Sequence[] copy = sequences.clone();
        for (int i = 0; i < copy.length; i++) {
            Objects.requireNonNull(copy[i], "sequences[" + i + "]");
        }
        return sequencer.addGatingSequences(copy);
    }

    /**
     * Makes {@code sequence} gate producers, and sets it to the ring's {@link #cursor()}: its
     * consumer receives every sequence claimed after this call, and should start at the
     * returned value plus one. Safe while producers and other consumers run; events already
     * claimed keep their other consumers.
     *
     * @param sequence the consumer's sequence, not already gating this ring
     * @return the value the sequence was set to
     * @throws IllegalArgumentException if the sequence already gates this ring
     */
    public long addGatingSequence(Sequence sequence) {
        Objects.requireNonNull(sequence, "sequence");
        return sequencer.addGatingSequences(sequence);
    }

    /**
     * Stops {@code sequence} gating producers. Other consumers lose nothing. Stop its consumer
     * first (for a processor: {@code halt()} and wait for its thread): from this call on,
     * producers may overwrite slots the removed consumer has not read yet.
     *
     * @param sequence a gating sequence
     * @return whether it was gating this ring
     */
    public boolean removeGatingSequence(Sequence sequence) {
        Objects.requireNonNull(sequence, "sequence");
        boolean removed = sequencer.removeGatingSequence(sequence);
        if (removed) {
            signalConsumerProgress(); // capacity may have appeared
        }
        return removed;
    }

    /** {@return the lowest gating sequence, or {@link #cursor()} if no sequence gates the ring} */
    public long minimumGatingSequence() {
        return sequencer.minimumGatingSequence(sequencer.claimedVolatile());
    }

    /** {@return how many sequences gate producers now} */
    public int gatingSequenceCount() {
        return sequencer.gatingSequenceCount();
    }

    /**
     * The number of slots a producer could claim now: capacity minus the slots claimed and not
     * yet consumed by the slowest gating consumer. Taken from one consistent view of the claim
     * cursor and gating sequences, so it always lies between 0 and {@link #capacity()}.
     *
     * @return free slots, from 0 to {@link #capacity()}
     */
    public long remainingCapacity() {
        return sequencer.remainingCapacity();
    }

    /**
     * The highest sequence claimed by a producer; the claimed sequences above the last published
     * one are still being written.
     *
     * @return the highest claimed sequence, {@link Sequence#INITIAL_VALUE} before the first claim
     */
    public long cursor() {
        return sequencer.claimedVolatile();
    }

    /**
     * {@return whether the ring was built with {@link RingBufferBuilder#slotMarkers()}: its consumers read
     *     per-slot markers, not the cursor} Thread-safe.
     */
    public boolean hasSlotMarkers() {
        return slotMarkers;
    }

    /** {@return the number of slots} */
    public int capacity() {
        return capacity;
    }

    /** {@return whether one or many threads may produce} */
    public ProducerType producerType() {
        return sequencer.producerType();
    }

    /** {@return the ring's name, as it appears in metrics and JFR events} */
    public String name() {
        return name;
    }

    /** {@return what the ring's own claims do when capacity is short; the default for its producer handles} */
    public BackpressurePolicy backpressurePolicy() {
        return policy;
    }

    /** {@return the strategy the ring's consumers wait with} */
    public WaitStrategy waitStrategy() {
        return sequencer.waitStrategy;
    }

    @Override
    public String toString() {
        return "RingBuffer{name=" + name + ", capacity=" + capacity + ", producerType=" + producerType()
                + (hasSlotMarkers() ? ", slotMarkers" : "") + ", cursor=" + cursor()
                + ", remainingCapacity=" + remainingCapacity() + ", waitStrategy=" + waitStrategy()
                + ", backpressure=" + policy + '}';
    }
}
