package io.sluice.jfr;

import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Sluice's connection to JFR, made without starting JFR: touching an event class initialises
 * Flight Recorder (about 150 ms on a small machine), so nothing here does until JFR reports that
 * it has been initialised, by a {@code -XX:StartFlightRecording} at launch, a {@code jcmd}, or a
 * {@code RecordingStream} later. Then the stall event type is looked up and the periodic
 * statistics event registered. Until then, a stall costs one volatile read here.
 */
public final class FlightRecorderHooks {
    private static volatile EventType stallEventType;

    static {
        // Registering a listener does not initialise JFR; if JFR already runs, it is called at once.
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                connect();
            }
        });
    }

    private FlightRecorderHooks() {
    }

    /** Loads this class, and so registers the listener; called when a ring asks for statistics events. */
    static void install() {
    }

    private static synchronized void connect() {
        if (stallEventType == null) {
            StatisticsEvent rings = StatisticsEvent.ring();
            FlightRecorder.addPeriodicEvent(rings.eventClass(), () -> RingRegistry.emitRingStatistics(rings));
            StatisticsEvent classes = StatisticsEvent.producerClass();
            FlightRecorder.addPeriodicEvent(classes.eventClass(), () -> RingRegistry.emitClassStatistics(classes));
            stallEventType = EventType.getEventType(ProducerStallEvent.class);
        }
    }

    /** {@return whether a recording wants producer stall events; false, cheaply, until JFR starts} */
    public static boolean stallEventEnabled() {
        EventType type = stallEventType;
        return type != null && type.isEnabled();
    }
}
