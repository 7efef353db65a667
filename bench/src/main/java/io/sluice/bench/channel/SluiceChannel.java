package io.sluice.bench.channel;

import io.sluice.bench.run.ThreadPlacement;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.ProducerType;
import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.RingBuffer;
import io.sluice.RingBufferBuilder;
import io.sluice.consumer.EventHandler;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.Stage;
import io.sluice.wait.WaitStrategy;

import java.util.function.LongConsumer;

/**
 * Sluice: a ring with the given producer policy (the ring's own default unless a contender names
 * one), consumers wired by a {@link Pipeline}.
 */
public final class SluiceChannel implements Channel {
    public static final class Slot {
        public long value;
    }

    private final RingBuffer<Slot> ring;
    private final Pipeline<Slot> pipeline;
    /** The handle a claim-object contender sends through; null for the raw sequence API. */
    private final Producer<Slot> producer;

    /**
     * @param policy the producer policy, or null for the ring's default
     * @param claims whether {@link #send} goes through a producer handle's claim object
     *     ({@code claim()}, write, {@code commit()}) instead of the ring's raw {@code next()}/{@code publish}
     * @param slotMarkers whether the ring is built with {@link RingBufferBuilder#slotMarkers()} (one producer only)
     */
    SluiceChannel(int producers, WaitStrategy strategy, BackpressurePolicy policy, Topology topology, int capacity,
                  LongConsumer sink, boolean claims, boolean slotMarkers) {
        RingBufferBuilder<Slot> rb = RingBuffer.builder(Slot::new).name("bench").capacity(capacity)
                .producerType(producers == 1 ? ProducerType.SINGLE : ProducerType.MULTI).waitStrategy(strategy);
        if (slotMarkers) {
            rb.slotMarkers();
        }
        ring = (policy == null ? rb : rb.backpressure(policy)).build();
        Pipeline.Builder<Slot> b = Pipeline.builder(ring).threadFactory(task -> daemon(task));
        switch (topology) {
            case ONE -> b.handler("c", handing(sink));
            case MULTICAST -> {
                b.handler("c1", handing(new Sum()));
                b.handler("c2", handing(new Sum()));
                b.handler("c3", handing(new Sum()));
            }
            case PIPELINE -> {
                Stage<Slot> first = b.handler("s1", handing(new Sum()));
                Stage<Slot> second = b.handler("s2", handing(new Sum()), first);
                b.handler("s3", handing(new Sum()), second);
            }
            case DIAMOND -> {
                Stage<Slot> left = b.handler("left", handing(new Sum()));
                Stage<Slot> right = b.handler("right", handing(new Sum()));
                b.handler("join", handing(new Sum()), left, right);
            }
        }
        pipeline = b.build();
        pipeline.start();
        producer = claims ? ring.newProducer("bench") : null;
    }

    public static Thread daemon(Runnable task) {
        // Pinned to a CPU only where a placement study asks for it (ThreadPlacement), at start.
        Thread thread = new Thread(ThreadPlacement.consumer(task), task.toString());
        thread.setDaemon(true);
        return thread;
    }

    /** A handler that passes each slot's value to {@code sink}, as the Disruptor contender's handlers do. */
    private static EventHandler<Slot> handing(LongConsumer sink) {
        return (slot, sequence, endOfBatch) -> sink.accept(slot.value);
    }

    @Override
    public void send(long value) throws InterruptedException {
        if (producer != null) {
            Claim<Slot> claim = producer.claim();
            claim.get().value = value;
            claim.commit();
            return;
        }
        long sequence = ring.next();
        ring.get(sequence).value = value;
        ring.publish(sequence);
    }

    /** {@return the ring, for tests} */
    RingBuffer<Slot> ring() {
        return ring;
    }

    @Override
    public void close() {
        pipeline.halt();
    }
}
