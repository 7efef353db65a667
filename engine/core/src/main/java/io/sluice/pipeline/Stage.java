package io.sluice.pipeline;

import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.ConsumerSnapshot;
import io.sluice.consumer.Containment;
import io.sluice.consumer.EventHandler;
import io.sluice.consumer.EventProcessor;
import io.sluice.consumer.EventPoller;
import io.sluice.consumer.BatchRewindStrategy;
import io.sluice.consumer.ExceptionHandler;
import io.sluice.consumer.ExceptionPolicy;
import io.sluice.consumer.WorkerPool;
import io.sluice.metrics.ConsumerFigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * One stage of a {@link Pipeline}: a handler on its own thread, a one-of-N worker pool, or a
 * poller the caller drives. Created by the pipeline's builder (or {@link Pipeline#addHandler}),
 * which names it and says which stages it runs after; before the pipeline is built its exception
 * policy, containment and batch size may be set here.
 *
 * <p>Thread-safety: the settings are for the thread that builds the pipeline; every reading
 * method may be called from any thread while the pipeline runs, without locks or allocation.
 *
 * @param <E> the event type
 */
public final class Stage<E> {
    /** What a stage runs. */
    public enum Kind {
        /** One handler on its own thread; sees every event. */
        HANDLER,
        /** Several handlers on their own threads; each event goes to exactly one of them. */
        WORKER_POOL,
        /** A poller the caller drives from its own thread; sees every event. */
        POLLER,
        /** A hand-written {@link EventProcessor} on its own thread; sees every event. */
        PROCESSOR
    }

    private final String name;
    private final Kind kind;
    private final List<Stage<E>> after;
    private final List<EventHandler<? super E>> handlers;
    private final RingForwarder<E, ?> forwarder;
    private final EventProcessorFactory<E> processorFactory;
    private ExceptionPolicy exceptionPolicy;
    private ExceptionHandler<? super E> exceptionHandler;
    private Containment containment;
    private int maxBatchSize = Integer.MAX_VALUE;
    private BatchRewindStrategy rewindStrategy;

    /** Set once by {@link #wire}, before the stage is handed to other threads; volatile for readers that race the build. */
    private volatile boolean wired;
    private RingBuffer<E> ring;
    private StageRunner<E> runner;
    private Sequence[] sequences;
    /** What the stage's consumers wait on; null for a poller. Set by {@link #wire}, published by its volatile {@code wired} flag. */
    private SequenceBarrier barrier;
    /** Replaced once, under the pipeline's lifecycle lock, when the threads start; read from any thread. */
    private volatile Thread[] threads = new Thread[0];
    private volatile long startSequence = Long.MIN_VALUE;
    private volatile boolean stopRequested;
    private volatile Throwable died;

    Stage(String name, Kind kind, List<Stage<E>> after, List<? extends EventHandler<? super E>> handlers,
          RingForwarder<E, ?> forwarder) {
        this(name, kind, after, handlers, forwarder, null);
    }

    /** A stage running the processor {@code factory} makes. */
    Stage(String name, List<Stage<E>> after, EventProcessorFactory<E> factory) {
        this(name, Kind.PROCESSOR, after, List.of(), null, factory);
    }

    private Stage(String name, Kind kind, List<Stage<E>> after, List<? extends EventHandler<? super E>> handlers,
          RingForwarder<E, ?> forwarder, EventProcessorFactory<E> processorFactory) {
        this.name = name;
        this.kind = kind;
        this.after = List.copyOf(after);
        this.handlers = List.copyOf(handlers);
        this.forwarder = forwarder;
        this.processorFactory = processorFactory;
    }

    /**
     * Sets what this stage does when its handler throws; the pipeline's default otherwise.
     *
     * @param policy the policy
     * @return this stage
     * @throws IllegalStateException if the pipeline is already built, or the stage runs a hand-written processor
     */
    public Stage<E> exceptionPolicy(ExceptionPolicy policy) {
        checkNotWired();
        checkHandlesFailures();
        this.exceptionPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Hands what this stage's exception policy gives up on to the user's {@code handler}, which
     * decides whether the stage goes on (see {@link ExceptionHandler}); the pipeline's, if it has
     * one, otherwise. A poller stage has no thread of its own: its caller sees its handler's exceptions.
     *
     * @param handler the handler; thread-safe if the stage is a worker pool
     * @return this stage
     * @throws IllegalStateException if the pipeline is already built
     */
    public Stage<E> exceptionHandler(ExceptionHandler<? super E> handler) {
        checkNotWired();
        checkHandlesFailures();
        this.exceptionHandler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * Sets what this stage does to the ring if it stops; the pipeline's default otherwise.
     *
     * @param containment the containment
     * @return this stage
     * @throws IllegalStateException if the pipeline is already built
     */
    public Stage<E> containment(Containment containment) {
        checkNotWired();
        checkHandlesFailures();
        this.containment = Objects.requireNonNull(containment, "containment");
        return this;
    }

    /**
     * Caps the events a handler stage takes per batch, so its sequence advances at least that
     * often; unlimited by default.
     *
     * @param maxBatchSize the most events per batch; positive
     * @return this stage
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if the pipeline is already built, or the stage is not a {@link Kind#HANDLER}
     */
    public Stage<E> maxBatchSize(int maxBatchSize) {
        checkNotWired();
        if (kind != Kind.HANDLER) {
            throw new IllegalStateException("only a handler stage has batches; " + name + " is a " + kind);
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be > 0: " + maxBatchSize);
        }
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /**
     * Lets this handler stage's handler ask for its batch again by throwing
     * {@link io.sluice.consumer.RewindableException}; the strategy decides whether it is redone
     * (see {@link BatchRewindStrategy}). None by default: that exception is then a failure like any other.
     *
     * @param strategy the strategy
     * @return this stage
     * @throws IllegalStateException if the pipeline is already built, or the stage is not a {@link Kind#HANDLER}
     */
    public Stage<E> rewindStrategy(BatchRewindStrategy strategy) {
        checkNotWired();
        if (kind != Kind.HANDLER) {
            throw new IllegalStateException("only a handler stage has batches to rewind; " + name + " is a " + kind);
        }
        this.rewindStrategy = Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    /** {@return the stage name, unique in its pipeline} */
    public String name() {
        return name;
    }

    /** {@return what the stage runs} */
    public Kind kind() {
        return kind;
    }

    /** {@return the names of the stages this one runs after; empty if it reads what producers publish} */
    public List<String> after() {
        List<String> names = new ArrayList<>(after.size());
        for (Stage<E> stage : after) {
            names.add(stage.name);
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * {@return the sequence the stage started after: it sees every event claimed after it, none before}
     * @throws IllegalStateException if the pipeline is not built yet
     */
    public long startSequence() {
        checkWired();
        return startSequence;
    }

    /** {@return the sequence up to which the stage has finished every event (handled or dropped)} */
    public long finishedSequence() {
        checkWired();
        return runner.finishedSequence();
    }

    /** {@return events the stage has finished since it started, handled or dropped} */
    public long processedCount() {
        return Math.max(0, finishedSequence() - startSequence);
    }

    /**
     * {@return events the stage passed without handling: skipped after a failure, bypassed after
     *     it stopped, or (for a stage feeding another ring) shed or timed out by that ring's policy}
     */
    public long droppedCount() {
        checkWired();
        return runner.dropped();
    }

    /** {@return how many times the stage's handlers threw, retries included} */
    public long failureCount() {
        checkWired();
        return runner.failures();
    }

    /** {@return what stopped the stage (or one of its workers), or null} */
    public Throwable failure() {
        if (!wired) {
            return null;
        }
        Throwable thrown = died;
        if (thrown != null) {
            return thrown;
        }
        return runner.failure();
    }

    /** {@return whether any of the stage's threads is alive; a poller stage counts as running} */
    public boolean isRunning() {
        if (kind == Kind.POLLER) {
            return wired && !stopRequested;
        }
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return the sequences the stage's consumers move as they finish events (one per worker of a
     *     pool): gate a hand-written consumer on them, with {@code ring.newBarrier(stage.sequences())},
     *     to run it after this stage} A copy.
     * @throws IllegalStateException if the pipeline is not built yet
     */
    public Sequence[] sequences() {
        checkWired();
        return sequences.clone();
    }

    /**
     * {@return the barrier the stage waits on (the ring's cursor and the stages it runs after): a
     *     hand-written consumer that waits on it runs beside this stage}
     * @throws IllegalStateException if the pipeline is not built yet, or the stage is a poller
     *     (a poller checks its upstream sequences itself)
     */
    public SequenceBarrier barrier() {
        checkWired();
        if (barrier == null) {
            throw new IllegalStateException("a poller stage waits on no barrier: " + name);
        }
        return barrier;
    }

    /** {@return claimed events the stage has not finished} */
    public long lag() {
        long finished = finishedSequence();
        return Math.max(0, ring.cursor() - finished);
    }

    /**
     * {@return the poller to drive from the caller's thread}
     * @throws IllegalStateException if this is not a {@link Kind#POLLER} stage, or the pipeline is not built yet
     */
    public EventPoller<E> poller() {
        checkWired();
        if (runner instanceof StageRunner.Poller<E> polled) {
            return polled.poller();
        }
        throw new IllegalStateException(name + " is a " + kind + " stage, not a poller");
    }

    /**
     * Copies the stage's progress into {@code into}; allocation-free.
     *
     * @param into a caller-owned snapshot to overwrite
     * @return {@code into}
     */
    public ConsumerSnapshot snapshot(ConsumerSnapshot into) {
        into.fill(name, finishedSequence(), processedCount(), ring.cursor(), isRunning());
        into.set(ConsumerFigure.FAILURES, failureCount());
        into.set(ConsumerFigure.DROPPED, droppedCount());
        return into;
    }

    @Override
    public String toString() {
        return "Stage{" + name + ", " + kind + (after.isEmpty() ? "" : ", after " + after()) + '}';
    }

    // ---- wiring and lifecycle, driven by Pipeline ----

    List<Stage<E>> upstream() {
        return after;
    }

    /** Creates the stage's consumers; returns the sequences that gate the ring. */
    Sequence[] wire(RingBuffer<E> ring, ExceptionPolicy defaultPolicy, ExceptionHandler<? super E> defaultHandler,
            Containment defaultContainment) {
        this.ring = ring;
        ExceptionPolicy policy = exceptionPolicy != null ? exceptionPolicy : defaultPolicy;
        ExceptionHandler<? super E> userHandler = exceptionHandler != null ? exceptionHandler : defaultHandler;
        Containment contained = containment != null ? containment : defaultContainment;
        List<Sequence> upstream = new ArrayList<>();
        for (Stage<E> stage : after) {
            Collections.addAll(upstream, stage.sequences);
        }
        Sequence[] dependents = upstream.toArray(new Sequence[0]);
        // The one place the kind is switched on: from here the runner answers for it.
        barrier = kind == Kind.POLLER ? null : ring.newBarrier(dependents);
        runner = switch (kind) {
            case HANDLER -> {
                BatchEventProcessor<E> processor = new BatchEventProcessor<>(name, ring, barrier,
                        handlers.get(0), maxBatchSize, policy, contained);
                if (userHandler != null) {
                    processor.setExceptionHandler(userHandler);
                }
                if (rewindStrategy != null) {
                    processor.setRewindStrategy(rewindStrategy);
                }
                yield new StageRunner.Handler<>(processor, forwarder);
            }
            case WORKER_POOL -> {
                WorkerPool<E> pool = new WorkerPool<>(name, ring, barrier, handlers, policy, contained);
                if (userHandler != null) {
                    pool.setExceptionHandler(userHandler);
                }
                yield new StageRunner.Pool<>(pool);
            }
            case POLLER -> new StageRunner.Poller<>(EventPoller.create(ring, dependents));
            case PROCESSOR -> new StageRunner.Custom<>(made(processorFactory.create(ring, barrier)));
        };
        sequences = runner.sequences();
        wired = true;
        return sequences;
    }

    Sequence[] wiredSequences() {
        return sequences;
    }

    /** Refuses failure settings on a hand-written processor's stage, where they would do nothing. */
    private void checkHandlesFailures() {
        if (kind == Kind.PROCESSOR) {
            throw new IllegalStateException("a hand-written processor handles its own failures; stage " + name
                    + " takes no exception policy, exception handler or containment");
        }
    }

    /** Refuses what a factory made if a pipeline cannot run it, naming the stage. */
    private EventProcessor made(EventProcessor processor) {
        if (processor == null) {
            throw new IllegalStateException("the processor factory of stage " + name + " returned null");
        }
        if (processor.sequence() == null) {
            throw new IllegalStateException("the processor of stage " + name + " has no sequence: " + processor);
        }
        return processor;
    }

    void startAt(long start) {
        startSequence = start;
        runner.startAt(start);
    }

    void startThreads(ThreadFactory factory) {
        List<Runnable> tasks = new ArrayList<>();
        List<? extends Runnable> consumers = runner.consumers();
        for (int i = 0; i < consumers.size(); i++) {
            tasks.add(new StageTask(runner.threadName(ring.name() + "-" + name, i), consumers.get(i), ring));
        }
        Thread[] created = new Thread[tasks.size()];
        for (int i = 0; i < created.length; i++) {
            created[i] = factory.newThread(tasks.get(i));
            if (created[i] == null) {
                throw new IllegalStateException("thread factory returned null for " + tasks.get(i));
            }
        }
        int started = 0;
        try {
            for (; started < created.length; started++) {
                created[started].start();
            }
        } finally {
            // Only the threads that did start: the pipeline halts and joins them if one failed.
            threads = started == created.length ? created : Arrays.copyOf(created, started);
        }
    }

    /**
     * @return whether the stage can still make progress by itself: a poller always can; a handler
     *     while its thread runs; a pool while every worker that still holds a place in it runs
     *     (a worker that ended holding an event holds the pool's progress back for good)
     */
    boolean canProgress() {
        return runner.canProgress(threads);
    }

    void halt() {
        StageRunner<E> wiredRunner = runner;
        if (wiredRunner != null) {
            wiredRunner.halt();
        }
        // Volatile write after the runner's halt: whoever reads haltRequested() as true also sees
        // the consumers' halt, so a handler released by it stops after its batch in hand (set
        // first, a handler could run on through the backlog before the consumers were told).
        stopRequested = true;
    }

    /** {@return whether the pipeline asked the stage to stop; once true, its consumers have been told to halt} */
    boolean haltRequested() {
        return stopRequested;
    }

    /**
     * Waits, parked, for the stage's threads to end. Not {@code Thread.join}: joining a platform
     * thread waits on its monitor, which would pin a virtual thread that stops a pipeline to its
     * carrier on JDK 21 to 23; a park frees it. Looks again after 10 µs, doubling to 1 ms.
     *
     * @return whether every thread ended by the deadline
     * @throws InterruptedException if interrupted while waiting
     */
    boolean join(long deadlineNanos) throws InterruptedException {
        boolean ended = true;
        long pause = 10_000;
        for (Thread thread : threads) { // one volatile read: the array is never changed in place
            while (thread.isAlive()) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, Math.min(pause, remaining));
                pause = Math.min(pause * 2, 1_000_000);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for stage " + name + "'s threads to end");
                }
            }
            ended &= !thread.isAlive();
        }
        return ended;
    }

    private void checkNotWired() {
        if (wired) {
            throw new IllegalStateException("stage " + name + " is already part of a built pipeline");
        }
    }

    private void checkWired() {
        if (!wired) {
            throw new IllegalStateException("stage " + name + " is not wired yet: build the pipeline first");
        }
    }

    /**
     * A stage thread's body. Its {@link #toString()} is the thread name the pipeline would give,
     * so a user's {@link ThreadFactory} can use it. If the consumer dies with an exception that
     * escaped its own handling (a wait strategy or listener bug), the ring is closed so producers
     * are not left waiting.
     */
    private final class StageTask implements Runnable {
        private final String threadName;
        private final Runnable consumer;
        private final RingBuffer<E> ring;

        StageTask(String threadName, Runnable consumer, RingBuffer<E> ring) {
            this.threadName = threadName;
            this.consumer = consumer;
            this.ring = ring;
        }

        @Override
        public void run() {
            try {
                consumer.run();
            } catch (Throwable t) {
                died = t;
                ring.close("stage '" + name + "' died: " + t, t);
                throw t;
            }
        }

        @Override
        public String toString() {
            return threadName;
        }
    }
}
