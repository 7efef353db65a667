package io.sluice.micrometer;

import io.sluice.metrics.Aggregation;
import io.sluice.metrics.Figure;
import io.sluice.metrics.FigureUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Which Micrometer meter a catalogue figure becomes, decided by its aggregation and unit alone, so
 * a figure added to the catalogue needs nothing here: a figure that is added up only grows, so it
 * is a counter (in seconds when it is a total time); a longest time or a reading of a duration is a
 * time gauge; any other reading is a gauge.
 */
enum MeterKind {
    /** {@link Aggregation#SUM} of a count: a {@link FunctionCounter}. */
    COUNTER,
    /** {@link Aggregation#SUM} of nanoseconds: a {@link FunctionCounter} of seconds. */
    TIME_COUNTER,
    /** A duration that is not added up (a longest time): a {@link TimeGauge}. */
    TIME_GAUGE,
    /** Any other reading: a {@link Gauge}. */
    GAUGE;

    static MeterKind of(Figure figure) {
        boolean time = figure.unit() == FigureUnit.NANOSECONDS;
        if (figure.aggregation() == Aggregation.SUM) {
            return time ? TIME_COUNTER : COUNTER;
        }
        return time ? TIME_GAUGE : GAUGE;
    }

    /**
     * {@return the meter's name: {@code sluice.<scope>.<key>}, the figure's camel-case key in
     * dotted words} Micrometer's naming conventions then render it per registry (Prometheus:
     * {@code sluice_producer_stall_time_seconds_total}).
     *
     * @param scope what the figure describes: {@code ring}, {@code class}, {@code producer} or {@code consumer}
     * @param figure the figure
     */
    static String name(String scope, Figure figure) {
        StringBuilder name = new StringBuilder("sluice.").append(scope).append('.');
        for (char c : figure.key().toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append('.').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Registers the figure's meter.
     *
     * @param <S> the source's type (Micrometer holds a meter's state weakly; the binder holds it until closed)
     * @param read the figure's current value, in the catalogue's unit
     * @return the meter, to remove it later
     */
    <S> Meter register(MeterRegistry registry, String scope, Figure figure, Tags tags, S source,
                       ToDoubleFunction<S> read) {
        String name = name(scope, figure);
        String description = figure.description();
        switch (this) {
            case COUNTER:
                return FunctionCounter.builder(name, source, read).tags(tags).description(description)
                        .register(registry);
            case TIME_COUNTER:
                return FunctionCounter.builder(name, source, s -> read.applyAsDouble(s) / 1e9).tags(tags)
                        .description(description).baseUnit("seconds").register(registry);
            case TIME_GAUGE:
                return TimeGauge.builder(name, source, TimeUnit.NANOSECONDS, read).tags(tags)
                        .description(description).register(registry);
            default:
                return Gauge.builder(name, source, read).tags(tags).description(description)
                        .baseUnit(baseUnit(figure.unit())).register(registry);
        }
    }

    private static String baseUnit(FigureUnit unit) {
        return unit == FigureUnit.PER_SECOND ? "per.second" : null;
    }
}
