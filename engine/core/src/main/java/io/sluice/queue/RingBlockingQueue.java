package io.sluice.queue;

import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.RingBufferBuilder;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingFigure;
import io.sluice.metrics.RingSnapshot;
import io.sluice.wait.BusySpinWaitStrategy;

import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded {@link BlockingQueue} on a Sluice ring: a drop-in for {@link java.util.concurrent.ArrayBlockingQueue}
 * ({@code new RingBlockingQueue<>(capacity)} in place of {@code new ArrayBlockingQueue<>(capacity)}),
 * whose producers wait, shed and are rate-limited by a {@link BackpressurePolicy} and counted as a
 * ring's producers are. No lock on the insert and take paths, and no allocation per element.
 *
 * <h2>Producing</h2>
 * The queue's policy (default {@link BackpressurePolicy#block()}) decides what an insert does
 * when the queue is full:
 * <table>
 *   <caption>Inserts under each kind of policy</caption>
 *   <tr><th></th><th>a waiting policy: spin, yield, park, block, back-off</th><th>a shedding policy: {@code shed()}, {@code shedOnDelay(...)}</th></tr>
 *   <tr><td>{@link #put}</td><td>waits as the policy waits</td><td>throws {@link IllegalStateException}: the queue never waits</td></tr>
 *   <tr><td>{@link #offer(Object, long, TimeUnit)}</td><td>waits as the policy waits, up to the timeout; false after it, counted as a timeout</td><td>as {@code offer(e)}</td></tr>
 *   <tr><td>{@link #offer(Object)}, {@link #add}</td><td>false at once, counted as a rejection</td><td>false, counted as a drop; {@code shedOnDelay} also drops while elements wait longer than its target</td></tr>
 * </table>
 * A rate limit on the policy ({@link BackpressurePolicy#withRateLimit}) paces every insert:
 * {@code put} waits for a permit, {@code offer(e, timeout)} up to its timeout, {@code offer(e)}
 * returns false without one. A {@link java.util.concurrent.ThreadPoolExecutor}, which inserts
 * with {@code offer(e)}, then rejects the tasks its queue sheds or has no permit for. Every
 * stall, drop, rejection and timeout is counted: {@link #snapshot(RingSnapshot)}, and the JFR
 * events of the ring ({@link Builder#statisticsEvents()}).
 *
 * <h2>Consuming</h2>
 * {@code take} and the timed {@code poll} spin briefly, then park on a
 * {@link java.util.concurrent.locks.Condition} that a producer signals only while some consumer
 * waits. {@code remove(Object)}, {@link Iterator#remove()} and {@code removeIf} withdraw an element
 * from the middle of the queue by emptying its slot; consumers pass over such a slot.
 *
 * <h2>Thread-safety</h2>
 * Every method is safe from any thread, except in the cheaper variants chosen at build:
 * {@link Builder#singleProducer()} lets one thread at a time insert, and
 * {@link Builder#singleConsumer()} lets one thread at a time take ({@code take}, {@code poll},
 * {@code remove()}, {@code drainTo}, {@code clear}); reading ({@code peek}, {@code size},
 * iteration, {@code contains}) and {@code remove(Object)} stay safe from any thread. Iterators are
 * weakly consistent, like {@code ArrayBlockingQueue}'s: they never throw
 * {@link java.util.ConcurrentModificationException}, and see each element at most once.
 * {@code size()} is exact when no insert or take is in progress. {@code put}, {@code take} and the
 * timed {@code offer} and {@code poll} throw {@link InterruptedException}, with the interrupt status
 * cleared, if the thread is interrupted on entry or while waiting. Nulls are refused. Not
 * serializable.
 *
 * @param <E> the element type
 */
public final class RingBlockingQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {
    /** How often a consumer looks again before it parks. */
    private static final int SPINS_BEFORE_PARK = 64;

    private final int capacity;
    private final RingBuffer<QueueSlot> ring;
    private final TakeSide takers;
    private final TakerWaiters waiters = new TakerWaiters();
    /** Decided at build: shedding inserts never wait. */
    private final boolean sheds;
    /** Whether a claim may be refused for want of a permit (a rate limit, a delay target) though the ring has room. */
    private final boolean admissionLimited;

    /**
     * A queue any number of threads may insert into and take from, whose full queue makes
     * {@code put} block until a consumer takes ({@link BackpressurePolicy#block()}).
     *
     * @param capacity how many elements it holds, from 1 to 2<sup>30</sup>
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    public RingBlockingQueue(int capacity) {
        this(builder(capacity));
    }

    private RingBlockingQueue(Builder<E> b) {
        this.capacity = b.capacity;
        int slots = Integer.highestOneBit(b.capacity);
        if (slots < b.capacity) {
            slots <<= 1;
        }
        RingBufferBuilder<QueueSlot> rb = RingBuffer.builder(QueueSlot.FACTORY)
                .capacity(slots)
                .producerType(b.singleProducer ? ProducerType.SINGLE : ProducerType.MULTI)
                // Consumers of a queue wait in TakerWaiters, never in the ring's strategy, so the
                // ring's strategy needs no signal on publish.
                .waitStrategy(new BusySpinWaitStrategy())
                .backpressure(b.policy);
        if (b.name != null) {
            rb.name(b.name);
        }
        if (b.statisticsEvents) {
            rb.statisticsEvents();
        }
        this.ring = rb.build();
        long slack = slots - b.capacity;
        this.takers = b.singleConsumer ? TakeSide.SingleTaker.on(ring, slack) : new TakeSide.SharedTakers(ring, slack);
        this.sheds = b.policy.sheds();
        this.admissionLimited = b.policy.rateLimiter() != null || b.policy.delayTarget() != null;
    }

    /**
     * Starts a queue of {@code capacity} elements: by default multi-producer, multi-consumer,
     * blocking {@code put}.
     *
     * @param capacity how many elements it holds, from 1 to 2<sup>30</sup>
     * @param <E> the element type
     * @return a builder
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    public static <E> Builder<E> builder(int capacity) {
        return new Builder<>(capacity);
    }

    // ---------------------------------------------------------------- inserting

    /**
     * Inserts {@code e}, waiting as the queue's policy waits while the queue is full.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is inserted
     * @throws NullPointerException if {@code e} is null
     * @throws IllegalStateException if the queue's policy sheds instead of waiting
     */
    @Override
    public void put(E e) throws InterruptedException {
        Objects.requireNonNull(e, "e");
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before put into " + ring.name());
        }
        if (sheds) {
            throw new IllegalStateException("put would wait, but queue " + ring.name() + " sheds when full (policy "
                    + ring.backpressurePolicy() + "): insert with offer");
        }
        insert(ring.next(), e);
    }

    /**
     * Inserts {@code e} if there is room now (and, under a rate limit, a permit); never waits.
     * Under a shedding policy a refused insert is counted as a drop, otherwise as a rejection.
     *
     * @return whether {@code e} was inserted
     * @throws NullPointerException if {@code e} is null
     */
    @Override
    public boolean offer(E e) {
        Objects.requireNonNull(e, "e");
        if (sheds) {
            return shedOrInsert(e);
        }
        long sequence = ring.tryNext();
        return insert(sequence >= 0 ? sequence : retryAfterTakesInProgress(), e);
    }

    /**
     * The slow path of an insert that found the ring full: if the queue holds fewer elements than
     * its capacity, the missing room is a slot whose take is still in progress (a consumer
     * claimed it and has not yet marked it done: a few instructions, unless its thread was
     * descheduled between them). An {@code offer} must not fail for that, so it yields until the
     * take finishes or the queue is really full, as a JCTools MPMC queue spins on a slot its
     * consumer has not released. Never waits for a consumer to take an element.
     *
     * <p>Under a rate limit or a delay target the ring also refuses for want of a permit: a
     * refusal that finds room at once is the limit's and is not retried; after waiting out a take
     * in progress, one more claim is tried and its outcome stands.
     *
     * @return the claimed sequence, or {@link RingBuffer#INSUFFICIENT_CAPACITY} if the queue is full
     *         or its limit gave no permit
     */
    private long retryAfterTakesInProgress() {
        if (admissionLimited && ring.remainingCapacity() > 0) {
            return RingBuffer.INSUFFICIENT_CAPACITY; // refused with room to spare: the limit held it back
        }
        while (ring.cursor() - takers.taken() < capacity) {
            if (ring.remainingCapacity() > 0) {
                long sequence = ring.tryNext();
                if (sequence >= 0 || admissionLimited) {
                    return sequence;
                }
            }
            Thread.yield();
        }
        return RingBuffer.INSUFFICIENT_CAPACITY;
    }

    /** Before a shedding claim: waits out takes in progress (see above), so that only a full queue sheds. */
    private void awaitTakesInProgress() {
        while (ring.remainingCapacity() == 0 && ring.cursor() - takers.taken() < capacity) {
            Thread.yield();
        }
    }

    /**
     * Inserts {@code e}, waiting as the queue's policy waits but at most {@code timeout}; a
     * timeout of zero or less waits not at all. Under a shedding policy, as {@link #offer(Object)}.
     *
     * @return whether {@code e} was inserted; false if the time ran out (counted as a timeout)
     * @throws InterruptedException if interrupted on entry or while waiting; nothing is inserted
     * @throws NullPointerException if {@code e} or {@code unit} is null
     */
    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(unit, "unit");
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before offer into " + ring.name());
        }
        if (sheds) {
            return shedOrInsert(e);
        }
        if (timeout <= 0) {
            long sequence = ring.tryNext();
            return insert(sequence >= 0 ? sequence : retryAfterTakesInProgress(), e);
        }
        return insert(ring.next(1, timeout, unit), e);
    }

    private boolean shedOrInsert(E e) {
        awaitTakesInProgress();
        long sequence;
        try {
            sequence = ring.next(); // a shedding policy never waits: it claims or drops at once
        } catch (InterruptedException notWaiting) {
            Thread.currentThread().interrupt();
            return false;
        }
        return insert(sequence, e);
    }

    /** Writes a claimed slot and publishes it; a negative outcome (nothing claimed) inserts nothing. */
    private boolean insert(long sequence, E e) {
        if (sequence < 0) {
            return false;
        }
        ring.get(sequence).put(e);
        ring.publish(sequence);
        waiters.signalIfWaiting();
        return true;
    }

    // ---------------------------------------------------------------- taking

    /** {@return the oldest element, removed, or null if the queue is empty; never waits} */
    @Override
    @SuppressWarnings("unchecked")
    public E poll() {
        return (E) takers.poll();
    }

    /**
     * Takes the oldest element, waiting until there is one.
     *
     * @throws InterruptedException if interrupted on entry or while waiting
     */
    @Override
    @SuppressWarnings("unchecked")
    public E take() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before take from " + ring.name());
        }
        Object element = spinThenPoll();
        return (E) (element != null ? element : waiters.await(takers, false, 0));
    }

    /**
     * Takes the oldest element, waiting at most {@code timeout} for one.
     *
     * @return the element, or null if the time ran out
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws NullPointerException if {@code unit} is null
     */
    @Override
    @SuppressWarnings("unchecked")
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before poll from " + ring.name());
        }
        Object element = takers.poll();
        if (element != null || timeout <= 0) {
            return (E) element;
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        element = spinThenPoll();
        return (E) (element != null ? element : waiters.await(takers, true, deadline - System.nanoTime()));
    }

    private Object spinThenPoll() {
        for (int i = 0; i < SPINS_BEFORE_PARK; i++) {
            Object element = takers.poll();
            if (element != null) {
                return element;
            }
            Thread.onSpinWait();
        }
        return null;
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    /**
     * Moves up to {@code maxElements} elements, oldest first, into {@code c}. If {@code c}
     * refuses an element by throwing, the element goes back to the tail of this queue if there is
     * room (else it is lost, as {@link BlockingQueue#drainTo} allows), and the exception is thrown.
     *
     * @throws NullPointerException if {@code c} is null
     * @throws IllegalArgumentException if {@code c} is this queue
     */
    @Override
    public int drainTo(Collection<? super E> c, int maxElements) {
        Objects.requireNonNull(c, "c");
        if (c == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        int n = 0;
        E element;
        while (n < maxElements && (element = poll()) != null) {
            try {
                c.add(element);
            } catch (RuntimeException | Error refused) {
                offer(element);
                throw refused;
            }
            n++;
        }
        return n;
    }

    /** Takes every element there is now; inserts that happen meanwhile may stay. */
    @Override
    public void clear() {
        while (poll() != null) {
            // taking is clearing
        }
    }

    // ---------------------------------------------------------------- reading

    @Override
    @SuppressWarnings("unchecked")
    public E peek() {
        Cursor cursor = new Cursor();
        return cursor.advance() ? (E) cursor.element : null;
    }

    /** {@return the number of elements: exact while no insert or take is in progress} */
    @Override
    public int size() {
        long n = ring.cursor() - takers.taken() - takers.holes();
        return (int) Math.max(0, Math.min(capacity, n));
    }

    /**
     * {@return how many elements could be inserted now} An element withdrawn from the middle of
     * the queue ({@code remove(Object)}) keeps its slot until the consumers pass over it, so
     * until then {@code size() + remainingCapacity()} is less than the capacity; otherwise they
     * add up to it while no insert or take is in progress.
     */
    @Override
    public int remainingCapacity() {
        long occupied = ring.cursor() - takers.taken();
        return (int) Math.max(0, Math.min(capacity, capacity - occupied));
    }

    /** {@return the capacity the queue was built with} */
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean contains(Object o) {
        if (o == null) {
            return false;
        }
        Cursor cursor = new Cursor();
        while (cursor.advance()) {
            if (o.equals(cursor.element)) {
                return true;
            }
            cursor.sequence++;
        }
        return false;
    }

    /**
     * Withdraws one element equal to {@code o}, the oldest found, if there is one. Its slot is
     * emptied; consumers pass over it.
     */
    @Override
    public boolean remove(Object o) {
        if (o == null) {
            return false;
        }
        Cursor cursor = new Cursor();
        while (cursor.advance()) {
            if (o.equals(cursor.element) && cursor.withdraw()) {
                return true;
            }
            cursor.sequence++;
        }
        return false;
    }

    /** {@return a weakly consistent iterator, oldest first, whose {@code remove} withdraws the element} */
    @Override
    public Iterator<E> iterator() {
        return new Itr();
    }

    // ---------------------------------------------------------------- observing

    /**
     * Copies the queue's figures (its ring's, with the queue's capacity) and its producers'
     * counters into {@code into}. Allocation-free; thread-safe.
     *
     * @param into a caller-owned snapshot to overwrite
     * @return {@code into}
     */
    public RingSnapshot snapshot(RingSnapshot into) {
        ring.snapshot(into);
        // The ring's first `slack` sequences were published empty when the queue was built (see
        // TakeSide): the queue's figures count from after them.
        long slack = takers.slack;
        into.set(RingFigure.CAPACITY, capacity);
        into.set(RingFigure.CURSOR, into.get(RingFigure.CURSOR) - slack);
        into.setCounter(ProducerCounter.CLAIMS, into.get(ProducerCounter.CLAIMS) - slack);
        return into;
    }

    /** {@return the name its figures and JFR events carry} */
    public String name() {
        return ring.name();
    }

    /** {@return the policy its inserts apply} */
    public BackpressurePolicy backpressurePolicy() {
        return ring.backpressurePolicy();
    }

    /**
     * A reader's walk over the published sequences after the last one taken. An element read at
     * a sequence is that sequence's only while no consumer has taken the sequence: before that, no
     * producer can reuse its slot. So each read is checked against {@link TakeSide#taken()}
     * after it, and a walk overtaken by the consumers jumps ahead to them.
     */
    private final class Cursor {
        long sequence = takers.taken() + 1;
        Object element;

        /** Moves to the first live element at or after {@code sequence}; false at the end. */
        boolean advance() {
            while (true) {
                long taken = takers.taken();
                if (sequence <= taken) {
                    sequence = taken + 1;
                }
                if (!ring.isPublished(sequence)) {
                    element = null;
                    return false;
                }
                Object read = ring.get(sequence).peek();
                if (takers.taken() >= sequence) {
                    continue; // taken while read: the slot may already hold a later lap's element
                }
                if (read != null) {
                    element = read;
                    return true;
                }
                sequence++; // withdrawn, or being taken
            }
        }

        boolean withdraw() {
            if (ring.get(sequence).withdraw(element)) {
                takers.withdrawn();
                return true;
            }
            return false;
        }
    }

    private final class Itr implements Iterator<E> {
        private final Cursor cursor = new Cursor();
        private Object next;
        private long lastSequence = -1;
        private Object last;

        Itr() {
            next = cursor.advance() ? cursor.element : null;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E next() {
            Object element = next;
            if (element == null) {
                throw new NoSuchElementException();
            }
            last = element;
            lastSequence = cursor.sequence;
            cursor.sequence++;
            next = cursor.advance() ? cursor.element : null;
            return (E) element;
        }

        /** Withdraws the element {@link #next()} returned, unless a consumer has taken it since. */
        @Override
        public void remove() {
            Object element = last;
            if (element == null) {
                throw new IllegalStateException("next() was not called, or remove() was already called for its element");
            }
            last = null;
            if (takers.taken() < lastSequence && ring.get(lastSequence).withdraw(element)) {
                takers.withdrawn();
            }
        }
    }

    /**
     * Builds a {@link RingBlockingQueue}. Not thread-safe; each {@link #build()} makes a new queue.
     *
     * @param <E> the element type
     */
    public static final class Builder<E> {
        private final int capacity;
        private String name;
        private boolean singleProducer;
        private boolean singleConsumer;
        private boolean statisticsEvents;
        private BackpressurePolicy policy = BackpressurePolicy.block();

        private Builder(int capacity) {
            if (capacity < 1 || capacity > RingBuffer.MAX_CAPACITY) {
                throw new IllegalArgumentException("capacity must be from 1 to 2^30 (" + RingBuffer.MAX_CAPACITY + "): " + capacity);
            }
            this.capacity = capacity;
        }

        /**
         * Names the queue.
         * @param name how its figures and JFR events are labelled; default {@code ring-N}
         * @return this builder
         */
        public Builder<E> name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Lets only one thread at a time insert: cheaper claims (no atomic instruction).
         * @return this builder
         */
        public Builder<E> singleProducer() {
            this.singleProducer = true;
            return this;
        }

        /**
         * Lets only one thread at a time take: cheaper takes (no compare-and-set among takers).
         * @return this builder
         */
        public Builder<E> singleConsumer() {
            this.singleConsumer = true;
            return this;
        }

        /**
         * Sets what inserts do when the queue is full (see the table on {@link RingBlockingQueue}).
         * @param policy a waiting policy, with or without a rate limit, or a shedding one; not one
         *     with a deadline ({@code withTimeout}), since {@code put} waits without one: give
         *     the deadline to {@code offer(e, timeout, unit)} instead
         * @return this builder
         * @throws IllegalArgumentException if the policy has a deadline
         */
        public Builder<E> backpressure(BackpressurePolicy policy) {
            Objects.requireNonNull(policy, "policy");
            if (policy.timeoutNanos() != 0) {
                throw new IllegalArgumentException("a queue's put waits without a deadline; pass the timeout to "
                        + "offer(e, timeout, unit) instead of the policy: " + policy);
            }
            this.policy = policy;
            return this;
        }

        /**
         * Makes the queue's ring report periodic JFR statistics events.
         * @return this builder
         */
        public Builder<E> statisticsEvents() {
            this.statisticsEvents = true;
            return this;
        }

        /** {@return a new, empty queue} */
        public RingBlockingQueue<E> build() {
            return new RingBlockingQueue<>(this);
        }
    }
}
