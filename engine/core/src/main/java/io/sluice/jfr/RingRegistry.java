package io.sluice.jfr;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerClassSnapshot;
import io.sluice.ProducerClass;
import io.sluice.RingBuffer;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live rings of this JVM that asked for periodic {@link StatisticsEvent}s
 * ({@code RingBufferBuilder.statisticsEvents()}), held weakly; other rings never join. A ring the collector has cleared leaves at the next ring's registration (its
 * reference is queued, and each registration drains the queue), so a program that builds rings
 * by the million keeps an entry only for those still reachable, whether or not JFR ever runs.
 * {@link FlightRecorderHooks} registers {@link #emitRingStatistics} and {@link #emitClassStatistics}
 * once JFR starts; they run on JFR's own thread and only while a recording enables their event.
 */
public final class RingRegistry {
    /** Weak references compare by identity: a set of them is a set of registrations. */
    private static final Set<Reference<RingBuffer<?>>> RINGS = ConcurrentHashMap.newKeySet();
    private static final ReferenceQueue<RingBuffer<?>> CLEARED = new ReferenceQueue<>();

    private RingRegistry() {
    }

    /**
     * Adds {@code ring} to the rings that report statistics.
     *
     * @param ring the ring
     * @return its registration: a weak reference, queued once the ring is collected
     */
    public static Reference<RingBuffer<?>> register(RingBuffer<?> ring) {
        dropCleared();
        Reference<RingBuffer<?>> reference = new WeakReference<>(ring, CLEARED);
        RINGS.add(reference);
        FlightRecorderHooks.install();
        return reference;
    }

    /** Forgets the rings the collector has cleared since the last look. */
    public static void dropCleared() {
        Reference<? extends RingBuffer<?>> cleared;
        while ((cleared = CLEARED.poll()) != null) {
            RINGS.remove(cleared);
        }
    }

    /**
     * {@return whether {@code registration} is still held; for tests}
     *
     * @param registration what {@link #register} returned
     */
    public static boolean holds(Reference<RingBuffer<?>> registration) {
        return RINGS.contains(registration);
    }

    /**
     * {@return whether {@code ring} is registered; for tests}
     *
     * @param ring the ring
     */
    public static boolean contains(RingBuffer<?> ring) {
        for (Reference<RingBuffer<?>> reference : RINGS) {
            if (reference.get() == ring) {
                return true;
            }
        }
        return false;
    }

    /** Emits one statistics event per live ring; JFR's periodic hook, on JFR's thread. */
    static void emitRingStatistics(StatisticsEvent events) {
        dropCleared();
        RingSnapshot snapshot = new RingSnapshot();
        for (Reference<RingBuffer<?>> reference : RINGS) {
            RingBuffer<?> ring = reference.get();
            if (ring != null) {
                events.emit(ring.snapshot(snapshot));
            }
        }
    }

    /** Emits one statistics event per producer class of each live ring; JFR's periodic hook, on JFR's thread. */
    static void emitClassStatistics(StatisticsEvent events) {
        ProducerClassSnapshot snapshot = new ProducerClassSnapshot();
        for (Reference<RingBuffer<?>> reference : RINGS) {
            RingBuffer<?> ring = reference.get();
            if (ring != null) {
                for (ProducerClass producerClass : ring.producerClasses()) {
                    events.emit(ring.snapshot(producerClass, snapshot));
                }
            }
        }
    }
}
