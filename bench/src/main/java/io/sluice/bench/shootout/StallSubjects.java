package io.sluice.bench.shootout;

import io.sluice.bench.channel.SluiceChannel;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.pipeline.Pipeline;
import io.sluice.wait.BlockingWaitStrategy;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;

import java.time.Duration;

/** The rings under the stall measurement: Sluice under each policy, and the Disruptor's fixed {@code next()}. */
public final class StallSubjects {
    private StallSubjects() {
    }

    /** Sluice, SP ring, blocking consumer wait, the given producer policy; one event per consumer batch. */
    static StallMeasurement.Subject sluice(BackpressurePolicy policy, StallMeasurement.Consumer consumer) {
        RingBuffer<SluiceChannel.Slot> ring = RingBuffer.builder(SluiceChannel.Slot::new).name("stall")
                .capacity(StallMeasurement.CAPACITY).producerType(ProducerType.SINGLE)
                .waitStrategy(new BlockingWaitStrategy()).backpressure(policy).build();
        Pipeline.Builder<SluiceChannel.Slot> b = Pipeline.builder(ring).threadFactory(SluiceChannel::daemon);
        b.handler("throttled", (slot, sequence, end) -> consumer.onEvent(sequence)).maxBatchSize(1);
        Pipeline<SluiceChannel.Slot> pipeline = b.build();
        pipeline.start();
        return new StallMeasurement.Subject() {
            @Override
            public long publish(long value) throws InterruptedException {
                long sequence = ring.next();
                ring.get(sequence).value = value;
                ring.publish(sequence);
                return sequence;
            }

            @Override
            public void close() {
                pipeline.halt();
            }
        };
    }

    /** The Disruptor 4.0.0: {@code next()} loops on {@code parkNanos(1)} while full; blocking consumer wait. */
    static StallMeasurement.Subject disruptor(StallMeasurement.Consumer consumer) {
        com.lmax.disruptor.RingBuffer<SluiceChannel.Slot> ring = com.lmax.disruptor.RingBuffer.createSingleProducer(
                SluiceChannel.Slot::new, StallMeasurement.CAPACITY, new com.lmax.disruptor.BlockingWaitStrategy());
        BatchEventProcessor<SluiceChannel.Slot> processor = new BatchEventProcessorBuilder().setMaxBatchSize(1)
                .build(ring, ring.newBarrier(), (slot, sequence, end) -> consumer.onEvent(sequence));
        ring.addGatingSequences(processor.getSequence());
        Thread thread = SluiceChannel.daemon(processor);
        thread.start();
        return new StallMeasurement.Subject() {
            @Override
            public long publish(long value) {
                long sequence = ring.next();
                ring.get(sequence).value = value;
                ring.publish(sequence);
                return sequence;
            }

            @Override
            public void close() throws InterruptedException {
                processor.halt();
                thread.join(Duration.ofSeconds(5).toMillis());
            }
        };
    }
}
