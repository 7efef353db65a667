package io.sluice;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A ring of pre-allocated events that producers claim, fill and publish, and consumers read in
 * sequence order. Capacity is a power of two from 1 to 2<sup>30</sup>; an {@link EventFactory}
 * fills every slot once, when the ring is built, and slots are reused from then on.
 *
 * <h2>Producing</h2>
 * Claim with {@link #next()} / {@link #next(int)} (wait for capacity) or {@link #tryNext()} /
 * {@link #tryNext(int)} (return {@link #INSUFFICIENT_CAPACITY} at once), write the events from
 * {@link #get(long)}, then {@link #publish(long)} or {@link #publish(long, long)}. Every claimed
 * sequence must be published, or consumers stop at the gap. The {@code publishEvent} forms do all
 * three with a translator and up to three arguments, so callers need no capturing lambda.
 *
 * <h2>Gating</h2>
 * A claim of sequence {@code s} succeeds only once every gating sequence has passed
 * {@code s - capacity}: producers never overwrite a slot a gating consumer has not finished.
 * Consumers join and leave with {@link #addGatingSequence} / {@link #removeGatingSequence} while
 * the ring runs.
 *
 * <h2>Thread-safety</h2>
 * A {@link ProducerType#MULTI} ring accepts claims and publishes from any number of threads; a
 * {@link ProducerType#SINGLE} ring from one thread at a time. Every other method is safe from any
 * thread. No method allocates on the steady-state path; only {@link #next()} and the
 * {@code publishEvent} forms wait.
 *
 * @param <E> the event type
 */
public final class RingBuffer<E> {
    /** Returned by the {@code try} claims when the ring has not enough free capacity; never a valid sequence. */
    public static final long INSUFFICIENT_CAPACITY = -1L;
    /** The largest capacity a ring may have: 2<sup>30</sup>. */
    public static final int MAX_CAPACITY = 1 << 30;

    /** Unused references on each side of the slots, so no other object shares their cache lines. */
    private static final int PAD = 32;
    private static final int SPIN_TRIES = 100;
    private static final int YIELD_TRIES = 10;
    private static final long MIN_PARK_NANOS = 1_000;
    private static final long MAX_PARK_NANOS = 100_000;

    private final Object[] entries;
    private final int mask;
    private final int capacity;
    private final Sequencer sequencer;

    private RingBuffer(EventFactory<E> factory, int capacity, Sequencer sequencer) {
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.sequencer = sequencer;
        this.entries = new Object[capacity + 2 * PAD];
        for (int i = 0; i < capacity; i++) {
            E event = factory.newInstance();
            if (event == null) {
                throw new NullPointerException("eventFactory returned null for slot " + i);
            }
            entries[PAD + i] = event;
        }
    }

    /**
     * Starts building a ring.
     *
     * @param eventFactory fills each slot once
     * @param <E> the event type
     * @return a builder: capacity 1024, {@link ProducerType#MULTI}, {@link BlockingWaitStrategy}
     */
    public static <E> Builder<E> builder(EventFactory<E> eventFactory) {
        return new Builder<>(Objects.requireNonNull(eventFactory, "eventFactory"));
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
     * @param sequence any claimed or available sequence
     * @return the pre-allocated event
     */
    @SuppressWarnings("unchecked")
    public E get(long sequence) {
        return (E) entries[PAD + (int) (sequence & mask)];
    }

    /**
     * Claims the next sequence, waiting while the ring is full: it spins briefly, yields, then
     * parks with exponential back-off from 1 to 100 µs until a gating consumer frees a slot.
     *
     * @return the claimed sequence
     * @throws InterruptedException if the thread is interrupted while waiting; nothing is claimed
     */
    public long next() throws InterruptedException {
        long sequence = sequencer.tryNext(1);
        return sequence != INSUFFICIENT_CAPACITY ? sequence : awaitClaim(1);
    }

    /**
     * Claims {@code n} consecutive sequences, waiting (as {@link #next()}) until all {@code n} are free.
     *
     * @param n how many, from 1 to {@link #capacity()}
     * @return the highest claimed sequence; the claim is {@code result - n + 1 .. result}
     * @throws InterruptedException if the thread is interrupted while waiting; nothing is claimed
     * @throws IllegalArgumentException if {@code n} is out of range
     */
    public long next(int n) throws InterruptedException {
        checkClaimSize(n);
        long sequence = sequencer.tryNext(n);
        return sequence != INSUFFICIENT_CAPACITY ? sequence : awaitClaim(n);
    }

    /**
     * Claims the next sequence if a slot is free; never waits, never throws, never allocates.
     *
     * @return the claimed sequence, or {@link #INSUFFICIENT_CAPACITY} with nothing claimed
     */
    public long tryNext() {
        return sequencer.tryNext(1);
    }

    /**
     * Claims {@code n} consecutive sequences if all are free; never waits or allocates.
     *
     * @param n how many, from 1 to {@link #capacity()}
     * @return the highest claimed sequence, or {@link #INSUFFICIENT_CAPACITY} with nothing claimed
     * @throws IllegalArgumentException if {@code n} is out of range
     */
    public long tryNext(int n) {
        checkClaimSize(n);
        return sequencer.tryNext(n);
    }

    private long awaitClaim(int n) throws InterruptedException {
        long sequence;
        int attempts = 0;
        long parkNanos = MIN_PARK_NANOS;
        while ((sequence = sequencer.tryNext(n)) == INSUFFICIENT_CAPACITY) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while claiming " + n + " of " + capacity + " slots");
            }
            if (attempts < SPIN_TRIES) {
                attempts++;
                Thread.onSpinWait();
            } else if (attempts < SPIN_TRIES + YIELD_TRIES) {
                attempts++;
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, parkNanos);
                parkNanos = Math.min(parkNanos << 1, MAX_PARK_NANOS);
            }
        }
        return sequence;
    }

    /**
     * Publishes one claimed sequence: consumers may read its slot from now on.
     *
     * @param sequence a sequence claimed by this producer
     * @throws IllegalArgumentException if {@code sequence} is negative or, on a single-producer
     *     ring, was not claimed (a multi-producer ring cannot check that cheaply: publishing a
     *     sequence nobody claimed corrupts it)
     */
    public void publish(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0: " + sequence);
        }
        sequencer.publish(sequence);
    }

    /**
     * Publishes a claimed range at once, waking waiting consumers once.
     *
     * @param lo the first sequence of the range
     * @param hi the last sequence of the range
     * @throws IllegalArgumentException if {@code lo > hi}, {@code lo < 0}, the range is longer
     *     than the capacity, or (single producer) {@code hi} was not claimed
     */
    public void publish(long lo, long hi) {
        if (lo > hi || lo < 0 || hi - lo >= capacity) {
            throw new IllegalArgumentException("publish range must satisfy 0 <= lo <= hi < lo + capacity ("
                    + capacity + "): lo=" + lo + ", hi=" + hi);
        }
        sequencer.publish(lo, hi);
    }

    /**
     * Claims a slot (waiting as {@link #next()}), lets {@code translator} fill it, and publishes it.
     * The slot is published even if the translator throws.
     *
     * @param translator writes the event
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     */
    public void publishEvent(EventTranslator<? super E> translator) throws InterruptedException {
        Objects.requireNonNull(translator, "translator");
        long sequence = next();
        try {
            translator.translateTo(get(sequence), sequence);
        } finally {
            sequencer.publish(sequence);
        }
    }

    /**
     * As {@link #publishEvent(EventTranslator)}, passing one argument to the translator.
     *
     * @param translator writes the event
     * @param arg0 passed to the translator
     * @param <A> the argument type
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     */
    public <A> void publishEvent(EventTranslatorOneArg<? super E, A> translator, A arg0) throws InterruptedException {
        Objects.requireNonNull(translator, "translator");
        long sequence = next();
        try {
            translator.translateTo(get(sequence), sequence, arg0);
        } finally {
            sequencer.publish(sequence);
        }
    }

    /**
     * As {@link #publishEvent(EventTranslator)}, passing two arguments to the translator.
     *
     * @param translator writes the event
     * @param arg0 passed to the translator
     * @param arg1 passed to the translator
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     */
    public <A, B> void publishEvent(EventTranslatorTwoArg<? super E, A, B> translator, A arg0, B arg1)
            throws InterruptedException {
        Objects.requireNonNull(translator, "translator");
        long sequence = next();
        try {
            translator.translateTo(get(sequence), sequence, arg0, arg1);
        } finally {
            sequencer.publish(sequence);
        }
    }

    /**
     * As {@link #publishEvent(EventTranslator)}, passing three arguments to the translator.
     *
     * @param translator writes the event
     * @param arg0 passed to the translator
     * @param arg1 passed to the translator
     * @param arg2 passed to the translator
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @param <C> the third argument type
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     */
    public <A, B, C> void publishEvent(EventTranslatorThreeArg<? super E, A, B, C> translator,
                                       A arg0, B arg1, C arg2) throws InterruptedException {
        Objects.requireNonNull(translator, "translator");
        long sequence = next();
        try {
            translator.translateTo(get(sequence), sequence, arg0, arg1, arg2);
        } finally {
            sequencer.publish(sequence);
        }
    }

    /**
     * Claims a slot if one is free, lets {@code translator} fill it, and publishes it; never waits.
     *
     * @param translator writes the event
     * @return whether the event was published; {@code false} leaves the ring unchanged
     */
    public boolean tryPublishEvent(EventTranslator<? super E> translator) {
        Objects.requireNonNull(translator, "translator");
        long sequence = sequencer.tryNext(1);
        if (sequence == INSUFFICIENT_CAPACITY) {
            return false;
        }
        try {
            translator.translateTo(get(sequence), sequence);
        } finally {
            sequencer.publish(sequence);
        }
        return true;
    }

    /**
     * As {@link #tryPublishEvent(EventTranslator)}, passing one argument to the translator.
     *
     * @param translator writes the event
     * @param arg0 passed to the translator
     * @param <A> the argument type
     * @return whether the event was published
     */
    public <A> boolean tryPublishEvent(EventTranslatorOneArg<? super E, A> translator, A arg0) {
        Objects.requireNonNull(translator, "translator");
        long sequence = sequencer.tryNext(1);
        if (sequence == INSUFFICIENT_CAPACITY) {
            return false;
        }
        try {
            translator.translateTo(get(sequence), sequence, arg0);
        } finally {
            sequencer.publish(sequence);
        }
        return true;
    }

    /**
     * As {@link #tryPublishEvent(EventTranslator)}, passing two arguments to the translator.
     *
     * @param translator writes the event
     * @param arg0 passed to the translator
     * @param arg1 passed to the translator
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @return whether the event was published
     */
    public <A, B> boolean tryPublishEvent(EventTranslatorTwoArg<? super E, A, B> translator, A arg0, B arg1) {
        Objects.requireNonNull(translator, "translator");
        long sequence = sequencer.tryNext(1);
        if (sequence == INSUFFICIENT_CAPACITY) {
            return false;
        }
        try {
            translator.translateTo(get(sequence), sequence, arg0, arg1);
        } finally {
            sequencer.publish(sequence);
        }
        return true;
    }

    /**
     * As {@link #tryPublishEvent(EventTranslator)}, passing three arguments to the translator.
     *
     * @param translator writes the event
     * @param arg0 passed to the translator
     * @param arg1 passed to the translator
     * @param arg2 passed to the translator
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @param <C> the third argument type
     * @return whether the event was published
     */
    public <A, B, C> boolean tryPublishEvent(EventTranslatorThreeArg<? super E, A, B, C> translator,
                                             A arg0, B arg1, C arg2) {
        Objects.requireNonNull(translator, "translator");
        long sequence = sequencer.tryNext(1);
        if (sequence == INSUFFICIENT_CAPACITY) {
            return false;
        }
        try {
            translator.translateTo(get(sequence), sequence, arg0, arg1, arg2);
        } finally {
            sequencer.publish(sequence);
        }
        return true;
    }

    /**
     * Whether {@code sequence} is published and still in the ring (not yet overwritten by a later lap).
     *
     * @param sequence any sequence
     * @return whether a consumer could read it now
     */
    public boolean isPublished(long sequence) {
        return sequencer.isPublished(sequence);
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
        return sequencer.addGatingSequence(sequence);
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
        return sequencer.removeGatingSequence(sequence);
    }

    /** @return the lowest gating sequence, or {@link #cursor()} if no sequence gates the ring */
    public long minimumGatingSequence() {
        return sequencer.minimumGatingSequence(sequencer.claimedVolatile());
    }

    /** @return how many sequences gate producers now */
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

    /** @return the number of slots */
    public int capacity() {
        return capacity;
    }

    /** @return whether one or many threads may produce */
    public ProducerType producerType() {
        return sequencer.producerType();
    }

    /** @return the strategy the ring's consumers wait with */
    public WaitStrategy waitStrategy() {
        return sequencer.waitStrategy;
    }

    private void checkClaimSize(int n) {
        if (n < 1 || n > capacity) {
            throw new IllegalArgumentException("n must be from 1 to the capacity " + capacity + ": " + n);
        }
    }

    @Override
    public String toString() {
        return "RingBuffer{capacity=" + capacity + ", producerType=" + producerType() + ", cursor=" + cursor()
                + ", remainingCapacity=" + remainingCapacity() + ", waitStrategy=" + waitStrategy() + '}';
    }

    /**
     * Builds a {@link RingBuffer}. Not thread-safe; use from one thread.
     *
     * @param <E> the event type
     */
    public static final class Builder<E> {
        private final EventFactory<E> eventFactory;
        private int capacity = 1024;
        private ProducerType producerType = ProducerType.MULTI;
        private WaitStrategy waitStrategy = new BlockingWaitStrategy();

        private Builder(EventFactory<E> eventFactory) {
            this.eventFactory = eventFactory;
        }

        /**
         * @param capacity a power of two from 1 to 2<sup>30</sup>
         * @return this builder
         * @throws IllegalArgumentException if it is not
         */
        public Builder<E> capacity(int capacity) {
            if (capacity < 1 || capacity > MAX_CAPACITY || Integer.bitCount(capacity) != 1) {
                throw new IllegalArgumentException(
                        "capacity must be a power of two from 1 to 2^30 (" + MAX_CAPACITY + "): " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * @param producerType whether one or many threads may produce
         * @return this builder
         */
        public Builder<E> producerType(ProducerType producerType) {
            this.producerType = Objects.requireNonNull(producerType, "producerType");
            return this;
        }

        /**
         * @param waitStrategy how consumers wait
         * @return this builder
         */
        public Builder<E> waitStrategy(WaitStrategy waitStrategy) {
            this.waitStrategy = Objects.requireNonNull(waitStrategy, "waitStrategy");
            return this;
        }

        /**
         * Allocates the ring and fills every slot from the event factory.
         *
         * @return the ring
         * @throws NullPointerException if the factory returns null
         */
        public RingBuffer<E> build() {
            Sequencer sequencer = producerType == ProducerType.SINGLE
                    ? new SingleProducerSequencer(capacity, waitStrategy)
                    : new MultiProducerSequencer(capacity, waitStrategy);
            return new RingBuffer<>(eventFactory, capacity, sequencer);
        }
    }
}
