package io.sluice.bench.jmh;

import io.sluice.bench.channel.Channel;
import io.sluice.bench.channel.Contenders;
import io.sluice.bench.channel.Topology;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One producer into consumer graphs only a ring can form: 1P3C multicast (three consumers each
 * see every value), a 3-stage pipeline, and a diamond (two stages, then one after both). Sluice
 * and the Disruptor only: queues hand each value to one consumer.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Benchmark)
public class GraphBenchmark {
    @Param({"MULTICAST", "PIPELINE", "DIAMOND"})
    public Topology topology;

    /**
     * Every consumer wait strategy both libraries have; busy-spin is four spinning threads on two cores
     * here. A Sluice name may end in {@code @<policy>} (see {@link Contenders#sluicePolicy}) to replace
     * the ring's default producer policy.
     */
    @Param({"sluice-busy-spin", "sluice-yielding", "sluice-sleeping", "sluice-blocking", "sluice-phased-backoff",
            "disruptor-busy-spin", "disruptor-yielding", "disruptor-sleeping", "disruptor-blocking",
            "disruptor-phased-backoff"})
    public String graph;

    private Channel channel;
    private long value;

    @Setup(Level.Trial)
    public void start() {
        channel = Contenders.create(graph, 1, topology);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        channel.close();
    }

    @Benchmark
    @Threads(1)
    public void send() throws InterruptedException {
        channel.send(value++);
    }
}
