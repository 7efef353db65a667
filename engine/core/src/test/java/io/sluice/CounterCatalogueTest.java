package io.sluice;

import io.sluice.metrics.RingSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.ConsumerSnapshot;
import io.sluice.metrics.Aggregation;
import io.sluice.metrics.ConsumerFigure;
import io.sluice.metrics.Figure;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingFigure;
import io.sluice.testkit.LongEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The counter catalogue: each figure declared once, and every snapshot's text and value taken from it. */
class CounterCatalogueTest {
    private static List<Figure> ringSnapshotFigures() {
        List<Figure> figures = new ArrayList<>(RingFigure.ALL);
        figures.addAll(ProducerCounter.ALL);
        return figures;
    }

    @Test
    void indexesAreTheFiguresPositionsInTheirCatalogue() {
        for (List<? extends Figure> catalogue : List.of(RingFigure.ALL, ProducerCounter.ALL, ConsumerFigure.ALL)) {
            for (int i = 0; i < catalogue.size(); i++) {
                assertEquals(i, catalogue.get(i).index(), catalogue.get(i).key());
            }
        }
    }

    @Test
    void keysAndLabelsAreUniqueWithinEachSnapshot() {
        for (List<? extends Figure> figures : List.of(ringSnapshotFigures(), ProducerCounter.ALL, ConsumerFigure.ALL)) {
            Set<String> keys = new HashSet<>();
            Set<String> labels = new HashSet<>();
            for (Figure figure : figures) {
                assertTrue(keys.add(figure.key()), "key repeated: " + figure.key());
                assertTrue(labels.add(figure.label()), "label repeated: " + figure.label());
                assertTrue(figure.key().matches("[a-z][A-Za-z]*"), "a key is one camel-case word: " + figure.key());
                assertTrue(!figure.description().isBlank() && !figure.title().isBlank(), figure.key());
            }
        }
    }

    @Test
    void theRingSnapshotsTextNamesEveryRingFigureAndProducerCounterWithItsValue() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("text").capacity(4)
                .backpressure(BackpressurePolicy.shed()).build();
        ring.addGatingSequence(new Sequence());
        for (int i = 0; i < 6; i++) {
            ring.publishEvent((event, sequence) -> event.value = sequence);
        }
        RingSnapshot snapshot = ring.snapshot(new RingSnapshot());
        String text = snapshot.toString();
        for (Figure figure : ringSnapshotFigures()) {
            long value = figure instanceof RingFigure ? snapshot.get((RingFigure) figure) : snapshot.get((ProducerCounter) figure);
            assertTrue(text.contains(" " + figure.key() + "=" + figure.format(value)), figure.key() + " in " + text);
        }
        assertEquals(2, snapshot.get(ProducerCounter.DROPS));
        assertEquals(snapshot.drops(), snapshot.get(ProducerCounter.DROPS), "the named getter reads the catalogue's value");
    }

    @Test
    void aRingTakesTheLongestStallOfItsProducersAndAddsTheRest() {
        assertEquals(Aggregation.MAX, ProducerCounter.MAX_STALL_NANOS.aggregation());
        assertEquals(7, Aggregation.MAX.combine(7, 3));
        assertEquals(10, Aggregation.SUM.combine(7, 3));
        assertEquals(3, Aggregation.NONE.combine(7, 3));
    }

    @Test
    void nanosecondFiguresPrintAsMicroseconds() {
        assertEquals("5098us", ProducerCounter.STALL_NANOS.format(5_098_765));
        assertEquals("5098765", ProducerCounter.CLAIMS.format(5_098_765));
    }

    @Test
    void aConsumerSnapshotsTextNamesEveryConsumerFigure() {
        String text = new ConsumerSnapshot().toString();
        for (ConsumerFigure figure : ConsumerFigure.ALL) {
            assertTrue(text.contains(" " + figure.key() + "="), figure.key() + " in " + text);
        }
    }
}
