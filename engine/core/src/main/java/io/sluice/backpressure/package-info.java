/**
 * What a producer does when the ring has too little free capacity: the
 * {@link io.sluice.backpressure.BackpressurePolicy backpressure policies} (spin, yield, park,
 * block, shed, each with an optional deadline), the {@link io.sluice.backpressure.RateLimiter
 * token bucket} that paces claims before they are made, custom
 * {@link io.sluice.backpressure.ProducerBackoff back-offs}, and the
 * {@link io.sluice.backpressure.WatermarkListener occupancy watermarks} a ring reports through.
 *
 * <p>Everything here is immutable or lock-free and may be shared between producers and rings; the
 * policies are applied by {@link io.sluice.Producer} handles and {@link io.sluice.RingBuffer}'s own
 * claims, which count every stall, drop, rejection and timeout (see {@code io.sluice.metrics}).
 */
package io.sluice.backpressure;
