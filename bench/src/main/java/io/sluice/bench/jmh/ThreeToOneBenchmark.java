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
 * 3P1C throughput: three producers send into one multi-producer contender, one consumer takes
 * everything. On a 2-core machine that is four busy threads on two cores: reported as it is.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Benchmark)
public class ThreeToOneBenchmark {
    /**
     * Multi-producer contenders (speed-of-light is single-producer), the rings with every consumer wait
     * strategy. A Sluice name may end in {@code @<policy>} (see {@link Contenders#sluicePolicy}) to
     * replace the ring's default producer policy.
     */
    @Param({"sluice-busy-spin", "sluice-yielding", "sluice-sleeping", "sluice-blocking", "sluice-phased-backoff",
            "records-yielding", "records-sleeping", "records64-yielding", "disruptor-busy-spin", "disruptor-yielding", "disruptor-sleeping", "disruptor-blocking",
            "disruptor-phased-backoff", "agrona", "jctools", "abq"})
    public String multi;

    private Channel channel;

    @Setup(Level.Trial)
    public void start() {
        channel = Contenders.create(multi, 3, Topology.ONE);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        channel.close();
    }

    /** Each producer thread's own counter, so the values differ without shared writes. */
    @State(Scope.Thread)
    public static class Producer {
        long value;
    }

    @Benchmark
    @Threads(3)
    public void send(Producer producer) throws InterruptedException {
        channel.send(producer.value++);
    }
}
