/**
 * A bounded {@link java.util.concurrent.BlockingQueue} on a Sluice ring,
 * {@link io.sluice.queue.RingBlockingQueue}: the one-line replacement for an
 * {@code ArrayBlockingQueue} (in a {@code ThreadPoolExecutor} too) whose inserts wait, shed and
 * are rate-limited by a backpressure policy, and are counted as a ring's claims are.
 */
package io.sluice.queue;
