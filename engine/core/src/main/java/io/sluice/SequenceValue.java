package io.sluice;

/** The padded value of a {@link Sequence}; see {@link SequenceLeftPadding}. */
abstract class SequenceValue extends SequenceLeftPadding {
    /** Accessed only through {@code Sequence.VALUE}. */
    long value;
}
