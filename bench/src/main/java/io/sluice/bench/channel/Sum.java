package io.sluice.bench.channel;

import java.util.function.LongConsumer;

// Padding by class hierarchy, as the engine's Sequence does: the total, declared in the middle
// class, lands after 120 bytes of left padding and before 120 bytes of right padding.

abstract class SumLeftPadding {
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class SumTotal extends SumLeftPadding {
    long sum;
}

/**
 * A consumer's running total of the values it takes: reading each value, as a real consumer
 * would, and keeping the JIT from dropping the read. Padded to cache lines of its own because the
 * consumer writes it on every event: unpadded, it shared a line with whatever the allocator put
 * next to it (a channel object whose ring reference the producer reads on every send), and each
 * JVM launch ran at a level set by that placement. One consumer thread per instance.
 */
public final class Sum extends SumTotal implements LongConsumer {
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    @Override
    public void accept(long value) {
        sum += value;
    }
}
