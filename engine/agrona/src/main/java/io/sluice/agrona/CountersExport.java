package io.sluice.agrona;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.metrics.ProducerClassSnapshot;
import io.sluice.Producer;
import io.sluice.ProducerClass;
import io.sluice.RingBuffer;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.ConsumerSnapshot;
import io.sluice.metrics.ClassFigure;
import io.sluice.metrics.ConsumerFigure;
import io.sluice.metrics.Figure;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingFigure;
import io.sluice.pipeline.Stage;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Copies ring, producer and consumer figures into Agrona counters, so another process can read
 * them live from a {@link CountersFile} (see {@link SluiceStat}). Each figure is one counter,
 * labelled {@code <ring>: <figure>}, {@code <ring>/<producer>: <figure>},
 * {@code <ring>/class <class>: <figure>} or {@code <ring>/<consumer>: <figure>}, with a type id
 * per kind of source.
 *
 * <p>{@link #update()} takes snapshots and stores each value with a release store; it allocates
 * nothing, and never touches a producer's or consumer's hot path (it reads their counters).
 * {@link #startUpdating} calls it from a daemon thread at a fixed period.
 *
 * <p>Thread-safe: sources may be added while another thread updates.
 */
public final class CountersExport implements AutoCloseable {
    /** Type id of the counters of a ring. */
    public static final int RING_TYPE_ID = 0x5100;
    /** Type id of the counters of a producer handle. */
    public static final int PRODUCER_TYPE_ID = 0x5101;
    /** Type id of the counters of a consumer. */
    public static final int CONSUMER_TYPE_ID = 0x5102;
    /** Type id of figures added by {@link #addFigures}. */
    public static final int OTHER_TYPE_ID = 0x5103;
    /** Type id of the counters of a producer class. */
    public static final int PRODUCER_CLASS_TYPE_ID = 0x5104;

    /** Labels from the counter catalogue: the ring's figures, then its producers' counters. */
    private static final String[] RING_LABELS = labels(RingFigure.ALL, ProducerCounter.ALL);
    private static final String[] PRODUCER_LABELS = labels(ProducerCounter.ALL);
    private static final String[] CONSUMER_LABELS = labels(ConsumerFigure.ALL);
    private static final String[] CLASS_LABELS = labels(ClassFigure.ALL, ProducerCounter.ALL);

    private final CountersManager manager;
    private final List<RingSource> rings = new ArrayList<>();
    private final List<ProducerSource> producers = new ArrayList<>();
    private final List<ClassSource> classes = new ArrayList<>();
    private final List<ConsumerSource> consumers = new ArrayList<>();
    private final List<FigureSource> others = new ArrayList<>();
    private volatile Thread updater;
    private volatile boolean closed;

    /**
     * Creates an export that allocates its counters from the manager.
     *
     * @param manager where to allocate the counters, e.g. {@link CountersFile#manager()}
     */
    public CountersExport(CountersManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    /**
     * Exports a ring's figures: every {@link RingFigure}, then every {@link ProducerCounter}
     * combined over the ring's producers.
     *
     * @param ring the ring
     * @return this export
     */
    public synchronized CountersExport addRing(RingBuffer<?> ring) {
        Objects.requireNonNull(ring, "ring");
        rings.add(new RingSource(ring, allocate(RING_TYPE_ID, ring.name(), RING_LABELS)));
        return this;
    }

    /**
     * Exports one producer handle's counters: every {@link ProducerCounter}.
     *
     * @param ring the producer's ring, for the label
     * @param producer the handle
     * @return this export
     */
    public synchronized CountersExport addProducer(RingBuffer<?> ring, Producer<?> producer) {
        Objects.requireNonNull(producer, "producer");
        producers.add(new ProducerSource(producer,
                allocate(PRODUCER_TYPE_ID, ring.name() + "/" + producer.name(), PRODUCER_LABELS)));
        return this;
    }

    /**
     * Exports a producer class's figures: every {@link ClassFigure}, then every
     * {@link ProducerCounter} combined over the class's handles; labelled {@code <ring>/class <class>}.
     *
     * @param ring the class's ring
     * @param producerClass one of the ring's classes
     * @return this export
     * @throws IllegalArgumentException if {@code producerClass} is not one of the ring's classes
     */
    public synchronized CountersExport addProducerClass(RingBuffer<?> ring, ProducerClass producerClass) {
        Objects.requireNonNull(producerClass, "producerClass");
        ProducerClassSnapshot snapshot = ring.snapshot(producerClass, new ProducerClassSnapshot()); // fails now if foreign
        classes.add(new ClassSource(ring, producerClass, snapshot,
                allocate(PRODUCER_CLASS_TYPE_ID, ring.name() + "/class " + producerClass.name(), CLASS_LABELS)));
        return this;
    }

    /**
     * Exports a consumer's figures: every {@link ConsumerFigure}.
     *
     * @param ring the consumer's ring, for the label
     * @param name the consumer's name, for the label
     * @param processor the consumer
     * @return this export
     */
    public synchronized CountersExport addConsumer(RingBuffer<?> ring, String name, BatchEventProcessor<?> processor) {
        Objects.requireNonNull(processor, "processor");
        consumers.add(new ConsumerSource(processor::snapshot,
                allocate(CONSUMER_TYPE_ID, ring.name() + "/" + name, CONSUMER_LABELS)));
        return this;
    }

    /**
     * Exports a pipeline stage's figures, as {@link #addConsumer}, labelled {@code <ring>/<stage>}.
     *
     * @param ring the pipeline's ring, for the label
     * @param stage the stage, from a built pipeline
     * @return this export
     */
    public synchronized CountersExport addStage(RingBuffer<?> ring, Stage<?> stage) {
        Objects.requireNonNull(stage, "stage");
        stage.finishedSequence(); // fails now, not in update(), if the pipeline is not built
        consumers.add(new ConsumerSource(stage::snapshot,
                allocate(CONSUMER_TYPE_ID, ring.name() + "/" + stage.name(), CONSUMER_LABELS)));
        return this;
    }

    /**
     * Exports figures of any other source, by name: an Aeron bridge's, or an application's own.
     * Each supplier is called on every {@link #update()}, so it must be cheap, thread-safe and
     * allocation-free (a getter of an opaque or volatile field).
     *
     * @param source the label's prefix, e.g. {@code samples/aeron-out}
     * @param figures figure name to supplier, in the order to export them
     * @return this export
     */
    public synchronized CountersExport addFigures(String source, Map<String, LongSupplier> figures) {
        Objects.requireNonNull(source, "source");
        String[] names = figures.keySet().toArray(new String[0]);
        LongSupplier[] suppliers = figures.values().toArray(new LongSupplier[0]);
        others.add(new FigureSource(suppliers, allocate(OTHER_TYPE_ID, source, names)));
        return this;
    }

    @SafeVarargs
    private static String[] labels(List<? extends Figure>... catalogues) {
        List<String> labels = new ArrayList<>();
        for (List<? extends Figure> catalogue : catalogues) {
            for (Figure figure : catalogue) {
                labels.add(figure.label());
            }
        }
        return labels.toArray(new String[0]);
    }

    private AtomicCounter[] allocate(int typeId, String source, String[] figures) {
        AtomicCounter[] counters = new AtomicCounter[figures.length];
        for (int i = 0; i < figures.length; i++) {
            counters[i] = manager.newCounter(source + ": " + figures[i], typeId);
        }
        return counters;
    }

    /** Copies every source's current figures into its counters; allocation-free. */
    public synchronized void update() {
        for (RingSource source : rings) {
            source.update();
        }
        for (ProducerSource source : producers) {
            source.update();
        }
        for (ClassSource source : classes) {
            source.update();
        }
        for (ConsumerSource source : consumers) {
            source.update();
        }
        for (FigureSource source : others) {
            source.update();
        }
    }

    /**
     * Starts a daemon thread, {@code sluice-counters}, that calls {@link #update()} every {@code period}.
     *
     * @param period between updates; positive
     * @param unit the unit of {@code period}
     * @return this export
     * @throws IllegalStateException if it is already updating or closed
     */
    public synchronized CountersExport startUpdating(long period, TimeUnit unit) {
        if (period <= 0) {
            throw new IllegalArgumentException("period must be > 0: " + period);
        }
        if (updater != null || closed) {
            throw new IllegalStateException("counters export already updating or closed");
        }
        Objects.requireNonNull(unit, "unit");
        long periodNanos = unit.toNanos(period);
        Thread thread = new Thread(() -> {
            while (!closed) {
                update();
                LockSupport.parkNanos(this, periodNanos);
            }
        }, "sluice-counters");
        thread.setDaemon(true);
        updater = thread;
        thread.start();
        return this;
    }

    /** Stops updating, with a last update, and frees the counters. */
    @Override
    public void close() {
        closed = true;
        Thread thread = updater;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            update();
            for (RingSource source : rings) {
                closeAll(source.counters);
            }
            for (ProducerSource source : producers) {
                closeAll(source.counters);
            }
            for (ClassSource source : classes) {
                closeAll(source.counters);
            }
            for (ConsumerSource source : consumers) {
                closeAll(source.counters);
            }
            for (FigureSource source : others) {
                closeAll(source.counters);
            }
            rings.clear();
            producers.clear();
            classes.clear();
            consumers.clear();
            others.clear();
        }
    }

    private static void closeAll(AtomicCounter[] counters) {
        for (AtomicCounter counter : counters) {
            counter.close();
        }
    }

    private static final class RingSource {
        final RingBuffer<?> ring;
        final AtomicCounter[] counters;
        final RingSnapshot snapshot = new RingSnapshot();

        RingSource(RingBuffer<?> ring, AtomicCounter[] counters) {
            this.ring = ring;
            this.counters = counters;
        }

        void update() {
            ring.snapshot(snapshot);
            int c = 0;
            for (int i = 0; i < RingFigure.COUNT; i++) {
                counters[c++].setRelease(snapshot.get(RingFigure.ALL.get(i)));
            }
            for (int i = 0; i < ProducerCounter.COUNT; i++) {
                counters[c++].setRelease(snapshot.get(ProducerCounter.ALL.get(i)));
            }
        }
    }

    private static final class ProducerSource {
        final Producer<?> producer;
        final AtomicCounter[] counters;
        final ProducerSnapshot snapshot = new ProducerSnapshot();

        ProducerSource(Producer<?> producer, AtomicCounter[] counters) {
            this.producer = producer;
            this.counters = counters;
        }

        void update() {
            producer.snapshot(snapshot);
            for (int i = 0; i < ProducerCounter.COUNT; i++) {
                counters[i].setRelease(snapshot.get(ProducerCounter.ALL.get(i)));
            }
        }
    }

    private static final class ClassSource {
        final RingBuffer<?> ring;
        final ProducerClass producerClass;
        final ProducerClassSnapshot snapshot;
        final AtomicCounter[] counters;

        ClassSource(RingBuffer<?> ring, ProducerClass producerClass, ProducerClassSnapshot snapshot,
                AtomicCounter[] counters) {
            this.ring = ring;
            this.producerClass = producerClass;
            this.snapshot = snapshot;
            this.counters = counters;
        }

        void update() {
            ring.snapshot(producerClass, snapshot);
            int c = 0;
            for (int i = 0; i < ClassFigure.COUNT; i++) {
                counters[c++].setRelease(snapshot.get(ClassFigure.ALL.get(i)));
            }
            for (int i = 0; i < ProducerCounter.COUNT; i++) {
                counters[c++].setRelease(snapshot.get(ProducerCounter.ALL.get(i)));
            }
        }
    }

    private static final class ConsumerSource {
        /** Fills the snapshot: a processor's or a stage's {@code snapshot} method. */
        final UnaryOperator<ConsumerSnapshot> source;
        final AtomicCounter[] counters;
        final ConsumerSnapshot snapshot = new ConsumerSnapshot();

        ConsumerSource(UnaryOperator<ConsumerSnapshot> source, AtomicCounter[] counters) {
            this.source = source;
            this.counters = counters;
        }

        void update() {
            source.apply(snapshot);
            for (int i = 0; i < ConsumerFigure.COUNT; i++) {
                counters[i].setRelease(snapshot.get(ConsumerFigure.ALL.get(i)));
            }
        }
    }

    private static final class FigureSource {
        final LongSupplier[] suppliers;
        final AtomicCounter[] counters;

        FigureSource(LongSupplier[] suppliers, AtomicCounter[] counters) {
            this.suppliers = suppliers;
            this.counters = counters;
        }

        void update() {
            for (int i = 0; i < suppliers.length; i++) {
                counters[i].setRelease(suppliers[i].getAsLong());
            }
        }
    }
}
