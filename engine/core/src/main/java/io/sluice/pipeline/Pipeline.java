package io.sluice.pipeline;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.EventTranslatorOneArg;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.consumer.Containment;
import io.sluice.consumer.EventHandler;
import io.sluice.consumer.EventProcessor;
import io.sluice.consumer.ExceptionHandler;
import io.sluice.consumer.ExceptionPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Consumer stages wired into a graph over one ring, with a lifecycle: handlers that each see
 * every event (in parallel, or one after another), diamonds (a stage after several others),
 * one-of-N worker pools, pollers the caller drives, and stages that feed a second ring.
 *
 * <pre>{@code
 * Pipeline.Builder<Order> b = Pipeline.builder(ring);
 * Stage<Order> journal = b.handler("journal", journaler);
 * Stage<Order> replicate = b.handler("replicate", replicator);
 * b.handler("match", matcher, journal, replicate);      // runs after both: a diamond
 * try (Pipeline<Order> pipeline = b.build()) {
 *     pipeline.start();
 *     ...                                                 // producers publish
 * }                                                       // close(): drain, then stop
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * Stages gate the ring from {@link Builder#build()}: every event claimed after the build reaches
 * every stage, however soon after {@link #start()} the pipeline is stopped.
 * {@link #drainAndStop(Duration)} closes the ring to producers (claims in progress are released
 * with {@link io.sluice.RingClosedException}, later claims fail at once), waits, parked, until
 * every stage has finished every event claimed before the close, then halts and joins the stage
 * threads; {@link #halt()} does the same without waiting for the backlog. Both return a
 * {@link StopResult} that says what each stage had left. {@link #close()} drains with the
 * builder's stop timeout. The ring stays closed: a pipeline runs once.
 *
 * <h2>Failure</h2>
 * Each stage has an {@link ExceptionPolicy} (default {@link ExceptionPolicy#stop()}) and a
 * {@link Containment} (default {@link Containment#FAIL_CLAIMS}): a stage that stops never leaves
 * producers waiting on it. An {@link ExceptionHandler} of the user's, per stage or for the whole
 * pipeline, gets what the policy gives up on and decides whether the stage goes on.
 *
 * <h2>Changing stages while running</h2>
 * {@link #addHandler} starts a new handler stage that sees every event claimed after the call
 * ({@link Stage#startSequence()}); {@link #remove} halts a stage no other stage runs after, and
 * stops it gating the ring. The other stages see every event either way.
 *
 * <p>Thread-safety: lifecycle methods ({@code start}, {@code drainAndStop}, {@code halt},
 * {@code close}, {@code addHandler}, {@code remove}) are serialised; reading methods may be called
 * from any thread at any time.
 *
 * @param <E> the event type
 */
public final class Pipeline<E> implements AutoCloseable {
    /** Where a pipeline is in its life. */
    public enum State {
        /** Built; stages gate the ring, no thread runs yet. */
        NEW,
        /** Started. */
        RUNNING,
        /** Draining or halting. */
        STOPPING,
        /** Stopped: threads ended (or were given up on), the ring closed. */
        STOPPED
    }

    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MIN_JOIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RingBuffer<E> ring;
    private final ThreadFactory threadFactory;
    private final ExceptionPolicy defaultPolicy;
    private final ExceptionHandler<? super E> defaultHandler;
    private final Containment defaultContainment;
    private final Duration stopTimeout;
    private final List<Stage<E>> stages;
    /** Held by each lifecycle method; a lock rather than a monitor, so a virtual thread that drains parks and frees its carrier. */
    private final ReentrantLock lifecycle = new ReentrantLock();
    private volatile State state = State.NEW;
    private StopResult result;

    private Pipeline(Builder<E> builder) {
        this.ring = builder.ring;
        this.threadFactory = builder.threadFactory;
        this.defaultPolicy = builder.exceptionPolicy;
        this.defaultHandler = builder.exceptionHandler;
        this.defaultContainment = builder.containment;
        this.stopTimeout = builder.stopTimeout;
        this.stages = new CopyOnWriteArrayList<>(builder.stages);
    }

    /**
     * Starts building a pipeline over {@code ring}.
     *
     * @param ring the ring the stages read
     * @param <E> the event type
     * @return a builder
     */
    public static <E> Builder<E> builder(RingBuffer<E> ring) {
        return new Builder<>(Objects.requireNonNull(ring, "ring"));
    }

    /**
     * Starts a thread for every handler stage and worker.
     *
     * <p>If a thread cannot be had (the factory returns null or throws, or {@code Thread.start}
     * fails), the pipeline does not run half-started: it closes the ring to producers (claims
     * throw {@link io.sluice.RingClosedException} naming the failure), halts and joins the
     * threads it had started, ends {@link State#STOPPED}, and rethrows.
     *
     * @throws IllegalStateException if called more than once, or if the thread factory returned null
     */
    public void start() {
        lifecycle.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("pipeline over ring " + ring.name() + " was already started; it is " + state);
            }
            state = State.RUNNING;
            try {
                for (Stage<E> stage : stages) {
                    stage.startThreads(threadFactory);
                }
            } catch (RuntimeException | Error e) {
                state = State.STOPPING;
                ring.close("pipeline failed to start: " + e, e);
                stop(ring.finalSequence(), System.nanoTime() + stopTimeout.toNanos());
                throw e;
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Closes the ring to producers, waits until every stage has finished every event claimed
     * before the close (or the timeout passes), then halts the stages and joins their threads.
     * Waits parked, never spinning. A stage that stopped cannot drain, and the stages after it
     * drain only up to where it stopped: the wait ends once every stage has finished what it can
     * still reach. Calling it again returns the first result.
     *
     * @param timeout the most to wait for the backlog; the threads are then given at least a
     *     second more to end
     * @return whether it drained, and what each stage had left
     * @throws IllegalStateException if the pipeline was never started
     */
    public StopResult drainAndStop(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0: " + timeout);
        }
        lifecycle.lock();
        try {
            if (beginStop("drain")) {
                return result;
            }
            long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
            ring.close("the pipeline was stopped", null);
            long target = ring.finalSequence();
            awaitDrained(target, deadline);
            return stop(target, deadline);
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Stops now: closes the ring to producers, halts every stage after the batch in hand (see
     * {@link Stage#maxBatchSize}; a worker's batch is one event), and joins the threads (waiting
     * at most the builder's stop timeout).
     *
     * @return what each stage had left
     * @throws IllegalStateException if the pipeline was never started
     */
    public StopResult halt() {
        lifecycle.lock();
        try {
            if (beginStop("halt")) {
                return result;
            }
            ring.close("the pipeline was halted", null);
            return stop(ring.finalSequence(), System.nanoTime() + stopTimeout.toNanos());
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * {@link #drainAndStop(Duration)} with the builder's stop timeout; a pipeline that never
     * started just closes its ring. Idempotent.
     */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (state == State.NEW) {
                ring.close("the pipeline was closed before it started", null);
                result = new StopResult(true, true, ring.finalSequence(), left(ring.finalSequence()));
                state = State.STOPPED;
                return;
            }
        } finally {
            lifecycle.unlock();
        }
        drainAndStop(stopTimeout);
    }

    /**
     * Adds a handler stage while the pipeline runs (or before it starts). It sees every event
     * claimed after this call; {@link Stage#startSequence()} says which. It uses the builder's
     * default exception policy and containment.
     *
     * @param name a name unique in the pipeline
     * @param handler the handler
     * @param after the stages it runs after; none to read what producers publish
     * @return the started stage
     * @throws IllegalStateException if the pipeline is stopping or stopped
     * @throws IllegalArgumentException if the name is taken or an {@code after} stage is not in this pipeline
     */
    public Stage<E> addHandler(String name, EventHandler<? super E> handler, Stage<?>... after) {
        Objects.requireNonNull(handler, "handler");
        lifecycle.lock();
        try {
            checkChangeable("add a stage");
            checkNewName(name, stages);
            Stage<E> stage = new Stage<>(name, Stage.Kind.HANDLER, members(after, stages), List.of(handler), null);
            Sequence[] sequences = stage.wire(ring, defaultPolicy, defaultHandler, defaultContainment);
            stage.startAt(ring.addGatingSequences(sequences));
            stages.add(stage);
            if (state == State.RUNNING) {
                try {
                    stage.startThreads(threadFactory);
                } catch (RuntimeException | Error e) {
                    // No thread runs the stage: it must not gate the ring, or producers would wait on it for good.
                    stages.remove(stage);
                    for (Sequence sequence : sequences) {
                        ring.removeGatingSequence(sequence);
                    }
                    throw e;
                }
            }
            return stage;
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Halts a stage, waits for its threads (at most the builder's stop timeout), and stops it
     * gating the ring. Events it had not finished are not lost for the other stages.
     *
     * @param stage a stage of this pipeline that no other stage runs after
     * @return whether its threads ended in time
     * @throws IllegalArgumentException if it is not in this pipeline, or another stage runs after it
     * @throws IllegalStateException if the pipeline is stopping or stopped
     */
    public boolean remove(Stage<?> stage) {
        Objects.requireNonNull(stage, "stage");
        lifecycle.lock();
        try {
            checkChangeable("remove a stage");
            Stage<E> member = members(new Stage<?>[] {stage}, stages).get(0);
            for (Stage<E> other : stages) {
                if (other.upstream().contains(member)) {
                    throw new IllegalArgumentException("stage " + member.name() + " cannot be removed: stage "
                            + other.name() + " runs after it");
                }
            }
            member.halt();
            boolean ended;
            try {
                ended = member.join(System.nanoTime() + stopTimeout.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended = false;
            }
            for (Sequence sequence : member.wiredSequences()) {
                ring.removeGatingSequence(sequence);
            }
            stages.remove(member);
            return ended;
        } finally {
            lifecycle.unlock();
        }
    }

    /** {@return the stages, in the order they were added} */
    public List<Stage<E>> stages() {
        return List.copyOf(stages);
    }

    /**
     * Finds a stage by name.
     *
     * @param name a stage name
     * @return the stage
     * @throws IllegalArgumentException if there is none by that name
     */
    public Stage<E> stage(String name) {
        for (Stage<E> stage : stages) {
            if (stage.name().equals(name)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("no stage named " + name + " in the pipeline over ring " + ring.name());
    }

    /** {@return the stages that stopped on a failure} */
    public List<Stage<E>> failedStages() {
        List<Stage<E>> failed = new ArrayList<>();
        for (Stage<E> stage : stages) {
            if (stage.failure() != null) {
                failed.add(stage);
            }
        }
        return failed;
    }

    /** {@return where the pipeline is in its life} */
    public State state() {
        return state;
    }

    /** {@return the ring the stages read} */
    public RingBuffer<E> ring() {
        return ring;
    }

    @Override
    public String toString() {
        return "Pipeline{ring=" + ring.name() + ", state=" + state + ", stages=" + stages + '}';
    }

    // ---- stopping ----

    /** {@return true if already stopped (return the first result); else the pipeline is now STOPPING} */
    private boolean beginStop(String what) {
        if (state == State.NEW) {
            throw new IllegalStateException("pipeline over ring " + ring.name() + " was never started: nothing to " + what);
        }
        if (state == State.STOPPED) {
            return true;
        }
        state = State.STOPPING;
        return false;
    }

    private void awaitDrained(long target, long deadline) {
        long pause = 10_000;
        while (behind(target)) {
            if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                return;
            }
            LockSupport.parkNanos(this, pause);
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }

    /** {@return whether some stage has not finished every event it can still reach} */
    private boolean behind(long target) {
        for (Stage<E> stage : stages) {
            if (stage.finishedSequence() < reachable(stage, target)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The last sequence {@code stage} can still finish: the target, or, behind a stage that
     * stopped, what that stage finished. A stage that cannot progress has reached its end; one
     * after it still drains up to it. ({@code canProgress} is read before the sequence: once a
     * stage's thread has ended, its sequence no longer moves.)
     */
    private static <E> long reachable(Stage<E> stage, long target) {
        if (!stage.canProgress()) {
            return stage.finishedSequence();
        }
        long reach = target;
        for (Stage<E> upstream : stage.upstream()) {
            reach = Math.min(reach, reachable(upstream, target));
        }
        return reach;
    }

    private StopResult stop(long target, long deadline) {
        for (Stage<E> stage : stages) {
            stage.halt();
        }
        long joinDeadline = Math.max(deadline, System.nanoTime() + MIN_JOIN_NANOS);
        boolean ended = true;
        for (Stage<E> stage : stages) {
            try {
                ended &= stage.join(joinDeadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended = false;
            }
        }
        Map<String, Long> left = left(target);
        boolean drained = true;
        for (long n : left.values()) {
            drained &= n == 0;
        }
        result = new StopResult(drained, ended, target, left);
        state = State.STOPPED;
        return result;
    }

    private Map<String, Long> left(long target) {
        Map<String, Long> left = new LinkedHashMap<>();
        for (Stage<E> stage : stages) {
            left.put(stage.name(), Math.max(0, target - stage.finishedSequence()));
        }
        return left;
    }

    private void checkChangeable(String what) {
        if (state == State.STOPPING || state == State.STOPPED) {
            throw new IllegalStateException("cannot " + what + ": the pipeline over ring " + ring.name() + " is " + state);
        }
    }

    private static <E> void checkNewName(String name, List<Stage<E>> stages) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("stage name must not be blank: '" + name + "'");
        }
        for (Stage<E> stage : stages) {
            if (stage.name().equals(name)) {
                throw new IllegalArgumentException("stage name already used: " + name);
            }
        }
    }

    /** The given stages, checked to be members of {@code stages}, typed as such. */
    @SuppressWarnings("unchecked")
    private static <E> List<Stage<E>> members(Stage<?>[] given, List<Stage<E>> stages) {
        Objects.requireNonNull(given, "after");
        List<Stage<E>> found = new ArrayList<>(given.length);
        Set<Stage<?>> seen = new HashSet<>();
        for (Stage<?> stage : given) {
            Objects.requireNonNull(stage, "stage");
            if (!stages.contains(stage)) {
                throw new IllegalArgumentException("stage " + stage.name() + " is not in this pipeline");
            }
            if (!seen.add(stage)) {
                throw new IllegalArgumentException("stage " + stage.name() + " given twice");
            }
            found.add((Stage<E>) stage);
        }
        return found;
    }

    /**
     * Builds a {@link Pipeline}: add stages in an order where every stage comes after those it
     * runs after (so the graph has no cycle), then {@link #build()}. Not thread-safe.
     *
     * @param <E> the event type
     */
    public static final class Builder<E> {
        private final RingBuffer<E> ring;
        private final List<Stage<E>> stages = new ArrayList<>();
        private ThreadFactory threadFactory = task -> new Thread(task, task.toString());
        private ExceptionPolicy exceptionPolicy = ExceptionPolicy.stop();
        private ExceptionHandler<? super E> exceptionHandler;
        private Containment containment = Containment.FAIL_CLAIMS;
        private Duration stopTimeout = Duration.ofSeconds(30);
        private boolean built;

        private Builder(RingBuffer<E> ring) {
            this.ring = ring;
        }

        /**
         * Sets where stage threads come from. The runnable's {@code toString()} is the name the
         * pipeline would give the thread: {@code <ring>-<stage>}, with {@code -<i>} for worker
         * {@code i} of a pool. By default, platform threads so named. Pin threads to cores here.
         *
         * @param threadFactory the factory
         * @return this builder
         */
        public Builder<E> threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        /**
         * Sets the exception policy of stages that set none.
         *
         * @param policy the exception policy of stages that set none; {@link ExceptionPolicy#stop()} by default
         * @return this builder
         */
        public Builder<E> exceptionPolicy(ExceptionPolicy policy) {
            this.exceptionPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the user's exception handler of stages that set none (see {@link ExceptionHandler}):
         * it is called from every stage's thread, so it must be thread-safe. None by default:
         * the exception policy logs and decides.
         *
         * @param handler the handler of stages that set none
         * @return this builder
         */
        public Builder<E> exceptionHandler(ExceptionHandler<? super E> handler) {
            this.exceptionHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets the containment of stages that set none.
         *
         * @param containment the containment of stages that set none; {@link Containment#FAIL_CLAIMS} by default
         * @return this builder
         */
        public Builder<E> containment(Containment containment) {
            this.containment = Objects.requireNonNull(containment, "containment");
            return this;
        }

        /**
         * Sets how long stopping waits.
         *
         * @param timeout how long {@link Pipeline#close()} waits to drain, and {@link Pipeline#halt()}
         *     and {@link Pipeline#remove} wait for threads; 30 seconds by default
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder<E> stopTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("stop timeout must be positive: " + timeout);
            }
            this.stopTimeout = timeout;
            return this;
        }

        /**
         * Adds a handler on its own thread that sees every event, after the given stages.
         *
         * @param name a name unique in the pipeline
         * @param handler the handler
         * @param after stages that must finish an event first; none to read what producers publish
         * @return the stage, to configure or to pass as {@code after} to later stages
         */
        public Stage<E> handler(String name, EventHandler<? super E> handler, Stage<?>... after) {
            Objects.requireNonNull(handler, "handler");
            return add(new Stage<>(checked(name), Stage.Kind.HANDLER, members(after, stages), List.of(handler), null));
        }

        /**
         * Adds a worker pool: one thread per handler, each event handled by exactly one of them.
         * Each worker calls its handler from its own thread: give a stateful handler one
         * instance per worker; an instance listed twice is called from two threads at once.
         * {@code endOfBatch} is always true in a pool (workers take one event at a time).
         *
         * @param name a name unique in the pipeline
         * @param workers the handlers, one per worker; at least one
         * @param after stages that must finish an event first
         * @return the stage
         */
        public Stage<E> workerPool(String name, List<? extends EventHandler<? super E>> workers, Stage<?>... after) {
            Objects.requireNonNull(workers, "workers");
            if (workers.isEmpty()) {
                throw new IllegalArgumentException("a worker pool needs at least one worker: " + name);
            }
            for (EventHandler<? super E> worker : workers) {
                Objects.requireNonNull(worker, "worker");
            }
            return add(new Stage<>(checked(name), Stage.Kind.WORKER_POOL, members(after, stages), workers, null));
        }

        /**
         * Adds a stage that runs a hand-written consumer on its own thread, as the Disruptor's
         * {@code handleEventsWith(EventProcessorFactory)}: {@code factory} makes it when the
         * pipeline is built, given the barrier over the stages it runs after. The pipeline gates
         * the ring and later stages on its sequence, starts, halts and joins its thread, and a
         * drain waits for its sequence (see {@link EventProcessor} for the contract it keeps).
         * Exception policies, handlers and containment do not apply: failures are its own.
         *
         * @param name a name unique in the pipeline
         * @param factory makes the processor
         * @param after stages that must finish an event first
         * @return the stage
         */
        public Stage<E> processor(String name, EventProcessorFactory<E> factory, Stage<?>... after) {
            Objects.requireNonNull(factory, "factory");
            return add(new Stage<>(checked(name), members(after, stages), factory));
        }

        /**
         * Adds a poller stage: get it with {@link Stage#poller()} after {@link #build()} and poll
         * it from your own thread. It gates the ring like any stage, so keep polling until the
         * pipeline stops: a drain waits for it.
         *
         * @param name a name unique in the pipeline
         * @param after stages that must finish an event first
         * @return the stage
         */
        public Stage<E> poller(String name, Stage<?>... after) {
            return add(new Stage<>(checked(name), Stage.Kind.POLLER, members(after, stages), List.of(), null));
        }

        /**
         * Adds a stage that publishes each event into a second ring, under that ring's own
         * backpressure policy: a chain of rings. Events the policy sheds or times out are counted
         * as dropped for this stage; if the second ring closes, this stage fails (and its
         * containment applies). Stop the second ring's pipeline after this one.
         *
         * @param name a name unique in the pipeline; also the producer's name on {@code target}
         * @param target the ring to feed
         * @param translator writes an event of this ring into a slot of {@code target}
         * @param after stages that must finish an event first
         * @param <F> the second ring's event type
         * @return the stage
         */
        public <F> Stage<E> forward(String name, RingBuffer<F> target, EventTranslatorOneArg<F, ? super E> translator,
                                    Stage<?>... after) {
            Objects.requireNonNull(target, "target");
            return forward(name, target, target.backpressurePolicy(), translator, after);
        }

        /**
         * As {@link #forward(String, RingBuffer, EventTranslatorOneArg, Stage[])}, with the
         * stage's own policy on {@code target}.
         *
         * @param name a name unique in the pipeline; also the producer's name on {@code target}
         * @param target the ring to feed
         * @param policy how this stage claims on {@code target}
         * @param translator writes an event of this ring into a slot of {@code target}
         * @param after stages that must finish an event first
         * @param <F> the second ring's event type
         * @return the stage
         */
        public <F> Stage<E> forward(String name, RingBuffer<F> target, BackpressurePolicy policy,
                                    EventTranslatorOneArg<F, ? super E> translator, Stage<?>... after) {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(translator, "translator");
            if (target == ring) {
                throw new IllegalArgumentException("stage " + name + " would feed the ring it reads: " + ring.name());
            }
            String checkedName = checked(name);
            List<Stage<E>> upstream = members(after, stages);
            RingForwarder<E, F> forwarder = new RingForwarder<>(target.newProducer(checkedName, policy), translator);
            return add(new Stage<>(checkedName, Stage.Kind.HANDLER, upstream, List.of(forwarder), forwarder));
        }

        /**
         * Wires the stages and makes them gate the ring, all from one sequence: every event
         * claimed from now on reaches every stage. Start it with {@link Pipeline#start()}.
         *
         * @return the pipeline
         * @throws IllegalStateException if already built
         */
        public Pipeline<E> build() {
            if (built) {
                throw new IllegalStateException("this builder already built its pipeline");
            }
            built = true;
            List<Sequence> gating = new ArrayList<>();
            for (Stage<E> stage : stages) {
                for (Sequence sequence : stage.wire(ring, exceptionPolicy, exceptionHandler, containment)) {
                    gating.add(sequence);
                }
            }
            long start = ring.addGatingSequences(gating.toArray(new Sequence[0]));
            for (Stage<E> stage : stages) {
                stage.startAt(start);
            }
            return new Pipeline<>(this);
        }

        private String checked(String name) {
            if (built) {
                throw new IllegalStateException("this builder already built its pipeline");
            }
            checkNewName(name, stages);
            return name;
        }

        private Stage<E> add(Stage<E> stage) {
            stages.add(stage);
            return stage;
        }
    }
}
