package io.sluice.micrometer;

import io.sluice.Producer;
import io.sluice.ProducerClass;
import io.sluice.RingBuffer;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.ConsumerSnapshot;
import io.sluice.consumer.EventPoller;
import io.sluice.metrics.ClassFigure;
import io.sluice.metrics.ConsumerFigure;
import io.sluice.metrics.Figure;
import io.sluice.metrics.ProducerClassSnapshot;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.metrics.RingFigure;
import io.sluice.metrics.RingSnapshot;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.Stage;

import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Binders that turn Sluice's counter catalogue into Micrometer meters. Each figure of the
 * catalogue ({@link RingFigure}, {@link ProducerCounter}, {@link ClassFigure},
 * {@link ConsumerFigure}) becomes one meter, named {@code sluice.<scope>.<key in dotted words>}
 * and described by the catalogue:
 * <ul>
 *   <li>a figure that is added up ({@code Aggregation.SUM}) only grows: a {@code FunctionCounter},
 *       in seconds when it is a total time ({@code sluice.producer.stall.time});</li>
 *   <li>a longest time ({@code maxStall}): a {@code TimeGauge};</li>
 *   <li>any other reading (capacity, cursor, lag, rate limit): a {@code Gauge}.</li>
 * </ul>
 * A figure added to the catalogue becomes a meter with no change here.
 *
 * <table>
 *   <caption>Scopes and tags</caption>
 *   <tr><th>Binder</th><th>Meters</th><th>Tags</th></tr>
 *   <tr><td>{@link #ring}</td><td>{@code sluice.ring.*}: every {@link RingFigure}, and every
 *       {@link ProducerCounter} summed over the ring's producers; {@code sluice.class.*}: every
 *       {@link ClassFigure} and {@link ProducerCounter} of each producer class</td>
 *       <td>{@code ring}; {@code ring}, {@code class}</td></tr>
 *   <tr><td>{@link #producer}</td><td>{@code sluice.producer.*}: every {@link ProducerCounter} of one handle</td>
 *       <td>{@code ring}, {@code producer}</td></tr>
 *   <tr><td>{@link #pipeline}, {@link #stage}, {@link #consumer}</td><td>{@code sluice.consumer.*}: every
 *       {@link ConsumerFigure} of each stage or consumer</td><td>{@code ring}, {@code stage}</td></tr>
 * </table>
 *
 * <p>Reading a meter takes a snapshot of its source (the same calls as {@code ring.snapshot(...)}),
 * at most one a millisecond per source, into a snapshot object the binder owns: no allocation,
 * and nothing on a claim or consume path changes. A ring's binder takes the ring's lock for
 * producer handles briefly, as its snapshot does.
 *
 * <pre>{@code
 * SluiceMeters.ring(ring).bindTo(registry);
 * SluiceMeters.pipeline(pipeline).bindTo(registry);
 * }</pre>
 *
 * <p>Thread-safe: the factories may be called from any thread; see {@link SluiceMeterBinder}.
 */
public final class SluiceMeters {
    private SluiceMeters() {
    }

    /**
     * A binder for a ring's figures, its producers' summed counters and each of its producer
     * classes. Its meters go once the ring is closed.
     *
     * @param ring the ring
     * @return the binder; bind it to one or more registries
     */
    public static SluiceMeterBinder ring(RingBuffer<?> ring) {
        Objects.requireNonNull(ring, "ring");
        return new SluiceMeterBinder(onEnded -> {
            List<MeteredSource<?, ?>> sources = new ArrayList<>();
            List<Figure> figures = new ArrayList<>(RingFigure.ALL);
            figures.addAll(ProducerCounter.ALL);
            sources.add(new MeteredSource<RingBuffer<?>, RingSnapshot>(ring, "ring", Tags.of("ring", ring.name()),
                    figures, new RingSnapshot(), RingBuffer::snapshot, SluiceMeters::ringValue,
                    RingBuffer::isClosed, onEnded));
            List<Figure> classFigures = new ArrayList<>(ClassFigure.ALL);
            classFigures.addAll(ProducerCounter.ALL);
            for (ProducerClass producerClass : ring.producerClasses()) {
                sources.add(new MeteredSource<RingBuffer<?>, ProducerClassSnapshot>(ring, "class",
                        Tags.of("ring", ring.name(), "class", producerClass.name()), classFigures,
                        new ProducerClassSnapshot(), (r, into) -> r.snapshot(producerClass, into),
                        SluiceMeters::classValue, RingBuffer::isClosed, onEnded));
            }
            return sources;
        });
    }

    /**
     * A binder for one producer handle's counters. Its meters go once {@code ring} is closed, or
     * when the binder is closed (close it with the handle).
     *
     * @param ring the handle's ring, which names it in the tags
     * @param producer a handle of {@code ring}
     * @return the binder
     */
    public static SluiceMeterBinder producer(RingBuffer<?> ring, Producer<?> producer) {
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(producer, "producer");
        return new SluiceMeterBinder(onEnded -> List.of(new MeteredSource<Producer<?>, ProducerSnapshot>(producer,
                "producer", Tags.of("ring", ring.name(), "producer", producer.name()), ProducerCounter.ALL,
                new ProducerSnapshot(), Producer::snapshot, (snapshot, figure) -> snapshot.get((ProducerCounter) figure),
                p -> ring.isClosed(), onEnded)));
    }

    /**
     * A binder for every stage of a pipeline, as it stands now. Its meters go once the pipeline
     * has stopped; a stage added later needs a binder of its own ({@link #stage}).
     *
     * @param pipeline the pipeline
     * @return the binder
     */
    public static SluiceMeterBinder pipeline(Pipeline<?> pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        return stages(pipeline, pipeline.stages());
    }

    /**
     * A binder for one stage of a pipeline. Its meters go once the pipeline has stopped.
     *
     * @param pipeline the stage's pipeline
     * @param stage one of its stages
     * @return the binder
     */
    public static SluiceMeterBinder stage(Pipeline<?> pipeline, Stage<?> stage) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(stage, "stage");
        return stages(pipeline, List.of(stage));
    }

    private static SluiceMeterBinder stages(Pipeline<?> pipeline, List<? extends Stage<?>> stages) {
        String ring = pipeline.ring().name();
        return new SluiceMeterBinder(onEnded -> {
            List<MeteredSource<?, ?>> sources = new ArrayList<>();
            for (Stage<?> stage : stages) {
                sources.add(new MeteredSource<Stage<?>, ConsumerSnapshot>(stage, "consumer",
                        Tags.of("ring", ring, "stage", stage.name()), ConsumerFigure.ALL, new ConsumerSnapshot(),
                        Stage::snapshot, SluiceMeters::consumerValue,
                        s -> pipeline.state() == Pipeline.State.STOPPED, onEnded));
            }
            return sources;
        });
    }

    /**
     * A binder for a batch event processor that runs outside a pipeline. Its meters go once
     * {@code ring} is closed.
     *
     * @param ring the processor's ring, which names it in the tags
     * @param processor the processor; its name is the {@code stage} tag
     * @return the binder
     */
    public static SluiceMeterBinder consumer(RingBuffer<?> ring, BatchEventProcessor<?> processor) {
        Objects.requireNonNull(processor, "processor");
        return consumer(ring, processor, BatchEventProcessor::snapshot);
    }

    /**
     * A binder for an event poller. Its meters go once {@code ring} is closed.
     *
     * @param ring the poller's ring, which names it in the tags
     * @param poller the poller; the name its snapshots carry is the {@code stage} tag
     * @return the binder
     */
    public static SluiceMeterBinder consumer(RingBuffer<?> ring, EventPoller<?> poller) {
        Objects.requireNonNull(poller, "poller");
        return consumer(ring, poller, EventPoller::snapshot);
    }

    private static <C> SluiceMeterBinder consumer(RingBuffer<?> ring, C consumer,
                                                  BiFunction<C, ConsumerSnapshot, ConsumerSnapshot> snapshot) {
        Objects.requireNonNull(ring, "ring");
        String name = snapshot.apply(consumer, new ConsumerSnapshot()).name();
        Function<Runnable, List<MeteredSource<?, ?>>> sources = onEnded -> List.of(new MeteredSource<C, ConsumerSnapshot>(
                consumer, "consumer", Tags.of("ring", ring.name(), "stage", name), ConsumerFigure.ALL,
                new ConsumerSnapshot(), snapshot::apply, SluiceMeters::consumerValue, c -> ring.isClosed(), onEnded));
        return new SluiceMeterBinder(sources);
    }

    private static long ringValue(RingSnapshot snapshot, Figure figure) {
        return figure instanceof RingFigure ? snapshot.get((RingFigure) figure) : snapshot.get((ProducerCounter) figure);
    }

    private static long classValue(ProducerClassSnapshot snapshot, Figure figure) {
        return figure instanceof ClassFigure ? snapshot.get((ClassFigure) figure) : snapshot.get((ProducerCounter) figure);
    }

    private static long consumerValue(ConsumerSnapshot snapshot, Figure figure) {
        return snapshot.get((ConsumerFigure) figure);
    }
}
