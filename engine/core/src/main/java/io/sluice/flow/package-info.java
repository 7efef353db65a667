/**
 * {@link java.util.concurrent.Flow} adapters: a ring seen as a {@code Flow.Publisher}
 * ({@link io.sluice.flow.RingPublisher}) and a {@code Flow.Subscriber} that publishes into a ring
 * ({@link io.sluice.flow.RingSubscriber}), so reactive libraries plug into Sluice without losing
 * backpressure. JDK only; verified with the Reactive Streams TCK.
 */
package io.sluice.flow;
