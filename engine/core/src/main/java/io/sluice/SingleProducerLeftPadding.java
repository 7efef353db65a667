package io.sluice;

import io.sluice.wait.WaitStrategy;

/**
 * Padding between the {@link Sequencer} fields consumers read (the wait strategy, the watermarks)
 * and the single producer's own counters, which it writes on every claim; the same layout
 * technique as {@link SequenceLeftPadding}. {@code SequencerLayoutTest} measures the result.
 */
abstract sealed class SingleProducerLeftPadding extends Sequencer permits SingleProducerCounters {
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;

    SingleProducerLeftPadding(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
    }
}
