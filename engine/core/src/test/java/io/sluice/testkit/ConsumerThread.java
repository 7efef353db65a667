package io.sluice.testkit;

import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.EventHandler;

/** A BatchEventProcessor that gates its ring, running on its own thread: the usual test consumer. */
public final class ConsumerThread<E> {
    public final BatchEventProcessor<E> processor;
    private final Thread thread;

    private ConsumerThread(BatchEventProcessor<E> processor, String name) {
        this.processor = processor;
        this.thread = new Thread(processor, name);
    }

    /** Gates {@code ring} on a new processor for {@code handler}, after {@code dependents}, and starts it. */
    public static <E> ConsumerThread<E> start(RingBuffer<E> ring, EventHandler<? super E> handler,
                                              Sequence... dependents) {
        ConsumerThread<E> consumer = new ConsumerThread<>(
                new BatchEventProcessor<>(ring, ring.newBarrier(dependents), handler), "consumer");
        ring.addGatingSequence(consumer.processor.sequence());
        consumer.thread.start();
        return consumer;
    }

    public long sequence() {
        return processor.sequence().getVolatile();
    }

    public void awaitSequence(long target) {
        Await.until(() -> sequence() == target, "consumer to reach sequence " + target);
    }

    /** Halts the processor and waits for its thread to end. */
    public void stop() throws InterruptedException {
        processor.halt();
        Await.joined(thread);
    }
}
