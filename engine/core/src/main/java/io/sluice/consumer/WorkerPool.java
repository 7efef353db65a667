package io.sluice.consumer;

import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.SequenceBarrier;

import java.util.ArrayList;
import java.util.List;
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
 */
final class WorkerPool<E> {
    final Sequence workSequence = new Sequence();
    final AtomicInteger live;
    final SequenceBarrier barrier;
    private final List<WorkProcessor<E>> workers;

    WorkerPool(String name, RingBuffer<E> ring, SequenceBarrier barrier, List<? extends EventHandler<? super E>> handlers,
               ExceptionPolicy policy, Containment containment) {
        this.barrier = barrier;
        this.live = new AtomicInteger(handlers.size());
        List<WorkProcessor<E>> created = new ArrayList<>(handlers.size());
        for (int i = 0; i < handlers.size(); i++) {
            created.add(new WorkProcessor<>(name + "#" + i, ring, this, handlers.get(i), policy, containment));
        }
        this.workers = List.copyOf(created);
    }

    List<WorkProcessor<E>> workers() {
        return workers;
    }

    Sequence[] sequences() {
        Sequence[] sequences = new Sequence[workers.size()];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = workers.get(i).sequence;
        }
        return sequences;
    }

    /** Starts the pool at {@code start}: the workers' sequences were set there when they began gating. */
    void startAt(long start) {
        // Volatile: set before the worker threads start (Thread.start orders it for them), and
        // also when a pool is wired before start(); it is the value their first compare-and-set expects.
        workSequence.setVolatile(start);
    }

    void halt() {
        for (WorkProcessor<E> worker : workers) {
            worker.halt();
        }
        barrier.alert();
    }

    /** {@return the sequence up to which every event is done by some worker} */
    long progress() {
        long min = Long.MAX_VALUE;
        for (WorkProcessor<E> worker : workers) {
            min = Math.min(min, worker.sequence.getVolatile());
        }
        return min;
    }

    long dropped() {
        long sum = 0;
        for (WorkProcessor<E> worker : workers) {
            sum += worker.failures.dropped();
        }
        return sum;
    }

    long failures() {
        long sum = 0;
        for (WorkProcessor<E> worker : workers) {
            sum += worker.failures.failures();
        }
        return sum;
    }

    Throwable failure() {
        for (WorkProcessor<E> worker : workers) {
            Throwable failure = worker.failures.failure();
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }
}
