package io.sluice.pipeline;

import io.sluice.Sequence;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.EventProcessor;
import io.sluice.consumer.EventPoller;
import io.sluice.consumer.WorkerPool;

import java.util.List;

/**
 * What a wired {@link Stage} runs, one implementation per {@link Stage.Kind}: the stage asks its
 * runner instead of switching on its kind. Created once, when the pipeline is built; read from any
 * thread afterwards (the stage publishes it with its volatile {@code wired} flag).
 *
 * @param <E> the event type
 */
sealed interface StageRunner<E> {
    /** {@return the sequences that gate the ring and the stages after this one} */
    Sequence[] sequences();

    /** {@return the sequence up to which the stage has finished every event} */
    long finishedSequence();

    /** {@return events passed without handling} */
    long dropped();

    /** {@return how many times the handlers threw, retries included} */
    long failures();

    /** {@return what stopped the stage or one of its workers, or null} */
    Throwable failure();

    /** {@return the consumers to run, one thread each; empty for a poller, which the caller drives} */
    List<? extends Runnable> consumers();

    /**
     * @param prefix {@code <ring>-<stage>}
     * @param index the consumer's position in {@link #consumers()}
     * @return the name of that consumer's thread
     */
    default String threadName(String prefix, int index) {
        return prefix;
    }

    /**
     * @param threads the threads started for {@link #consumers()}, in order
     * @return whether the stage can still make progress by itself
     */
    boolean canProgress(Thread[] threads);

    /** @param start the sequence the stage starts after */
    default void startAt(long start) {
    }

    /** Stops the consumers after the batch in hand. */
    void halt();

    /**
     * One processor on one thread of its own: what a handler stage and a hand-written processor's
     * stage share. The stage gates on the processor's sequence and can progress while its thread lives.
     */
    sealed interface OnOwnThread<E> extends StageRunner<E> permits Handler, Custom {
        /** {@return the processor the stage's one thread runs} */
        EventProcessor processor();

        @Override
        default Sequence[] sequences() {
            return new Sequence[] {processor().sequence()};
        }

        @Override
        default long finishedSequence() {
            return processor().sequence().getVolatile();
        }

        @Override
        default List<? extends Runnable> consumers() {
            return List.of(processor());
        }

        @Override
        default boolean canProgress(Thread[] threads) {
            return threads.length > 0 && threads[0].isAlive();
        }

        @Override
        default void halt() {
            processor().halt();
        }
    }

    /** A handler on its own thread, possibly feeding another ring. */
    record Handler<E>(BatchEventProcessor<E> processor, RingForwarder<E, ?> forwarder) implements OnOwnThread<E> {
        @Override
        public long dropped() {
            return processor.droppedCount() + (forwarder == null ? 0 : forwarder.notForwarded());
        }

        @Override
        public long failures() {
            return processor.failureCount();
        }

        @Override
        public Throwable failure() {
            return processor.failure();
        }
    }

    /** Workers on their own threads, each event to exactly one. */
    record Pool<E>(WorkerPool<E> pool) implements StageRunner<E> {
        @Override
        public Sequence[] sequences() {
            return pool.sequences();
        }

        @Override
        public long finishedSequence() {
            return pool.progress();
        }

        @Override
        public long dropped() {
            return pool.dropped();
        }

        @Override
        public long failures() {
            return pool.failures();
        }

        @Override
        public Throwable failure() {
            return pool.failure();
        }

        @Override
        public List<? extends Runnable> consumers() {
            return pool.workers();
        }

        @Override
        public String threadName(String prefix, int index) {
            return prefix + "-" + index;
        }

        /** While every worker that still holds a place in the pool runs: one that ended holding an event holds the pool's progress back for good. */
        @Override
        public boolean canProgress(Thread[] threads) {
            for (int i = 0; i < threads.length; i++) {
                if (!threads[i].isAlive() && pool.holdsPlace(i)) {
                    return false;
                }
            }
            return threads.length > 0;
        }

        @Override
        public void startAt(long start) {
            pool.startAt(start);
        }

        @Override
        public void halt() {
            pool.halt();
        }
    }

    /** A poller the caller drives: it always can progress, and has no threads to stop. */
    record Poller<E>(EventPoller<E> poller) implements StageRunner<E> {
        @Override
        public Sequence[] sequences() {
            return new Sequence[] {poller.sequence()};
        }

        @Override
        public long finishedSequence() {
            return poller.sequence().getVolatile();
        }

        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public long failures() {
            return 0;
        }

        @Override
        public Throwable failure() {
            return null;
        }

        @Override
        public List<? extends Runnable> consumers() {
            return List.of();
        }

        @Override
        public boolean canProgress(Thread[] threads) {
            return true;
        }

        @Override
        public void halt() {
        }
    }

    /**
     * A hand-written processor on its own thread. It keeps no counts the pipeline can read:
     * nothing dropped or failed is reported for it, and it fails only by its thread dying.
     */
    record Custom<E>(EventProcessor processor) implements OnOwnThread<E> {
        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public long failures() {
            return 0;
        }

        @Override
        public Throwable failure() {
            return null;
        }
    }
}
