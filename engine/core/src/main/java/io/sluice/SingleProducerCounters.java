package io.sluice;

import io.sluice.wait.WaitStrategy;

/**
 * The single producer's counters, kept as fields of the sequencer rather than as separate
 * {@link Sequence} objects: a claim and a publish read and write them without a dereference each.
 * Padded on both sides (see {@link SingleProducerLeftPadding}).
 */
abstract sealed class SingleProducerCounters extends SingleProducerLeftPadding permits SingleProducerSequencer {
    /** Highest claimed sequence; written only by the producer, read by others through {@code CLAIM}. */
    long claim = Sequence.INITIAL_VALUE;
    /** The producer's own cache of the gating minimum; plain, never read by another thread. */
    long gatingCache = Sequence.INITIAL_VALUE;

    SingleProducerCounters(int capacity, WaitStrategy waitStrategy, Watermarks watermarks) {
        super(capacity, waitStrategy, watermarks);
    }
}
