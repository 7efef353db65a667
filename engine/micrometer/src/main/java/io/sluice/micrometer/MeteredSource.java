package io.sluice.micrometer;

import io.sluice.metrics.Figure;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.ToLongBiFunction;

/**
 * One source of figures (a ring, one of its producer classes, a producer handle, a stage or a
 * consumer) and the snapshot its meters read. A read refreshes the snapshot when it is older than
 * a millisecond, so the meters of one scrape see one consistent view and a scrape takes one
 * snapshot per source; taking it allocates nothing. Reads come from the registries' threads, never
 * from a claim or consume path; they hold this object's lock while they refresh and read.
 *
 * @param <S> the source; the source object is held by this binding until its binder is closed
 * @param <V> the snapshot type
 */
final class MeteredSource<S, V> {
    private static final long FRESH_NANOS = 1_000_000;

    private final S source;
    private final String scope;
    private final Tags tags;
    private final List<? extends Figure> figures;
    private final V snapshot;
    private final BiConsumer<S, V> refresh;
    private final ToLongBiFunction<V, Figure> value;
    private final Predicate<S> ended;
    private final Runnable onEnded;
    private boolean fresh;
    private long refreshedAt;
    private boolean endReported;

    /**
     * @param scope what the figures describe, the meter names' second word
     * @param figures the catalogue's figures to meter, each once
     * @param snapshot the caller-owned snapshot the meters read, refreshed in place
     * @param refresh copies the source's figures into the snapshot
     * @param value one figure's value from the snapshot
     * @param ended whether the source is over (its meters then go, at the first read after)
     * @param onEnded what removes the meters; called once, from a registry's reading thread
     */
    MeteredSource(S source, String scope, Tags tags, List<? extends Figure> figures, V snapshot,
                  BiConsumer<S, V> refresh, ToLongBiFunction<V, Figure> value, Predicate<S> ended, Runnable onEnded) {
        this.source = source;
        this.scope = scope;
        this.tags = tags;
        this.figures = List.copyOf(figures);
        this.snapshot = snapshot;
        this.refresh = refresh;
        this.value = value;
        this.ended = ended;
        this.onEnded = onEnded;
    }

    /** Registers a meter for each figure in {@code registry}; {@return the meters} */
    List<Meter> register(MeterRegistry registry) {
        List<Meter> meters = new ArrayList<>(figures.size());
        for (Figure figure : figures) {
            meters.add(MeterKind.of(figure).register(registry, scope, figure, tags, source, s -> read(s, figure)));
        }
        return meters;
    }

    private synchronized double read(S from, Figure figure) {
        long now = System.nanoTime();
        if (!fresh || now - refreshedAt > FRESH_NANOS) {
            refresh.accept(from, snapshot);
            refreshedAt = now;
            fresh = true;
            if (!endReported && ended.test(from)) {
                endReported = true;
                onEnded.run();
            }
        }
        return value.applyAsLong(snapshot, figure);
    }
}
