package io.sluice.jfr;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerClassSnapshot;
import io.sluice.metrics.ProducerCounterValues;
import io.sluice.metrics.ClassFigure;
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
 * The periodic JFR events {@code io.sluice.RingStatistics}, one per live ring per period (1 s by
 * default), and {@code io.sluice.ProducerClassStatistics}, one per producer class of each live
 * ring. A ring's event holds its name and then every {@link RingFigure} and
 * {@link ProducerCounter} of the catalogue; a class's, its ring's and its own name and then every
 * {@link ClassFigure} and {@link ProducerCounter}. Fields are named by the figures' keys, so the
 * event types are built from the catalogue (with {@link EventFactory}) rather than declared field
 * by field. Built only once JFR runs ({@link FlightRecorderHooks}): creating an event type
 * initialises Flight Recorder.
 */
final class StatisticsEvent {
    static final String RING = "io.sluice.RingStatistics";
    static final String PRODUCER_CLASS = "io.sluice.ProducerClassStatistics";

    private final EventFactory factory;

    private StatisticsEvent(String name, String label, String description, List<String> names, List<Figure> figures) {
        List<AnnotationElement> annotations = List.of(
                new AnnotationElement(Name.class, name),
                new AnnotationElement(Label.class, label),
                new AnnotationElement(Category.class, new String[] {"Sluice", "Backpressure"}),
                new AnnotationElement(Description.class, description),
                new AnnotationElement(Period.class, "1 s"),
                new AnnotationElement(StackTrace.class, false));
        List<ValueDescriptor> fields = new ArrayList<>();
        for (String field : names) {
            String title = Character.toUpperCase(field.charAt(0)) + field.substring(1).replaceAll("([A-Z])", " $1");
            fields.add(new ValueDescriptor(String.class, field, List.of(new AnnotationElement(Label.class, title))));
        }
        for (Figure figure : figures) {
            fields.add(field(figure));
        }
        this.factory = EventFactory.create(annotations, fields);
    }

    /** {@return the event type of a ring's figures and its producers' counters combined} */
    static StatisticsEvent ring() {
        List<Figure> figures = new ArrayList<>(RingFigure.ALL);
        figures.addAll(ProducerCounter.ALL);
        return new StatisticsEvent(RING, "Ring Statistics", "A ring's figures and its producers' counters",
                List.of("ring"), figures);
    }

    /** {@return the event type of a producer class's figures and its handles' counters combined} */
    static StatisticsEvent producerClass() {
        List<Figure> figures = new ArrayList<>(ClassFigure.ALL);
        figures.addAll(ProducerCounter.ALL);
        return new StatisticsEvent(PRODUCER_CLASS, "Producer Class Statistics",
                "A producer class's share of its ring and its handles' counters", List.of("ring", "producerClass"), figures);
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

    /** Commits one ring event with the snapshot's figures; called on JFR's periodic thread. */
    void emit(RingSnapshot snapshot) {
        Event event = factory.newEvent();
        int field = 0;
        event.set(field++, snapshot.name());
        for (int i = 0; i < RingFigure.COUNT; i++) {
            event.set(field++, snapshot.get(RingFigure.ALL.get(i)));
        }
        commitCounters(event, field, snapshot);
    }

    /** Commits one producer-class event with the snapshot's figures; called on JFR's periodic thread. */
    void emit(ProducerClassSnapshot snapshot) {
        Event event = factory.newEvent();
        int field = 0;
        event.set(field++, snapshot.ring());
        event.set(field++, snapshot.name());
        for (int i = 0; i < ClassFigure.COUNT; i++) {
            event.set(field++, snapshot.get(ClassFigure.ALL.get(i)));
        }
        commitCounters(event, field, snapshot);
    }

    private static void commitCounters(Event event, int field, ProducerCounterValues snapshot) {
        for (int i = 0; i < ProducerCounter.COUNT; i++) {
            event.set(field++, snapshot.get(ProducerCounter.ALL.get(i)));
        }
        event.commit();
    }
}
