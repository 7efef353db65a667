package io.sluice.queue;

import io.sluice.backpressure.BackpressurePolicy;

/** The four shapes a queue can be built in; every contract test runs on each. */
enum QueueVariant {
    MANY_TO_MANY(false, false),
    ONE_TO_MANY(true, false),
    MANY_TO_ONE(false, true),
    ONE_TO_ONE(true, true);

    final boolean singleProducer;
    final boolean singleConsumer;

    QueueVariant(boolean singleProducer, boolean singleConsumer) {
        this.singleProducer = singleProducer;
        this.singleConsumer = singleConsumer;
    }

    <E> RingBlockingQueue<E> create(int capacity) {
        return create(capacity, BackpressurePolicy.block());
    }

    <E> RingBlockingQueue<E> create(int capacity, BackpressurePolicy policy) {
        RingBlockingQueue.Builder<E> b = RingBlockingQueue.<E>builder(capacity).backpressure(policy).name(name() + "-" + capacity);
        if (singleProducer) {
            b.singleProducer();
        }
        if (singleConsumer) {
            b.singleConsumer();
        }
        return b.build();
    }
}
