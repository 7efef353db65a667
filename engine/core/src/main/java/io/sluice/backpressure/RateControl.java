package io.sluice.backpressure;

import java.time.Duration;

/**
 * The control law of an {@link AdaptiveRateLimiter}: once per window, from what the ring's
 * producers and consumers did under the rate in force ({@link FlowWindow}), the rate for the next
 * window. The limiter clamps the answer to its minimum and maximum.
 *
 * <p>Two laws are provided, both stateless (one instance may serve many limiters):
 * <ul>
 *   <li>{@link #aimd()}: additive increase, multiplicative decrease, as TCP Reno, with the ring's
 *       fill as the congestion signal. Simple and robust; in steady state it saws between
 *       {@code decreaseFactor} of the consumers' capacity and a step above it.</li>
 *   <li>{@link #gradient(Duration)}: delay-based, as TCP Vegas and Netflix's Gradient2: follows
 *       the consumers' measured throughput, corrected by the gap between the time events wait in
 *       the ring (Little's law) and a target; probes upward while events barely wait. Settles at
 *       the consumers' capacity with the target delay, without a saw.</li>
 * </ul>
 * The control laws, their stability conditions and what each parameter does are explained in
 * the guide ({@code docs/GUIDE.md}, "Adaptive rate limiting").
 *
 * <p>Implementations are called on a producer's claim path by one thread at a time (the one that
 * runs the window's control step) and must not block or allocate.
 */
@FunctionalInterface
public interface RateControl {
    /**
     * Sets the rate for the next window.
     *
     * @param window the window just ended; valid only during this call
     * @return the rate for the next window, permits per second (clamped by the limiter)
     */
    long nextRate(FlowWindow window);

    /** {@return AIMD with a target fill of a tenth of the ring, a decrease to 0.9 of the rate, and an increase of a twentieth of the maximum rate per window} */
    static RateControl aimd() {
        return new AimdControl(0.1, 0.9, 0);
    }

    /**
     * Additive increase, multiplicative decrease: while the ring is fuller than
     * {@code targetFill} and its queue still grows, each window multiplies the rate by
     * {@code decreaseFactor}; while it is fuller and the queue drains, the rate holds; otherwise
     * each window adds {@code increasePerWindow}.
     *
     * @param targetFill the share of the ring above which the consumers count as behind, more than 0 and less than 1
     * @param decreaseFactor what a window behind multiplies the rate by, more than 0 and less than 1
     * @param increasePerWindow permits per second added per window not behind; 0 for a twentieth of the limiter's maximum
     * @return the law
     * @throws IllegalArgumentException naming a value out of range
     */
    static RateControl aimd(double targetFill, double decreaseFactor, long increasePerWindow) {
        return new AimdControl(targetFill, decreaseFactor, increasePerWindow);
    }

    /**
     * Delay-based, with the default smoothing (0.7), correction time (4 windows) and upward probe
     * (x1.25 per window).
     *
     * @param targetDelay how long an event should wait in the ring, at the consumers' throughput
     * @return the law
     * @throws IllegalArgumentException if it is not positive
     */
    static RateControl gradient(Duration targetDelay) {
        return new GradientControl(targetDelay, 0.7, 4, 1.25);
    }

    /**
     * Delay-based: while events wait less than half the target, the rate grows by
     * {@code probe} per window (the consumers have room: find out how much). Otherwise the
     * window's aim is the consumers' throughput plus the queue's gap to the target, closed over
     * {@code correctionWindows} windows: {@code mu + (targetDelay * mu - occupancy) /
     * (correctionWindows * window)}, held between half and twice {@code mu}; the rate moves
     * {@code smoothing} of the way to it.
     *
     * @param targetDelay how long an event should wait in the ring, at the consumers' throughput; positive
     * @param smoothing how far each window moves toward its aim, more than 0 and at most 1
     * @param correctionWindows over how many windows a queue's gap to the target is closed; at least 1
     * @param probe what a window with room multiplies the rate by, more than 1
     * @return the law
     * @throws IllegalArgumentException naming a value out of range
     */
    static RateControl gradient(Duration targetDelay, double smoothing, int correctionWindows, double probe) {
        return new GradientControl(targetDelay, smoothing, correctionWindows, probe);
    }
}
