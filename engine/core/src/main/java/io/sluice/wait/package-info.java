/**
 * How consumers wait for events: the {@link io.sluice.wait.WaitStrategy} interface and its
 * implementations, from busy-spinning to parking until signalled, and the two ways a wait ends
 * without its event ({@link io.sluice.wait.AlertException}, {@link io.sluice.wait.WaitTimeoutException}).
 */
package io.sluice.wait;
