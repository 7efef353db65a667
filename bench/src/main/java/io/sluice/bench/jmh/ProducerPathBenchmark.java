package io.sluice.bench.jmh;

import io.sluice.bench.channel.Contenders;
import io.sluice.bench.channel.SluiceChannel;
import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.ProducerClass;
import io.sluice.RingBuffer;
import io.sluice.RingBufferBuilder;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The producer's own cost: claim, write, publish on one thread, into a ring that nothing gates
 * (no consumer, so it never fills and no cache line moves between cores). What is left is each
 * library's per-event work on the producer side, including the publish's signal to its wait
 * strategy (a fence for Sluice's blocking strategy, a lock for the Disruptor's).
 *
 * <p>{@code sluice-*} runs the raw sequence API on the ring ({@code next}, {@code get},
 * {@code publish}); {@code sluice.handle-*} the same raw calls on a producer handle, which
 * counts its own claims; {@code sluice.claim-*} the claim object of a producer handle
 * ({@code claim}, {@code get}, {@code commit}); {@code sluice.classed-*} the claim object of a
 * handle of a producer class that keeps a quarter of the ring, so every claim also leaves the
 * ring's reserve free and notes itself for its class. The producer type {@code marked} is a
 * single-producer ring built with slot markers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Thread)
public class ProducerPathBenchmark {
    /** Library, producer type and wait strategy. */
    @Param({"sluice-single-busy-spin", "sluice-single-blocking", "sluice-multi-busy-spin", "sluice-multi-blocking",
            "sluice.handle-single-busy-spin", "sluice.handle-multi-busy-spin", "sluice.claim-single-busy-spin",
            "sluice.claim-multi-busy-spin", "sluice-marked-busy-spin", "sluice.claim-marked-busy-spin",
            "sluice.classed-single-busy-spin", "sluice.classed-multi-busy-spin", "disruptor-single-busy-spin",
            "disruptor-single-blocking", "disruptor-multi-busy-spin", "disruptor-multi-blocking"})
    public String ring;

    private RingBuffer<SluiceChannel.Slot> sluice;
    private Producer<SluiceChannel.Slot> producer;
    private Producer<SluiceChannel.Slot> handle;
    private com.lmax.disruptor.RingBuffer<SluiceChannel.Slot> disruptor;
    private long value;

    @Setup(Level.Trial)
    public void create() {
        String[] parts = ring.split("-", 3);
        boolean single = switch (parts[1]) {
            case "single", "marked" -> true;
            case "multi" -> false;
            default -> throw new IllegalArgumentException("unknown producer type in " + ring);
        };
        boolean marked = parts[1].equals("marked");
        if (marked && parts[0].equals("disruptor")) {
            throw new IllegalArgumentException("the Disruptor has no ring with slot markers: " + ring);
        }
        switch (parts[0]) {
            case "sluice", "sluice.handle", "sluice.claim", "sluice.classed" -> {
                RingBufferBuilder<SluiceChannel.Slot> builder = RingBuffer.builder(SluiceChannel.Slot::new)
                        .capacity(Contenders.CAPACITY)
                        .producerType(single ? io.sluice.ProducerType.SINGLE : io.sluice.ProducerType.MULTI)
                        .waitStrategy(Contenders.sluiceStrategy(parts[2]));
                ProducerClass classed = ProducerClass.of("bench", 0.25);
                if (parts[0].equals("sluice.classed")) {
                    builder.producerClasses(classed, ProducerClass.of("others", 0));
                }
                RingBuffer<SluiceChannel.Slot> built = (marked ? builder.slotMarkers() : builder).build();
                switch (parts[0]) {
                    case "sluice" -> sluice = built;
                    case "sluice.handle" -> {
                        sluice = built;
                        handle = built.newProducer("bench");
                    }
                    case "sluice.classed" -> producer = built.newProducer("bench", classed);
                    default -> producer = built.newProducer("bench");
                }
            }
            case "disruptor" -> disruptor = com.lmax.disruptor.RingBuffer.create(
                    single ? com.lmax.disruptor.dsl.ProducerType.SINGLE : com.lmax.disruptor.dsl.ProducerType.MULTI,
                    SluiceChannel.Slot::new, Contenders.CAPACITY, Contenders.disruptorStrategy(parts[2]));
            default -> throw new IllegalArgumentException("unknown library in " + ring);
        }
    }

    @Benchmark
    @Threads(1)
    public void claimWritePublish() throws InterruptedException {
        if (producer != null) {
            Claim<SluiceChannel.Slot> claim = producer.claim();
            claim.get().value = value++;
            claim.commit();
        } else if (handle != null) {
            long sequence = handle.next();
            sluice.get(sequence).value = value++;
            handle.publish(sequence);
        } else if (sluice != null) {
            long sequence = sluice.next();
            sluice.get(sequence).value = value++;
            sluice.publish(sequence);
        } else {
            long sequence = disruptor.next();
            disruptor.get(sequence).value = value++;
            disruptor.publish(sequence);
        }
    }
}
