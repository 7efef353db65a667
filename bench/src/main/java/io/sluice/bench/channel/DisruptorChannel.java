package io.sluice.bench.channel;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** The LMAX Disruptor 4.0.0: a ring, batch event processors wired by hand, its fixed {@code next()}. */
public final class DisruptorChannel implements Channel {
    private final RingBuffer<SluiceChannel.Slot> ring;
    private final List<BatchEventProcessor<SluiceChannel.Slot>> processors = new ArrayList<>();

    DisruptorChannel(int producers, WaitStrategy strategy, Topology topology, int capacity, LongConsumer sink) {
        ring = RingBuffer.create(producers == 1 ? ProducerType.SINGLE : ProducerType.MULTI, SluiceChannel.Slot::new,
                capacity, strategy);
        switch (topology) {
            case ONE -> gate(stage(sink));
            case MULTICAST -> {
                gate(stage());
                gate(stage());
                gate(stage());
            }
            case PIPELINE -> gate(stage(stage(stage())));
            case DIAMOND -> gate(stage(stage(), stage()));
        }
        for (BatchEventProcessor<SluiceChannel.Slot> processor : processors) {
            SluiceChannel.daemon(processor).start();
        }
    }

    private Sequence stage(Sequence... after) {
        return stage(new Sum(), after);
    }

    private Sequence stage(LongConsumer sink, Sequence... after) {
        SequenceBarrier barrier = ring.newBarrier(after);
        EventHandler<SluiceChannel.Slot> handler = (slot, sequence, endOfBatch) -> sink.accept(slot.value);
        BatchEventProcessor<SluiceChannel.Slot> processor = new BatchEventProcessorBuilder().build(ring, barrier, handler);
        processors.add(processor);
        return processor.getSequence();
    }

    private void gate(Sequence... last) {
        ring.addGatingSequences(last);
    }

    @Override
    public void send(long value) {
        long sequence = ring.next();
        ring.get(sequence).value = value;
        ring.publish(sequence);
    }

    @Override
    public void close() {
        for (BatchEventProcessor<SluiceChannel.Slot> processor : processors) {
            processor.halt();
        }
    }
}
