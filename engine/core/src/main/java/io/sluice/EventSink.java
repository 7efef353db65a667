package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The producer's side of a ring, written once: claim sequences, write their slots, publish them;
 * or claim, translate and publish in one call. {@link RingBuffer} implements it under the ring's
 * {@link BackpressurePolicy}, counting into the ring; a {@link Producer} handle under its own
 * policy, counting into its own counters.
 *
 * <p><b>Outcomes.</b> A claim returns the claimed sequence (the highest, for {@code n}), or a
 * negative code with nothing claimed and the ring unchanged: {@link RingBuffer#INSUFFICIENT_CAPACITY}
 * from a {@code try} claim, {@link RingBuffer#TIMED_OUT} when the policy's deadline passed,
 * {@link RingBuffer#DROPPED} when a shedding policy dropped the event. Check before writing.
 *
 * <p><b>Blocking.</b> {@code next} and {@code publishEvent} wait while the ring is full, as the
 * policy says (spin, yield, park, block; up to a deadline if it has one; a rate-limited policy
 * also waits for permits), and throw {@link InterruptedException} if interrupted, with nothing
 * claimed. {@code tryNext}, {@code tryPublishEvent} and {@code publish} never wait. All throw
 * {@link RingClosedException}, with nothing claimed, once the ring is closed to producers.
 *
 * <p><b>Batches.</b> The {@code publishEvents} forms claim {@code batchSize} consecutive slots
 * in one claim, translate the events {@code batchStartsAt} to {@code batchStartsAt + batchSize - 1}
 * of their arrays into them in order, and publish them together; the forms without a range take
 * whole arrays. Their arguments are checked before anything is claimed: a negative
 * {@code batchStartsAt}, a {@code batchSize} below 1 or above the capacity, or a range past the
 * end of an array throws {@link IllegalArgumentException} naming the value, a null array or
 * translator {@link NullPointerException}, with the ring unchanged. A translator that throws
 * leaves no gap: the whole batch is published and the exception propagates.
 *
 * <p><b>Threads.</b> On a multi-producer ring any thread may claim and publish. On a
 * single-producer ring, and on any {@link Producer} handle, one thread at a time.
 *
 * <p><b>Overloads.</b> As in the Disruptor, a one-argument translator and a vararg translator
 * share a name. A call passing an implicitly typed lambda and a single {@code Object[]} argument
 * matches both; give the lambda's parameter types, or cast it to the translator type meant.
 *
 * @param <E> the event type
 */
@SuppressWarnings("overloads") // the Disruptor's names, kept for code ported from it; see "Overloads"
public interface EventSink<E> {
    /**
     * Claims the next sequence, applying the policy while the ring is full.
     *
     * @return the claimed sequence, or {@link RingBuffer#TIMED_OUT} / {@link RingBuffer#DROPPED}
     *     with nothing claimed
     * @throws InterruptedException if interrupted while waiting; nothing is claimed
     * @throws IllegalStateException if this is a closed {@link Producer} handle
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    long next() throws InterruptedException;

    /**
     * Claims {@code n} consecutive sequences, applying the policy until all {@code n} are free.
     * Under a rate-limited policy a claim of more than the burst waits for its permits a burst at
     * a time. Publish them with {@link #publish(long, long)}.
     *
     * @param n how many, from 1 to the ring's capacity (under a rate-limited {@code shed()},
     *     which never waits for permits, at most the burst)
     * @return the highest claimed sequence (the claim is {@code result - n + 1 .. result}), or a
     *     negative code with nothing claimed
     * @throws InterruptedException if interrupted while waiting; nothing is claimed
     * @throws IllegalArgumentException if {@code n} is out of range
     * @throws IllegalStateException if this is a closed {@link Producer} handle
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    long next(int n) throws InterruptedException;

    /**
     * Claims {@code n} consecutive sequences, waiting as the policy waits but at most
     * {@code timeout}. With {@link BackpressurePolicy#shed()} it drops at once, as always.
     *
     * @param n how many, from 1 to the ring's capacity
     * @param timeout the most this claim may wait; positive
     * @param unit the unit of {@code timeout}
     * @return the highest claimed sequence, or {@link RingBuffer#TIMED_OUT} / {@link RingBuffer#DROPPED}
     *     with nothing claimed
     * @throws InterruptedException if interrupted while waiting; nothing is claimed
     * @throws IllegalArgumentException if {@code n} or {@code timeout} is out of range
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    long next(int n, long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Claims the next sequence only if a slot is free now and, under a rate-limited policy, a
     * permit is there; never waits, never allocates, counts a rejection if not.
     *
     * @return the claimed sequence, or {@link RingBuffer#INSUFFICIENT_CAPACITY} with nothing claimed
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    long tryNext();

    /**
     * Claims {@code n} consecutive sequences only if all are free now and, under a rate-limited
     * policy, {@code n} permits are there; never waits, counts a rejection if not.
     *
     * @param n how many, from 1 to the ring's capacity, and at most the rate limiter's burst if
     *     the policy has one (a claim that never waits can never hold more permits)
     * @return the highest claimed sequence, or {@link RingBuffer#INSUFFICIENT_CAPACITY} with nothing claimed
     * @throws IllegalArgumentException if {@code n} is out of range
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    long tryNext(int n);

    /**
     * Publishes a claimed sequence: consumers may read its slot from now on. When it is the last
     * sequence of a claim of several ({@code publish(next(n))}), the whole claim is published, on
     * either kind of ring, so no part of it is left as a gap consumers cannot pass; any other
     * sequence is published alone. Sequences of the claim published one by one before are left
     * as they are.
     *
     * @param sequence a sequence claimed here
     * @throws IllegalArgumentException if {@code sequence} is negative or, on a single-producer
     *     ring, was not claimed (a multi-producer ring cannot check that cheaply: publishing a
     *     sequence nobody claimed corrupts it)
     */
    void publish(long sequence);

    /**
     * Publishes a claimed range at once, waking waiting consumers once.
     *
     * @param lo the first sequence of the range
     * @param hi the last sequence of the range
     * @throws IllegalArgumentException if {@code lo > hi}, {@code lo < 0}, the range is longer
     *     than the capacity, or (single producer) {@code hi} was not claimed
     */
    void publish(long lo, long hi);

    /**
     * Claims a slot under the policy, lets {@code translator} fill it, and publishes it. The slot
     * is published even if the translator throws, so no gap is left.
     *
     * @param translator writes the event
     * @return whether the event was published: false if the policy timed out or shed it
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    boolean publishEvent(EventTranslator<? super E> translator) throws InterruptedException;

    /**
     * As {@link #publishEvent(EventTranslator)}, passing one argument to the translator.
     *
     * @param translator writes the event
     * @param arg0 passed to the translator
     * @param <A> the argument type
     * @return whether the event was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    <A> boolean publishEvent(EventTranslatorOneArg<? super E, A> translator, A arg0) throws InterruptedException;

    /**
     * As {@link #publishEvent(EventTranslator)}, passing two arguments to the translator.
     *
     * @param translator writes the event
     * @param arg0 passed to the translator
     * @param arg1 passed to the translator
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @return whether the event was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    <A, B> boolean publishEvent(EventTranslatorTwoArg<? super E, A, B> translator, A arg0, B arg1)
            throws InterruptedException;

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
     * @return whether the event was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    <A, B, C> boolean publishEvent(EventTranslatorThreeArg<? super E, A, B, C> translator, A arg0, B arg1, C arg2)
            throws InterruptedException;

    /**
     * Claims a slot only if one is free now (as {@link #tryNext()}), lets {@code translator} fill
     * it, and publishes it; the translator is not called if nothing was claimed.
     *
     * @param translator writes the event
     * @return whether the event was published; false counts a rejection and leaves the ring unchanged
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    boolean tryPublishEvent(EventTranslator<? super E> translator);

    /**
     * As {@link #tryPublishEvent(EventTranslator)}, passing one argument to the translator.
     *
     * @param translator writes the event
     * @param arg0 passed to the translator
     * @param <A> the argument type
     * @return whether the event was published
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    <A> boolean tryPublishEvent(EventTranslatorOneArg<? super E, A> translator, A arg0);

    /**
     * As {@link #tryPublishEvent(EventTranslator)}, passing two arguments to the translator.
     *
     * @param translator writes the event
     * @param arg0 passed to the translator
     * @param arg1 passed to the translator
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @return whether the event was published
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    <A, B> boolean tryPublishEvent(EventTranslatorTwoArg<? super E, A, B> translator, A arg0, B arg1);

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
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    <A, B, C> boolean tryPublishEvent(EventTranslatorThreeArg<? super E, A, B, C> translator, A arg0, B arg1, C arg2);

    /**
     * As {@link #publishEvent(EventTranslator)}, passing the caller's arguments to a translator
     * that takes any number.
     *
     * @param translator writes the event
     * @param args passed to the translator as they are
     * @return whether the event was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    boolean publishEvent(EventTranslatorVararg<? super E> translator, Object... args) throws InterruptedException;

    /**
     * As {@link #tryPublishEvent(EventTranslator)}, passing the caller's arguments to a translator
     * that takes any number.
     *
     * @param translator writes the event
     * @param args passed to the translator as they are
     * @return whether the event was published
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    boolean tryPublishEvent(EventTranslatorVararg<? super E> translator, Object... args);

    // ---------------------------------------------------------------- batches

    /**
     * Claims {@code batchSize} slots under the policy in one claim, lets
     * {@code translators[batchStartsAt + i]} fill the {@code i}-th, and publishes them together
     * (see "Batches" above for the checks).
     *
     * @param translators one translator per event
     * @param batchStartsAt the index of the batch's first translator
     * @param batchSize how many events, from 1 to the capacity
     * @return whether the batch was published: false if the policy timed out or shed it, with
     *     nothing claimed
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     * @throws IllegalArgumentException if the range is empty, too long or outside the array
     * @throws RingClosedException if the ring is closed to producers; nothing is claimed
     */
    boolean publishEvents(EventTranslator<? super E>[] translators, int batchStartsAt, int batchSize)
            throws InterruptedException;

    /**
     * As {@link #publishEvents(EventTranslator[], int, int)}, one translator for the batch, which
     * gets the event's element of {@code arg0}.
     *
     * @param translator writes each event
     * @param batchStartsAt the index of the batch's first element
     * @param batchSize how many events, from 1 to the capacity
     * @param arg0 one argument per event
     * @param <A> the argument type
     * @return whether the batch was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     * @throws IllegalArgumentException if the range is empty, too long or outside the array
     */
    <A> boolean publishEvents(EventTranslatorOneArg<? super E, A> translator, int batchStartsAt, int batchSize,
            A[] arg0) throws InterruptedException;

    /**
     * As {@link #publishEvents(EventTranslatorOneArg, int, int, Object[])} with two arguments per event.
     *
     * @param translator writes each event
     * @param batchStartsAt the index of the batch's first elements
     * @param batchSize how many events, from 1 to the capacity
     * @param arg0 the first argument of each event
     * @param arg1 the second argument of each event
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @return whether the batch was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     * @throws IllegalArgumentException if the range is empty, too long or outside an array
     */
    <A, B> boolean publishEvents(EventTranslatorTwoArg<? super E, A, B> translator, int batchStartsAt, int batchSize,
            A[] arg0, B[] arg1) throws InterruptedException;

    /**
     * As {@link #publishEvents(EventTranslatorOneArg, int, int, Object[])} with three arguments per event.
     *
     * @param translator writes each event
     * @param batchStartsAt the index of the batch's first elements
     * @param batchSize how many events, from 1 to the capacity
     * @param arg0 the first argument of each event
     * @param arg1 the second argument of each event
     * @param arg2 the third argument of each event
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @param <C> the third argument type
     * @return whether the batch was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     * @throws IllegalArgumentException if the range is empty, too long or outside an array
     */
    <A, B, C> boolean publishEvents(EventTranslatorThreeArg<? super E, A, B, C> translator, int batchStartsAt,
            int batchSize, A[] arg0, B[] arg1, C[] arg2) throws InterruptedException;

    /**
     * As {@link #publishEvents(EventTranslatorOneArg, int, int, Object[])}, each event getting its
     * own argument array {@code args[batchStartsAt + i]}.
     *
     * @param translator writes each event
     * @param batchStartsAt the index of the batch's first argument array
     * @param batchSize how many events, from 1 to the capacity
     * @param args one argument array per event
     * @return whether the batch was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     * @throws IllegalArgumentException if the range is empty, too long or outside {@code args}
     */
    boolean publishEvents(EventTranslatorVararg<? super E> translator, int batchStartsAt, int batchSize,
            Object[]... args) throws InterruptedException;

    /**
     * As {@link #publishEvents(EventTranslator[], int, int)}, but only if the whole batch is free
     * now (as {@link #tryNext(int)}); never waits.
     *
     * @param translators one translator per event
     * @param batchStartsAt the index of the batch's first translator
     * @param batchSize how many events, from 1 to the capacity
     * @return whether the batch was published; false counts a rejection and claims nothing
     * @throws IllegalArgumentException if the range is empty, too long or outside the array
     */
    boolean tryPublishEvents(EventTranslator<? super E>[] translators, int batchStartsAt, int batchSize);

    /**
     * As {@link #publishEvents(EventTranslatorOneArg, int, int, Object[])}, but never waits.
     *
     * @param translator writes each event
     * @param batchStartsAt the index of the batch's first element
     * @param batchSize how many events, from 1 to the capacity
     * @param arg0 one argument per event
     * @param <A> the argument type
     * @return whether the batch was published; false counts a rejection and claims nothing
     * @throws IllegalArgumentException if the range is empty, too long or outside the array
     */
    <A> boolean tryPublishEvents(EventTranslatorOneArg<? super E, A> translator, int batchStartsAt, int batchSize,
            A[] arg0);

    /**
     * As {@link #publishEvents(EventTranslatorTwoArg, int, int, Object[], Object[])}, but never waits.
     *
     * @param translator writes each event
     * @param batchStartsAt the index of the batch's first elements
     * @param batchSize how many events, from 1 to the capacity
     * @param arg0 the first argument of each event
     * @param arg1 the second argument of each event
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @return whether the batch was published; false counts a rejection and claims nothing
     * @throws IllegalArgumentException if the range is empty, too long or outside an array
     */
    <A, B> boolean tryPublishEvents(EventTranslatorTwoArg<? super E, A, B> translator, int batchStartsAt,
            int batchSize, A[] arg0, B[] arg1);

    /**
     * As {@link #publishEvents(EventTranslatorThreeArg, int, int, Object[], Object[], Object[])},
     * but never waits.
     *
     * @param translator writes each event
     * @param batchStartsAt the index of the batch's first elements
     * @param batchSize how many events, from 1 to the capacity
     * @param arg0 the first argument of each event
     * @param arg1 the second argument of each event
     * @param arg2 the third argument of each event
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @param <C> the third argument type
     * @return whether the batch was published; false counts a rejection and claims nothing
     * @throws IllegalArgumentException if the range is empty, too long or outside an array
     */
    <A, B, C> boolean tryPublishEvents(EventTranslatorThreeArg<? super E, A, B, C> translator, int batchStartsAt,
            int batchSize, A[] arg0, B[] arg1, C[] arg2);

    /**
     * As {@link #publishEvents(EventTranslatorVararg, int, int, Object[][])}, but never waits.
     *
     * @param translator writes each event
     * @param batchStartsAt the index of the batch's first argument array
     * @param batchSize how many events, from 1 to the capacity
     * @param args one argument array per event
     * @return whether the batch was published; false counts a rejection and claims nothing
     * @throws IllegalArgumentException if the range is empty, too long or outside {@code args}
     */
    boolean tryPublishEvents(EventTranslatorVararg<? super E> translator, int batchStartsAt, int batchSize,
            Object[]... args);

    // The whole-array forms: the batch is every element.

    /**
     * {@link #publishEvents(EventTranslator[], int, int)} over the whole array.
     *
     * @param translators one translator per event
     * @return whether the batch was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     */
    default boolean publishEvents(EventTranslator<? super E>[] translators) throws InterruptedException {
        return publishEvents(translators, 0, Objects.requireNonNull(translators, "translators").length);
    }

    /**
     * {@link #publishEvents(EventTranslatorOneArg, int, int, Object[])} over the whole arrays: the batch is as long as {@code arg0}.
     *
     * @param translator writes each event
     * @param arg0 one argument per event
     * @param <A> an argument type
     * @return whether the batch was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     */
    default <A> boolean publishEvents(EventTranslatorOneArg<? super E, A> translator, A[] arg0) throws InterruptedException {
        int len = Objects.requireNonNull(arg0, "arg0").length;
        return publishEvents(translator, 0, len, arg0);
    }

    /**
     * {@link #publishEvents(EventTranslatorTwoArg, int, int, Object[], Object[])} over the whole arrays: the batch is as long as {@code arg0}.
     *
     * @param translator writes each event
     * @param arg0 an argument of each event
     * @param arg1 an argument of each event
     * @param <A> an argument type
     * @param <B> an argument type
     * @return whether the batch was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     */
    default <A, B> boolean publishEvents(EventTranslatorTwoArg<? super E, A, B> translator, A[] arg0, B[] arg1) throws InterruptedException {
        int len = Objects.requireNonNull(arg0, "arg0").length;
        return publishEvents(translator, 0, len, arg0, arg1);
    }

    /**
     * {@link #publishEvents(EventTranslatorThreeArg, int, int, Object[], Object[], Object[])} over the whole arrays: the batch is as long as {@code arg0}.
     *
     * @param translator writes each event
     * @param arg0 an argument of each event
     * @param arg1 an argument of each event
     * @param arg2 an argument of each event
     * @param <A> an argument type
     * @param <B> an argument type
     * @param <C> an argument type
     * @return whether the batch was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     */
    default <A, B, C> boolean publishEvents(EventTranslatorThreeArg<? super E, A, B, C> translator, A[] arg0, B[] arg1, C[] arg2) throws InterruptedException {
        int len = Objects.requireNonNull(arg0, "arg0").length;
        return publishEvents(translator, 0, len, arg0, arg1, arg2);
    }

    /**
     * {@link #publishEvents(EventTranslatorVararg, int, int, Object[][])} over the whole arrays: the batch is as long as {@code args}.
     *
     * @param translator writes each event
     * @param args the arguments, one array per event
     * @return whether the batch was published
     * @throws InterruptedException if interrupted while waiting for capacity; nothing is claimed
     */
    default boolean publishEvents(EventTranslatorVararg<? super E> translator, Object[]... args) throws InterruptedException {
        int len = Objects.requireNonNull(args, "args").length;
        return publishEvents(translator, 0, len, args);
    }

    /**
     * {@link #tryPublishEvents(EventTranslator[], int, int)} over the whole array.
     *
     * @param translators one translator per event
     * @return whether the batch was published; false counts a rejection and claims nothing
     */
    default boolean tryPublishEvents(EventTranslator<? super E>[] translators) {
        return tryPublishEvents(translators, 0, Objects.requireNonNull(translators, "translators").length);
    }

    /**
     * {@link #tryPublishEvents(EventTranslatorOneArg, int, int, Object[])} over the whole arrays: the batch is as long as {@code arg0}.
     *
     * @param translator writes each event
     * @param arg0 one argument per event
     * @param <A> an argument type
     * @return whether the batch was published; false counts a rejection and claims nothing
     */
    default <A> boolean tryPublishEvents(EventTranslatorOneArg<? super E, A> translator, A[] arg0) {
        int len = Objects.requireNonNull(arg0, "arg0").length;
        return tryPublishEvents(translator, 0, len, arg0);
    }

    /**
     * {@link #tryPublishEvents(EventTranslatorTwoArg, int, int, Object[], Object[])} over the whole arrays: the batch is as long as {@code arg0}.
     *
     * @param translator writes each event
     * @param arg0 an argument of each event
     * @param arg1 an argument of each event
     * @param <A> an argument type
     * @param <B> an argument type
     * @return whether the batch was published; false counts a rejection and claims nothing
     */
    default <A, B> boolean tryPublishEvents(EventTranslatorTwoArg<? super E, A, B> translator, A[] arg0, B[] arg1) {
        int len = Objects.requireNonNull(arg0, "arg0").length;
        return tryPublishEvents(translator, 0, len, arg0, arg1);
    }

    /**
     * {@link #tryPublishEvents(EventTranslatorThreeArg, int, int, Object[], Object[], Object[])} over the whole arrays: the batch is as long as {@code arg0}.
     *
     * @param translator writes each event
     * @param arg0 an argument of each event
     * @param arg1 an argument of each event
     * @param arg2 an argument of each event
     * @param <A> an argument type
     * @param <B> an argument type
     * @param <C> an argument type
     * @return whether the batch was published; false counts a rejection and claims nothing
     */
    default <A, B, C> boolean tryPublishEvents(EventTranslatorThreeArg<? super E, A, B, C> translator, A[] arg0, B[] arg1, C[] arg2) {
        int len = Objects.requireNonNull(arg0, "arg0").length;
        return tryPublishEvents(translator, 0, len, arg0, arg1, arg2);
    }

    /**
     * {@link #tryPublishEvents(EventTranslatorVararg, int, int, Object[][])} over the whole arrays: the batch is as long as {@code args}.
     *
     * @param translator writes each event
     * @param args the arguments, one array per event
     * @return whether the batch was published; false counts a rejection and claims nothing
     */
    default boolean tryPublishEvents(EventTranslatorVararg<? super E> translator, Object[]... args) {
        int len = Objects.requireNonNull(args, "args").length;
        return tryPublishEvents(translator, 0, len, args);
    }
}
