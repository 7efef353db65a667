/**
 * The ring and producing into it: {@link io.sluice.RingBuffer} with its single- and
 * multi-producer sequencers, {@link io.sluice.Sequence}, {@link io.sluice.SequenceBarrier}, the
 * producer API ({@link io.sluice.EventSink}, {@link io.sluice.Producer} handles), whose claims
 * apply the {@link io.sluice.backpressure.BackpressurePolicy backpressure policies} of
 * {@code io.sluice.backpressure}, and the snapshots and JFR events of what they count.
 *
 * <p>A producer claims sequences from the ring, writes the pre-allocated slots and publishes them.
 * Consumers wait on a barrier for published sequences (with a {@code io.sluice.wait} strategy),
 * read the slots, and advance their own {@link io.sluice.Sequence}; the ring's gating sequences
 * keep producers from overwriting a slot before the slowest gating consumer has finished with it.
 */
package io.sluice;
