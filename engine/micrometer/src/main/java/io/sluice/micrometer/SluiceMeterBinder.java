package io.sluice.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/**
 * Binds one Sluice source's figures to Micrometer registries: one meter per figure of the counter
 * catalogue, named {@code sluice.<scope>.<figure>} and tagged by ring and by producer, class or
 * stage. Made by {@link SluiceMeters}.
 *
 * <p>Meters go away when {@link #close()} is called, and by themselves once their source is over
 * (a ring closed, a pipeline stopped): the first read after that removes them from every registry
 * this binder bound them to. Reading a meter never blocks a producer or a consumer and allocates
 * nothing; see {@link SluiceMeters} for what each meter reads.
 *
 * <p>Thread-safe: binding, reading and closing may come from any threads.
 */
public final class SluiceMeterBinder implements MeterBinder, AutoCloseable {
    private final List<MeteredSource<?, ?>> sources;
    private final Map<MeterRegistry, List<Meter>> bound = new IdentityHashMap<>();
    private boolean closed;

    /**
     * @param sources makes the sources, given the action that removes their meters once one is over
     */
    SluiceMeterBinder(Function<Runnable, List<MeteredSource<?, ?>>> sources) {
        // Off the reading thread: a registry may be iterating its meters while one of them reads.
        this.sources = List.copyOf(sources.apply(() -> ForkJoinPool.commonPool().execute(this::close)));
    }

    /**
     * Registers this source's meters in {@code registry}. Binding to a registry already bound, or
     * after {@link #close()}, does nothing.
     *
     * @param registry where the meters go
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (closed || bound.containsKey(registry)) {
            return;
        }
        List<Meter> meters = new ArrayList<>();
        for (MeteredSource<?, ?> source : sources) {
            meters.addAll(source.register(registry));
        }
        bound.put(registry, meters);
    }

    /** {@return the meters this binder has registered, in every registry; empty once closed} */
    public synchronized List<Meter> meters() {
        List<Meter> meters = new ArrayList<>();
        bound.values().forEach(meters::addAll);
        return meters;
    }

    /** Removes this binder's meters from every registry it bound them to. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        bound.forEach((registry, meters) -> meters.forEach(registry::remove));
        bound.clear();
    }
}
