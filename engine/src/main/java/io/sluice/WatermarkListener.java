package io.sluice;

/**
 * Told when a ring's occupancy (claimed but not yet consumed by the slowest gating consumer)
 * crosses its watermarks, so an upstream source (a socket, a file tailer) can pause and resume
 * instead of stalling in a claim. Each crossing is reported once: after a high report, the next
 * report is a low one, and so on (hysteresis).
 *
 * <p>Called on the thread that noticed the crossing — a producer for high, a consumer for low —
 * off the fast path but inside a claim or after a batch: keep it short (set a flag, wake a
 * thread), and never claim from the same ring in it.
 */
public interface WatermarkListener {
    /**
     * Occupancy has reached the high watermark.
     *
     * @param ring the ring's name
     * @param occupancy the occupancy seen, at least the high watermark
     */
    void onHighWatermark(String ring, long occupancy);

    /**
     * Occupancy has fallen to the low watermark or below, after a high report.
     *
     * @param ring the ring's name
     * @param occupancy the occupancy seen, at most the low watermark
     */
    void onLowWatermark(String ring, long occupancy);
}
