package io.sluice.agrona;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.ProducerBackoff;

import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An Agrona {@link IdleStrategy} as a producer back-off: a stalled claim calls
 * {@link IdleStrategy#idle()} between attempts, after {@link IdleStrategy#reset()} on the first.
 * Idle strategies are stateful and single-threaded, so each producing thread gets its own from
 * the factory, on its first stall.
 *
 * <p>Thread-safe. Allocation-free after a thread's first stall. Needs no JVM flag.
 */
public final class IdleStrategyBackoff implements ProducerBackoff {
    private final ThreadLocal<IdleStrategy> perThread;

    /**
     * Creates a backoff that idles with one strategy per producing thread.
     *
     * @param factory makes one idle strategy per producing thread
     */
    public IdleStrategyBackoff(Supplier<? extends IdleStrategy> factory) {
        Objects.requireNonNull(factory, "factory");
        this.perThread = ThreadLocal.withInitial(() -> Objects.requireNonNull(factory.get(), "factory returned null"));
    }

    /**
     * A policy that waits with the idle strategies {@code factory} makes.
     *
     * @param factory makes one idle strategy per producing thread
     * @return the policy, named after the strategy's alias
     */
    public static BackpressurePolicy policy(Supplier<? extends IdleStrategy> factory) {
        Objects.requireNonNull(factory, "factory");
        return BackpressurePolicy.backoff(new IdleStrategyBackoff(factory), "agrona " + factory.get().alias());
    }

    @Override
    public void idle(int attempt) {
        IdleStrategy strategy = perThread.get();
        if (attempt == 0) {
            strategy.reset();
        }
        strategy.idle();
    }
}
