package io.sluice.bench;

import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.WaitStrategy;
import io.sluice.consumer.EventHandler;
import io.sluice.consumer.Pipeline;
import io.sluice.consumer.Stage;

import java.util.function.LongConsumer;

/** Sluice: a ring with the ring's default producer policy, consumers wired by a {@link Pipeline}. */
final class SluiceChannel implements Channel {
    static final class Slot {
        long value;
    }

    private final RingBuffer<Slot> ring;
    private final Pipeline<Slot> pipeline;

    SluiceChannel(int producers, WaitStrategy strategy, Topology topology, int capacity, LongConsumer sink) {
        ring = RingBuffer.builder(Slot::new).name("bench").capacity(capacity)
                .producerType(producers == 1 ? ProducerType.SINGLE : ProducerType.MULTI).waitStrategy(strategy).build();
        Pipeline.Builder<Slot> b = Pipeline.builder(ring).threadFactory(task -> daemon(task));
        switch (topology) {
            case ONE -> b.handler("c", (slot, sequence, end) -> sink.accept(slot.value));
            case MULTICAST -> {
                b.handler("c1", new Sink());
                b.handler("c2", new Sink());
                b.handler("c3", new Sink());
            }
            case PIPELINE -> {
                Stage<Slot> first = b.handler("s1", new Sink());
                Stage<Slot> second = b.handler("s2", new Sink(), first);
                b.handler("s3", new Sink(), second);
            }
            case DIAMOND -> {
                Stage<Slot> left = b.handler("left", new Sink());
                Stage<Slot> right = b.handler("right", new Sink());
                b.handler("join", new Sink(), left, right);
            }
        }
        pipeline = b.build();
        pipeline.start();
    }

    static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, task.toString());
        thread.setDaemon(true);
        return thread;
    }

    /** Reads each value, as a real consumer would; the sum keeps the JIT from dropping the read. */
    static final class Sink implements EventHandler<Slot> {
        long sum;

        @Override
        public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
            sum += slot.value;
        }
    }

    @Override
    public void send(long value) throws InterruptedException {
        long sequence = ring.next();
        ring.get(sequence).value = value;
        ring.publish(sequence);
    }

    @Override
    public void close() {
        pipeline.halt();
    }
}
