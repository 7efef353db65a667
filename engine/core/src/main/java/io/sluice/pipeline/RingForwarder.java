package io.sluice.pipeline;

import io.sluice.EventTranslatorOneArg;
import io.sluice.Producer;
import io.sluice.access.FieldHandles;
import io.sluice.consumer.EventHandler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The handler of a stage that feeds a second ring: publishes each event through its own
 * {@link Producer} handle, under the second ring's policy (or one given for the stage). An event
 * the policy shed or timed out is counted as dropped for the stage; a closed second ring throws
 * {@link io.sluice.RingClosedException}, which the stage's exception policy handles like any failure.
 */
final class RingForwarder<E, F> implements EventHandler<E> {
    private static final VarHandle NOT_FORWARDED =
            FieldHandles.field(MethodHandles.lookup(), RingForwarder.class, "notForwarded", long.class);

    private final Producer<F> producer;
    private final EventTranslatorOneArg<F, ? super E> translator;
    @SuppressWarnings("unused")
    private long notForwarded;

    RingForwarder(Producer<F> producer, EventTranslatorOneArg<F, ? super E> translator) {
        this.producer = producer;
        this.translator = translator;
    }

    @Override
    public void onEvent(E event, long sequence, boolean endOfBatch) throws InterruptedException {
        if (!producer.publishEvent(translator, event)) {
            // Single writer (the stage's thread): plain read, opaque store for readers.
            NOT_FORWARDED.setOpaque(this, (long) NOT_FORWARDED.get(this) + 1);
        }
    }

    @Override
    public void onShutdown() {
        producer.close();
    }

    long notForwarded() {
        return (long) NOT_FORWARDED.getOpaque(this);
    }
}
