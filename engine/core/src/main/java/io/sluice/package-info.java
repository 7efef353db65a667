/**
 * The core: {@link io.sluice.Sequence}, {@link io.sluice.RingBuffer} with its single- and
 * multi-producer sequencers, {@link io.sluice.SequenceBarrier} and the consumer
 * {@link io.sluice.WaitStrategy wait strategies}.
 *
 * <p>A producer claims sequences from the ring, writes the pre-allocated slots and publishes them.
 * Consumers wait on a barrier for published sequences, read the slots, and advance their own
 * {@link io.sluice.Sequence}; the ring's gating sequences keep producers from overwriting a slot
 * before the slowest gating consumer has finished with it.
 */
package io.sluice;
