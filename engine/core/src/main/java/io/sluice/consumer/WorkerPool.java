package io.sluice.consumer;

import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One-of-N consumption: each event goes to exactly one of the pool's workers. Workers take
 * sequences from a shared work sequence with a compare-and-set, one at a time, so a slow event
 * holds up one worker, not the pool.
 *
 * <p>Gating: before a worker claims sequence {@code s} it sets its own sequence to {@code s - 1}
 * (release, then the compare-and-set orders it), so the lowest unfinished claimed event {@code e}
 * always has a worker whose sequence is {@code e - 1}: the minimum of the workers' sequences is
 * then a sequence up to which every event is done, which is what producers and later stages
 * need. A worker that left the pool ({@link Containment#BYPASS}) sets its sequence to
 * {@link Long#MAX_VALUE} so the minimum ignores it; the last live worker never leaves.
 *
 * <p>A {@link io.sluice.pipeline.Pipeline} builds one for each {@code workerPool} stage; to wire
 * one by hand, gate the ring on its {@link #sequences()}, give each of its {@link #workers()} a
 * thread, and give later consumers a barrier over those sequences.
 *
 * <p>Thread-safety: built and started by one thread; every reading method may be called from
 * any thread while the workers run, without locks or allocation.
 *
 * @param <E> the event type
 */
public final class WorkerPool<E> {
    final Sequence workSequence = new Sequence();
    final AtomicInteger live;
    final SequenceBarrier barrier;
    private final List<WorkProcessor<E>> workers;

    /**
     * Creates a pool with one worker per handler.
     *
     * @param name the pool's name; worker {@code i} is {@code name#i} in failure messages
     * @param ring the ring the workers read
     * @param barrier what the workers wait on: the ring's, or one over upstream consumers
     * @param handlers one per worker; give a stateful handler one instance per worker
     * @param policy what a worker does when its handler throws
     * @param containment what a worker that stops does: leave the pool, or close the ring
     */
    public WorkerPool(String name, RingBuffer<E> ring, SequenceBarrier barrier, List<? extends EventHandler<? super E>> handlers,
               ExceptionPolicy policy, Containment containment) {
        this.barrier = barrier;
        this.live = new AtomicInteger(handlers.size());
        List<WorkProcessor<E>> created = new ArrayList<>(handlers.size());
        for (int i = 0; i < handlers.size(); i++) {
            created.add(new WorkProcessor<>(name + "#" + i, ring, this, handlers.get(i), policy, containment));
        }
        this.workers = List.copyOf(created);
    }

    /**
     * Hands what each worker's {@link ExceptionPolicy} gives up on to {@code handler}, which
     * decides whether the worker goes on (see {@link ExceptionHandler}); it is called from every
     * worker's thread. Call before the workers run.
     *
     * @param handler the user's handler, thread-safe
     */
    public void setExceptionHandler(ExceptionHandler<? super E> handler) {
        Objects.requireNonNull(handler, "handler");
        for (WorkProcessor<E> worker : workers) {
            worker.failures.handledBy(handler);
        }
    }

    /** {@return the workers, each a {@link Runnable} to give a thread of its own} */
    public List<? extends Runnable> workers() {
        return workers;
    }

    /** {@return the workers' sequences, in order: gate the ring and later consumers on all of them} */
    public Sequence[] sequences() {
        Sequence[] sequences = new Sequence[workers.size()];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = workers.get(i).sequence;
        }
        return sequences;
    }

    /**
     * Starts the pool at {@code start}: the workers' sequences were set there when they began
     * gating. Call before the worker threads start.
     *
     * @param start the sequence the pool starts after
     */
    public void startAt(long start) {
        // Volatile: set before the worker threads start (Thread.start orders it for them), and
        // also when a pool is wired before start(); it is the value their first compare-and-set expects.
        workSequence.setVolatile(start);
    }

    /** Stops every worker after the event in hand, and wakes those that wait. */
    public void halt() {
        for (WorkProcessor<E> worker : workers) {
            worker.halt();
        }
        barrier.alert();
    }

    /** {@return the sequence up to which every event is done by some worker} */
    public long progress() {
        long min = Long.MAX_VALUE;
        for (WorkProcessor<E> worker : workers) {
            min = Math.min(min, worker.sequence.getVolatile());
        }
        return min;
    }

    /** {@return events the workers passed without handling them} */
    public long dropped() {
        long sum = 0;
        for (WorkProcessor<E> worker : workers) {
            sum += worker.failures.dropped();
        }
        return sum;
    }

    /** {@return how many times the workers' handlers threw, retries included} */
    public long failures() {
        long sum = 0;
        for (WorkProcessor<E> worker : workers) {
            sum += worker.failures.failures();
        }
        return sum;
    }

    /** {@return what stopped a worker, or null} */
    public Throwable failure() {
        for (WorkProcessor<E> worker : workers) {
            Throwable failure = worker.failures.failure();
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    /**
     * Whether a worker still holds a place in the pool: one that left it (under
     * {@link Containment#BYPASS}) no longer holds the pool's progress back.
     *
     * @param worker the worker's index in {@link #workers()}
     * @return false once the worker has left
     */
    public boolean holdsPlace(int worker) {
        return workers.get(worker).sequence.getVolatile() != Long.MAX_VALUE;
    }
}
