package io.sluice.consumer;

/**
 * What a stopped consumer stage does to the ring, so that it never leaves producers waiting
 * forever (a stopped consumer that still gates the ring would: the Disruptor's issue 223). A
 * stage stops when its handler throws an {@link Error}, when its {@link ExceptionPolicy} stops
 * it, or when its thread is interrupted.
 */
public enum Containment {
    /**
     * Close the ring to producers with a {@link io.sluice.RingClosedException} that names the
     * stage and the sequence it failed at, and carries what it threw: producers waiting for
     * capacity are released and every later claim fails at once. Other stages go on with what
     * was published. The default: a failure is loud.
     */
    FAIL_CLAIMS,
    /**
     * Keep the ring open and let the stage go on without its handler: it advances past every
     * event, counting each as dropped for it (the event it failed on included), so later stages
     * and producers are not held back. For a stage whose work is optional (metrics, a replica
     * that can resync). In a worker pool, a failed worker leaves the pool and the others take
     * its share; the last worker to fail bypasses the pool.
     */
    BYPASS
}
