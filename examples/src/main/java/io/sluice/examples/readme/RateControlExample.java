package io.sluice.examples.readme;

import io.sluice.RingBuffer;
import io.sluice.backpressure.AdaptiveRateLimiter;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.RateControl;

import java.time.Duration;

/**
 * A ring whose producers follow their consumers (an adaptive rate limit), and one that sheds by
 * queueing delay; docs/GUIDE.md quotes the parts between the markers.
 */
public final class RateControlExample {
    private RateControlExample() {
    }

    /** A sensor reading. */
    static final class Reading {
        double value;
    }

    /** A telemetry sample. */
    static final class Sample {
        long value;
    }

    static RingBuffer<Reading> adaptive() {
        // docs:start
        AdaptiveRateLimiter limiter = AdaptiveRateLimiter.builder(RateControl.gradient(Duration.ofMillis(1)))
                .rates(10_000, 5_000_000)          // never below 10k/s, never above 5M/s; starts at the max
                .window(Duration.ofMillis(10))     // how often the law runs (the default)
                .build();
        RingBuffer<Reading> ring = RingBuffer.builder(Reading::new).capacity(65_536)
                .backpressure(BackpressurePolicy.park().withRateLimit(limiter)).build();   // the ring hands the limiter its feedback
        // docs:end
        return ring;
    }

    static RingBuffer<Sample> sheddingOnDelay() {
        // docs:start
        RingBuffer<Sample> samples = RingBuffer.builder(Sample::new).capacity(65_536)
                .backpressure(BackpressurePolicy.shedOnDelay(Duration.ofMillis(5), Duration.ofMillis(100)))
                .build();
        // docs:end
        return samples;
    }
}
