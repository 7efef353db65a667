package io.sluice.pipeline;

import io.sluice.RingBuffer;
import io.sluice.SequenceBarrier;
import io.sluice.consumer.EventProcessor;

/**
 * Makes a hand-written consumer for a pipeline stage ({@link Pipeline.Builder#processor}); called
 * once, when the pipeline is built, on the building thread.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventProcessorFactory<E> {
    /**
     * Makes the stage's processor.
     *
     * @param ring the ring the stage reads
     * @param barrier what the stage waits on: the ring's cursor, and the sequences of the stages it runs after
     * @return the processor, whose sequence the pipeline gates the ring and later stages on
     */
    EventProcessor create(RingBuffer<E> ring, SequenceBarrier barrier);
}
