package io.sluice;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The live rings of this JVM, held weakly, for the periodic {@link StatisticsEvent}s. Rings
 * join when built; collected rings drop out on the next period. {@link FlightRecorderHooks}
 * registers {@link #emitRingStatistics} and {@link #emitClassStatistics} once JFR starts; they
 * run on JFR's own thread and only while a recording enables their event.
 */
final class RingRegistry {
    private static final ConcurrentLinkedQueue<WeakReference<RingBuffer<?>>> RINGS = new ConcurrentLinkedQueue<>();

    private RingRegistry() {
    }

    static void register(RingBuffer<?> ring) {
        RINGS.add(new WeakReference<>(ring));
        FlightRecorderHooks.install();
    }

    /** Emits one statistics event per live ring; JFR's periodic hook, on JFR's thread. */
    static void emitRingStatistics(StatisticsEvent events) {
        RingSnapshot snapshot = new RingSnapshot();
        for (Iterator<WeakReference<RingBuffer<?>>> it = RINGS.iterator(); it.hasNext(); ) {
            RingBuffer<?> ring = it.next().get();
            if (ring == null) {
                it.remove();
                continue;
            }
            events.emit(ring.snapshot(snapshot));
        }
    }

    /** Emits one statistics event per producer class of each live ring; JFR's periodic hook, on JFR's thread. */
    static void emitClassStatistics(StatisticsEvent events) {
        ProducerClassSnapshot snapshot = new ProducerClassSnapshot();
        for (WeakReference<RingBuffer<?>> reference : RINGS) {
            RingBuffer<?> ring = reference.get();
            if (ring == null) {
                continue; // the ring statistics hook drops it
            }
            for (ProducerClass producerClass : ring.producerClasses()) {
                events.emit(ring.snapshot(producerClass, snapshot));
            }
        }
    }
}
