package io.sluice.backpressure;

import io.sluice.FakeClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A ring and its consumer simulated on a clock the test moves, so that an adaptive limiter's
 * control is tested deterministically: each tick the consumer finishes what its capacity allows,
 * and a greedy producer takes every permit the limiter grants while the ring has room.
 */
final class FlowSimulation implements FlowFeedback {
    static final long TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    /** One control window as seen from outside: the limiter's rate at its end, what was delivered, what waited. */
    record Sample(long atNanos, long rate, long consumed, long occupancy) {
        double deliveredPerSecond(long windowNanos) {
            return consumed * 1e9 / windowNanos;
        }
    }

    final FakeClock clock = new FakeClock();
    private final long capacity;
    private long claimed = -1;
    private long consumed = -1;
    private double credit;
    private long consumerRate;
    private final long start = clock.nanoTime();

    FlowSimulation(long capacity, long consumerRate) {
        this.capacity = capacity;
        this.consumerRate = consumerRate;
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public long claimed() {
        return claimed;
    }

    @Override
    public long consumed() {
        return consumed;
    }

    void consumerRate(long eventsPerSecond) {
        this.consumerRate = eventsPerSecond;
    }

    long occupancy() {
        return claimed - consumed;
    }

    long elapsedNanos() {
        return clock.nanoTime() - start;
    }

    /**
     * Runs for {@code nanos}, sampling every {@code sampleNanos}.
     *
     * @return one sample per {@code sampleNanos}
     */
    List<Sample> run(RateLimiter limiter, long nanos, long sampleNanos) {
        List<Sample> samples = new ArrayList<>();
        long end = elapsedNanos() + nanos;
        long nextSample = elapsedNanos() + sampleNanos;
        long consumedAtSample = consumed;
        while (elapsedNanos() < end) {
            clock.advance(TICK_NANOS, TimeUnit.NANOSECONDS);
            credit += consumerRate * (TICK_NANOS / 1e9);
            long take = Math.min((long) credit, occupancy());
            consumed += take;
            credit -= take;
            if (occupancy() == 0) {
                credit = Math.min(credit, 1); // an idle consumer saves up no capacity
            }
            while (occupancy() < capacity && limiter.tryAcquire(1)) {
                claimed++;
            }
            if (elapsedNanos() >= nextSample) {
                samples.add(new Sample(elapsedNanos(), limiter.permitsPerSecond(), consumed - consumedAtSample, occupancy()));
                consumedAtSample = consumed;
                nextSample += sampleNanos;
            }
        }
        return samples;
    }
}
