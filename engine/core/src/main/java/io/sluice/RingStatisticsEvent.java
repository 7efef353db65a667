package io.sluice;

import io.sluice.metrics.Figure;
import io.sluice.metrics.FigureUnit;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingFigure;

import java.util.ArrayList;
import java.util.List;
import jdk.jfr.AnnotationElement;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventFactory;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.ValueDescriptor;

/**
 * The periodic JFR event {@code io.sluice.RingStatistics}: one per live ring per period (1 s by
 * default). Its fields are the ring's name and then every {@link RingFigure} and
 * {@link ProducerCounter} of the catalogue, named by their keys, so the event type is built from
 * the catalogue (with {@link EventFactory}) rather than declared field by field. Built only once
 * JFR runs ({@link FlightRecorderHooks}): creating an event type initialises Flight Recorder.
 */
final class RingStatisticsEvent {
    static final String NAME = "io.sluice.RingStatistics";

    private final EventFactory factory = EventFactory.create(annotations(), fields());

    private static List<AnnotationElement> annotations() {
        return List.of(
                new AnnotationElement(Name.class, NAME),
                new AnnotationElement(Label.class, "Ring Statistics"),
                new AnnotationElement(Category.class, new String[] {"Sluice", "Backpressure"}),
                new AnnotationElement(Description.class, "A ring's figures and its producers' counters"),
                new AnnotationElement(Period.class, "1 s"),
                new AnnotationElement(StackTrace.class, false));
    }

    private static List<ValueDescriptor> fields() {
        List<ValueDescriptor> fields = new ArrayList<>();
        fields.add(new ValueDescriptor(String.class, "ring", List.of(new AnnotationElement(Label.class, "Ring"))));
        for (RingFigure figure : RingFigure.ALL) {
            fields.add(field(figure));
        }
        for (ProducerCounter counter : ProducerCounter.ALL) {
            fields.add(field(counter));
        }
        return fields;
    }

    private static ValueDescriptor field(Figure figure) {
        List<AnnotationElement> annotations = new ArrayList<>();
        annotations.add(new AnnotationElement(Label.class, figure.title()));
        annotations.add(new AnnotationElement(Description.class, figure.description()));
        if (figure.unit() == FigureUnit.PER_SECOND) {
            annotations.add(new AnnotationElement(jdk.jfr.Frequency.class));
        }
        if (figure.unit() == FigureUnit.NANOSECONDS) {
            annotations.add(new AnnotationElement(Timespan.class, Timespan.NANOSECONDS));
        }
        return new ValueDescriptor(long.class, figure.key(), annotations);
    }

    /** {@return the generated event class, to register the periodic hook for} */
    Class<? extends Event> eventClass() {
        return factory.newEvent().getClass();
    }

    /** Commits one event with the snapshot's figures; called on JFR's periodic thread. */
    void emit(RingSnapshot snapshot) {
        Event event = factory.newEvent();
        int field = 0;
        event.set(field++, snapshot.name());
        for (int i = 0; i < RingFigure.COUNT; i++) {
            event.set(field++, snapshot.get(RingFigure.ALL.get(i)));
        }
        for (int i = 0; i < ProducerCounter.COUNT; i++) {
            event.set(field++, snapshot.get(ProducerCounter.ALL.get(i)));
        }
        event.commit();
    }
}
