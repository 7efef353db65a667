/**
 * Consumers of a {@link io.sluice.RingBuffer}: the push-style {@link io.sluice.consumer.BatchEventProcessor},
 * which runs an {@link io.sluice.consumer.EventHandler} on its own thread, the pull-style
 * {@link io.sluice.consumer.EventPoller}, which the caller drives, and one-of-N
 * {@link io.sluice.consumer.WorkerPool worker pools}; what a consumer does when its handler throws
 * ({@link io.sluice.consumer.ExceptionPolicy}) or when it stops ({@link io.sluice.consumer.Containment});
 * and {@link io.sluice.consumer.ConsumerSnapshot snapshots} of its progress.
 */
package io.sluice.consumer;
