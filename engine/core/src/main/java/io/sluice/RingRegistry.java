package io.sluice;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The live rings of this JVM, held weakly, for the periodic {@link RingStatisticsEvent}. Rings
 * join when built; collected rings drop out on the next period. {@link FlightRecorderHooks}
 * registers {@link #emitStatistics} once JFR starts; it runs on JFR's own thread and only while
 * a recording enables the event.
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
    static void emitStatistics(RingStatisticsEvent events) {
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
}
