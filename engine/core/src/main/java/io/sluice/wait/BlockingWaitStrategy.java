package io.sluice.wait;

import io.sluice.SequenceBarrier;

/**
 * Blocks waiting consumers on a monitor until a producer publishes or an upstream consumer
 * advances: no CPU while idle, a wake-up latency of a thread hand-off (microseconds). A publish
 * or a consumer's progress signal takes no lock while no consumer is blocked (it pays one
 * store-load fence), and one lock per wake-up while one is (see {@code CountedMonitor}).
 * Consumers that wait for producers and consumers that wait for other
 * consumers block on separate monitors, so a consumer's progress wakes only the stages behind it,
 * never its siblings in a multicast.
 *
 * <p>Thread-safe; allocation-free (the monitor allocates nothing on the Java heap). An alert
 * wakes the blocked consumer; an interrupt ends its wait with {@link InterruptedException}.
 */
public final class BlockingWaitStrategy implements WaitStrategy {
    private final MonitorWaiter waiter = new MonitorWaiter();

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
