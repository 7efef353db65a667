/**
 * Consumers of a {@link io.sluice.RingBuffer}: the push-style {@link io.sluice.consumer.BatchEventProcessor},
 * which runs an {@link io.sluice.consumer.EventHandler} on its own thread, and the pull-style
 * {@link io.sluice.consumer.EventPoller}, which the caller drives.
 */
package io.sluice.consumer;
