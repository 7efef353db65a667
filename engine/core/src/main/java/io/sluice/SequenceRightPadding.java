package io.sluice;

/** Padding after the value of a {@link Sequence}; see {@link SequenceLeftPadding}. */
abstract class SequenceRightPadding extends SequenceValue {
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}
