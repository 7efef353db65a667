package io.sluice.consumer;

import io.sluice.Sequence;

/**
 * A consumer that runs on a thread of its own and says how far it has got through a sequence:
 * what a pipeline needs to run a hand-written consumer as a stage
 * ({@link io.sluice.pipeline.Pipeline.Builder#processor}), as the Disruptor's {@code EventProcessor}.
 * {@link BatchEventProcessor} is one.
 *
 * <p>The contract a stage relies on: {@link #run()} starts after the value {@link #sequence()}
 * holds when it is called (the pipeline sets it when it gates the ring), waits on the barrier it
 * was made with, and moves the sequence with a release store ({@link Sequence#setRelease}) only
 * over events it has finished, never back, calling {@link io.sluice.RingBuffer#signalConsumerProgress()}
 * after each move (producers and later stages that block wait for that call); {@link #halt()}, from any thread, makes {@code run()}
 * return soon (alerting the barrier wakes a processor waiting on it). Producers and later stages
 * gate on the sequence, so a processor that stops moving it stops them too.
 */
public interface EventProcessor extends Runnable {
    /** {@return the sequence of the last event this processor finished} */
    Sequence sequence();

    /** Asks {@link #run()} to return soon; any thread. */
    void halt();

    /** {@return whether {@link #run()} is running} */
    boolean isRunning();
}
