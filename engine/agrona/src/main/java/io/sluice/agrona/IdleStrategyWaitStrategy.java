package io.sluice.agrona;

import io.sluice.SequenceBarrier;
import io.sluice.wait.AlertException;
import io.sluice.wait.WaitStrategy;

import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An Agrona {@link IdleStrategy} as a consumer wait strategy: each wait resets the consumer's
 * own idle strategy and calls {@link IdleStrategy#idle()} until the sequence is available. Each
 * consumer thread gets its own strategy from the factory. Producers need not signal it, so
 * {@link #signalAll()} does nothing; the wake-up latency is the strategy's longest idle.
 *
 * <p>Thread-safe. Allocation-free after a thread's first wait. Notices an alert or an interrupt
 * between idles. Needs no JVM flag.
 */
public final class IdleStrategyWaitStrategy implements WaitStrategy {
    private final ThreadLocal<IdleStrategy> perThread;
    private final String alias;

    /**
     * Creates a wait strategy that idles with one strategy per consumer thread.
     *
     * @param factory makes one idle strategy per consumer thread
     */
    public IdleStrategyWaitStrategy(Supplier<? extends IdleStrategy> factory) {
        Objects.requireNonNull(factory, "factory");
        this.alias = factory.get().alias();
        this.perThread = ThreadLocal.withInitial(() -> Objects.requireNonNull(factory.get(), "factory returned null"));
    }

    @Override
    public long waitFor(long sequence, SequenceBarrier barrier) throws AlertException, InterruptedException {
        IdleStrategy strategy = perThread.get();
        strategy.reset();
        long available;
        while ((available = barrier.highestAvailable(sequence)) < sequence) {
            barrier.checkAlert();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            strategy.idle();
        }
        return available;
    }

    @Override
    public void signalAll() {
    }

    @Override
    public String toString() {
        return "IdleStrategyWaitStrategy{" + alias + '}';
    }
}
