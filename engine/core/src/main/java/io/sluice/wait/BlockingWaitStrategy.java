package io.sluice.wait;

import io.sluice.SequenceBarrier;

/**
 * Parks waiting consumers until a producer publishes or an upstream consumer advances: no CPU
 * while idle, a wake-up latency of a thread hand-off (microseconds). A publish or a consumer's
 * progress signal costs one store-load fence and one read while no consumer is parked, and an
 * unpark per parked consumer once per wait (see {@code ParkedWaiters}). Consumers that wait for
 * producers and consumers that wait for other consumers park apart, so a consumer's progress wakes
 * only the stages behind it, never its siblings in a multicast. A consumer on a virtual thread
 * frees its carrier while it waits (no monitor is involved).
 *
 * <p>Thread-safe; allocation-free after a consumer thread's first wait. An alert wakes the parked
 * consumer; an interrupt ends its wait with {@link InterruptedException}.
 */
public final class BlockingWaitStrategy implements WaitStrategy {
    private final ParkingWaiter waiter = new ParkingWaiter();

    /** Creates a strategy with no consumer blocked in it. */
    public BlockingWaitStrategy() {
    }

    @Override
    public long waitFor(long sequence, SequenceBarrier barrier) throws AlertException, InterruptedException {
        try {
            return waiter.await(sequence, barrier, Long.MAX_VALUE);
        } catch (WaitTimeoutException e) {
            throw new AssertionError("a wait without a timeout timed out", e);
        }
    }

    @Override
    public void signalAll() {
        waiter.signalAll();
    }

    @Override
    public void signalPublished() {
        waiter.signalPublished();
    }

    @Override
    public void signalConsumerProgress() {
        waiter.signalConsumerProgress();
    }

    @Override
    public String toString() {
        return "BlockingWaitStrategy";
    }
}
