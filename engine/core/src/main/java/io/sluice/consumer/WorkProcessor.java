package io.sluice.consumer;

import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.wait.AlertException;
import io.sluice.wait.WaitTimeoutException;

/** One worker of a {@link WorkerPool}: claims one sequence at a time from the pool and handles it. */
final class WorkProcessor<E> implements Runnable {
    private final RingBuffer<E> ring;
    private final WorkerPool<E> pool;
    private final EventHandler<? super E> handler;
    private final Containment containment;
    final StageFailures failures;
    final Sequence sequence = new Sequence();
    private volatile boolean halted;
    /** Set once this worker, the last live one, bypasses the pool; worker thread only. */
    private boolean bypassing;

    WorkProcessor(String name, RingBuffer<E> ring, WorkerPool<E> pool, EventHandler<? super E> handler,
                  ExceptionPolicy policy, Containment containment) {
        this.ring = ring;
        this.pool = pool;
        this.handler = handler;
        this.containment = containment;
        this.failures = new StageFailures(name, policy);
    }

    void halt() {
        halted = true;
    }

    @Override
    public void run() {
        if (halted) {
            return; // halted before it started: neither onStart nor onShutdown (they come in pairs)
        }
        try {
            try {
                handler.onStart();
            } catch (Throwable t) {
                if (!failures.startFailed(t) && !stopped(failures.last(), sequence.getPlain() + 1, false)) {
                    return;
                }
            }
            work();
        } finally {
            try {
                handler.onShutdown();
            } catch (Throwable t) {
                failures.recordShutdownFailure(t);
            }
        }
    }

    private void work() {
        long cachedAvailable = Long.MIN_VALUE;
        long next = 0;
        boolean claimNext = true;
        while (true) {
            if (claimNext) {
                claimNext = false;
                do {
                    next = pool.workSequence.getVolatile() + 1;
                    // Release before the (volatile) compare-and-set: the sequence gates `next`
                    // before this worker owns it, and publishes the reads of the last event handled.
                    sequence.setRelease(next - 1);
                } while (!pool.workSequence.compareAndSetVolatile(next - 1, next));
                ring.signalConsumerProgress();
            }
            if (cachedAvailable >= next) {
                E event = ring.get(next);
                if (ring.hasAbortedClaims() && ring.isAborted(next)) {
                    // Withdrawn by its producer: nothing to handle, and not counted as dropped.
                    claimNext = true;
                    continue;
                }
                if (bypassing) {
                    failures.countDropped(1);
                } else {
                    try {
                        handler.onEvent(event, next, true);
                    } catch (Throwable t) {
                        if (!failures.recover(handler, event, next, true, t, pool.barrier)) {
                            if (halted || pool.barrier.isAlerted() || !stopped(failures.last(), next, true)) {
                                return;
                            }
                        }
                    }
                }
                claimNext = true;
                continue;
            }
            try {
                cachedAvailable = pool.barrier.waitFor(next);
            } catch (AlertException e) {
                return;
            } catch (InterruptedException e) {
                if (halted || !stopped(e, next, false)) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (WaitTimeoutException e) {
                if (!bypassing) {
                    try {
                        handler.onTimeout(next - 1);
                    } catch (Throwable t) {
                        if (!failures.tolerate(t, "onTimeout", next) && !stopped(failures.last(), next, false)) {
                            return;
                        }
                    }
                }
            }
        }
    }

    /**
     * The worker stopped at {@code next}: applies containment.
     *
     * @param holdsFailedEvent whether {@code next} is an event it failed on (dropped if bypassed)
     * @return true to go on (bypassing the pool), false to end the worker
     */
    private boolean stopped(Throwable cause, long next, boolean holdsFailedEvent) {
        failures.stopped(cause, next, containment);
        if (containment == Containment.FAIL_CLAIMS) {
            ring.close(failures.stopMessage(next), cause);
            return false;
        }
        if (bypassing) {
            return true;
        }
        if (holdsFailedEvent) {
            failures.countDropped(1);
        }
        if (pool.live.decrementAndGet() > 0) {
            // Leave the pool: the others take the work. MAX_VALUE drops out of every minimum,
            // and at least one live worker keeps the minimum at or below what is published.
            sequence.setRelease(Long.MAX_VALUE);
            ring.signalConsumerProgress();
            return false;
        }
        // The last live worker: it bypasses the pool so nothing waits on it.
        bypassing = true;
        return true;
    }

    @Override
    public String toString() {
        return "WorkProcessor{" + failures.stage + ", sequence=" + sequence + '}';
    }
}
