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
 * 1P1C throughput: one producer sends as fast as the contender lets it, one consumer takes
 * every value. Once the contender is full, sends per second is how fast the pair moves values.
 * {@code speed-of-light} is the minimal single-producer ring every ring is measured against;
 * {@code sluice-claim-busy-spin} sends through the claim object, to set beside the raw path;
 * {@code sluice-marked-busy-spin} and {@code sluice-claim-marked-busy-spin} are the same on a ring
 * built with slot markers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Benchmark)
public class OneToOneBenchmark {
    /**
     * The rings with every consumer wait strategy, the queues, the reference. A Sluice name may end in
     * {@code @<policy>} (see {@link Contenders#sluicePolicy}) to replace the ring's default producer
     * policy.
     */
    @Param({"sluice-busy-spin", "sluice-claim-busy-spin", "sluice-marked-busy-spin", "sluice-claim-marked-busy-spin", "sluice-yielding", "sluice-sleeping", "sluice-blocking", "sluice-phased-backoff",
            "records-busy-spin", "records-offer-busy-spin", "records64-busy-spin", "records-yielding",
            "disruptor-busy-spin", "disruptor-yielding", "disruptor-sleeping", "disruptor-blocking", "disruptor-phased-backoff",
            "agrona", "agrona-busy-spin", "agrona64-busy-spin", "jctools", "jctools-busy-spin", "abq", "speed-of-light"})
    public String contender;

    private Channel channel;
    private long value;

    @Setup(Level.Trial)
    public void start() {
        channel = Contenders.create(contender, 1, Topology.ONE);
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
