package io.sluice.backpressure;


/**
 * Told when a ring's occupancy (claimed but not yet consumed by the slowest gating consumer)
 * crosses its watermarks, so an upstream source (a socket, a file tailer) can pause and resume
 * instead of stalling in a claim. Reports alternate, high, low, high, ... (hysteresis), and reach
 * the listener in the order of the crossings; after the last report, what the listener was last
 * told matches the ring: once a ring comes to rest, occupancy is above the low mark if high was
 * the last report, and below the high mark if low was (or nothing was reported). Crossings that undo each
 * other while a report is in progress may be reported as one report less in each direction, never
 * out of order.
 *
 * <h2>Which thread, and what it may do</h2>
 * Called on a producer thread (one whose claim took occupancy to the high mark) or a consumer
 * thread (one whose progress brought it to the low mark), whichever noticed the crossing, and by
 * one thread at a time: calls never overlap, and each happens-after the one before, so a
 * listener needs no synchronisation of its own. The thread is in the middle of a claim (already
 * made) or just after a consumer's batch, and other threads that notice a crossing meanwhile do
 * not wait for the report: they leave it to the reporting thread, which looks at the ring again
 * after each report. Keep it short (set a flag, unpark or signal a thread), never block, and
 * never claim from the same ring in it. An exception it throws is logged and the report counts
 * as made; it never reaches the claim or the consumer.
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
