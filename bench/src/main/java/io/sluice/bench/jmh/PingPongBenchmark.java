package io.sluice.bench.jmh;

import io.sluice.bench.channel.RoundTrip;
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
 * A round trip between two threads ({@link RoundTrip}): average time per ping and its pong,
 * spinning on both sides. On this 2-vCPU machine a launch settles on one of two levels (the host
 * placing the vCPUs), so compare contenders over several forks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Benchmark)
public class PingPongBenchmark {
    @Param({"sluice", "records", "disruptor", "agrona", "jctools", "abq"})
    public String pair;

    private RoundTrip roundTrip;
    private long value;

    @Setup(Level.Trial)
    public void start() {
        roundTrip = RoundTrip.create(pair);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        roundTrip.close();
    }

    @Benchmark
    @Threads(1)
    public long roundTrip() throws Exception {
        return roundTrip.roundTrip(value++);
    }
}
