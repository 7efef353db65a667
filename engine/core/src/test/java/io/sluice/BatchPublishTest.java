package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingSnapshot;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch publishing from arrays ({@code publishEvents}, {@code tryPublishEvents}) and the vararg
 * translator, on every ring kind through the ring itself and through a producer handle: what a
 * batch writes and publishes, and that bad arguments are refused by name with nothing claimed.
 */
class BatchPublishTest {
    private static final int CAPACITY = 8;
    private static final EventTranslatorOneArg<LongEvent, Long> ONE = (event, sequence, a) -> event.value = a;
    private static final EventTranslatorTwoArg<LongEvent, Long, Long> TWO = (event, sequence, a, b) -> event.value = a + b;
    private static final EventTranslatorThreeArg<LongEvent, Long, Long, Long> THREE =
            (event, sequence, a, b, c) -> event.value = a + b + c;
    private static final EventTranslatorVararg<LongEvent> SUM = (event, sequence, args) -> {
        long sum = 0;
        for (Object arg : args) {
            sum += (Long) arg;
        }
        event.value = sum;
    };

    /** A sink under test: the ring's own producer or a handle, on each ring kind, of a ring whose consumer takes nothing. */
    record Sink(String name, RingBuffer<LongEvent> ring, EventSink<LongEvent> sink) {
        @Override
        public String toString() {
            return name;
        }

        long claims() {
            return ring.snapshot(new RingSnapshot()).get(ProducerCounter.CLAIMS);
        }

        long value(long sequence) {
            return ring.get(sequence).value;
        }
    }

    static Stream<Arguments> sinks() {
        return sinks(BackpressurePolicy.spin());
    }

    static Stream<Arguments> sinks(BackpressurePolicy policy) {
        List<Arguments> all = new ArrayList<>();
        for (RingKind kind : RingKind.values()) {
            Function<Boolean, Sink> make = handle -> {
                RingBuffer<LongEvent> ring = kind.configure(RingBuffer.builder(LongEvent.FACTORY))
                        .capacity(CAPACITY).backpressure(policy).build();
                ring.addGatingSequence(new Sequence()); // a consumer that takes nothing: the ring fills
                return handle
                        ? new Sink(kind + " handle", ring, ring.newProducer("batch"))
                        : new Sink(kind + " ring", ring, ring);
            };
            all.add(Arguments.of(make.apply(false)));
            all.add(Arguments.of(make.apply(true)));
        }
        return all.stream();
    }

    static Stream<Arguments> sheddingSinks() {
        return sinks(BackpressurePolicy.shed());
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type is made raw, as in the Disruptor's tests
    private static EventTranslator<LongEvent>[] stamps(long... values) {
        EventTranslator<LongEvent>[] translators = new EventTranslator[values.length];
        for (int i = 0; i < values.length; i++) {
            long value = values[i];
            translators[i] = (event, sequence) -> event.value = value;
        }
        return translators;
    }

    private static Long[] longs(long... values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static void assertPublished(Sink s, long... expected) {
        for (int i = 0; i < expected.length; i++) {
            assertTrue(s.ring.isPublished(i), "sequence " + i + " published");
            assertEquals(expected[i], s.value(i), "sequence " + i);
        }
        assertFalse(s.ring.isPublished(expected.length), "nothing past the batches");
    }

    @ParameterizedTest
    @MethodSource("sinks")
    void publishEventsWritesEachArityInOrderFromTheBatchsStart(Sink s) throws InterruptedException {
        assertTrue(s.sink.publishEvents(stamps(9, 1, 2), 1, 2));
        assertTrue(s.sink.publishEvents(ONE, 1, 1, longs(0, 10, 0)));
        assertTrue(s.sink.publishEvents(TWO, 0, 2, longs(1, 2), longs(10, 20)));
        assertTrue(s.sink.publishEvents(THREE, 2, 1, longs(0, 0, 1), longs(0, 0, 2), longs(0, 0, 3)));
        assertTrue(s.sink.publishEvents(SUM, 1, 1, new Object[] {0L}, new Object[] {4L, 5L}));
        assertPublished(s, 1, 2, 10, 11, 22, 6, 9);
        assertEquals(7, s.claims());
    }

    @ParameterizedTest
    @MethodSource("sinks")
    void tryPublishEventsWritesEachArityInOrderFromTheBatchsStart(Sink s) {
        assertTrue(s.sink.tryPublishEvents(stamps(9, 1, 2), 1, 2));
        assertTrue(s.sink.tryPublishEvents(ONE, 1, 1, longs(0, 10, 0)));
        assertTrue(s.sink.tryPublishEvents(TWO, 0, 2, longs(1, 2), longs(10, 20)));
        assertTrue(s.sink.tryPublishEvents(THREE, 2, 1, longs(0, 0, 1), longs(0, 0, 2), longs(0, 0, 3)));
        assertTrue(s.sink.tryPublishEvents(SUM, 1, 1, new Object[] {0L}, new Object[] {4L, 5L}));
        assertPublished(s, 1, 2, 10, 11, 22, 6, 9);
    }

    @ParameterizedTest
    @MethodSource("sinks")
    void theWholeArrayFormsPublishEveryElement(Sink s) throws InterruptedException {
        assertTrue(s.sink.publishEvents(stamps(1)));
        assertTrue(s.sink.publishEvents(ONE, longs(2)));
        assertTrue(s.sink.publishEvents(TWO, longs(1), longs(2)));
        assertTrue(s.sink.publishEvents(THREE, longs(1), longs(1), longs(2)));
        assertTrue(s.sink.publishEvents(SUM, new Object[] {5L}));
        assertTrue(s.sink.tryPublishEvents(stamps(6)));
        assertTrue(s.sink.tryPublishEvents(ONE, longs(7)));
        assertTrue(s.sink.tryPublishEvents(TWO, longs(3), longs(5)));
        assertPublished(s, 1, 2, 3, 4, 5, 6, 7, 8);
        assertFalse(s.sink.tryPublishEvents(THREE, longs(1), longs(1), longs(1)), "the ring is full");
        assertFalse(s.sink.tryPublishEvents(SUM, new Object[] {1L}), "the ring is full");
    }

    @ParameterizedTest
    @MethodSource("sinks")
    void theVarargTranslatorGetsTheCallersArguments(Sink s) throws InterruptedException {
        assertTrue(s.sink.publishEvent(SUM, 1L, 2L, 3L));
        assertTrue(s.sink.tryPublishEvent(SUM, 4L, 5L));
        assertTrue(s.sink.publishEvent(SUM));
        assertPublished(s, 6, 9, 0);
    }

    @ParameterizedTest
    @MethodSource("sinks")
    void aTryPublishOfABatchThatDoesNotFitClaimsNoneOfIt(Sink s) {
        assertTrue(s.sink.tryPublishEvents(ONE, longs(1, 2, 3, 4, 5, 6)));
        assertFalse(s.sink.tryPublishEvents(ONE, longs(7, 8, 9)), "three do not fit in the two slots left");
        assertEquals(5, s.ring.cursor());
        assertEquals(1, s.ring.snapshot(new RingSnapshot()).get(ProducerCounter.REJECTIONS));
        assertTrue(s.sink.tryPublishEvents(ONE, longs(7, 8)), "the two slots are still free");
        assertPublished(s, 1, 2, 3, 4, 5, 6, 7, 8);
    }

    @ParameterizedTest
    @MethodSource("sheddingSinks")
    void underASheddingPolicyABatchThatDoesNotFitIsDroppedWhole(Sink s) throws InterruptedException {
        assertTrue(s.sink.publishEvents(ONE, longs(1, 2, 3, 4, 5, 6)));
        assertFalse(s.sink.publishEvents(ONE, longs(7, 8, 9)));
        assertEquals(5, s.ring.cursor());
        assertEquals(3, s.ring.snapshot(new RingSnapshot()).get(ProducerCounter.DROPS));
    }

    @ParameterizedTest
    @MethodSource("sinks")
    void aTranslatorThatThrowsStillPublishesTheWholeBatch(Sink s) {
        EventTranslatorOneArg<LongEvent, Long> failing = (event, sequence, a) -> {
            if (a == 2L) {
                throw new IllegalStateException("translator failed on " + a);
            }
            event.value = a;
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.sink.publishEvents(failing, longs(1, 2, 3)));
        assertEquals("translator failed on 2", e.getMessage());
        for (long seq = 0; seq < 3; seq++) {
            assertTrue(s.ring.isPublished(seq), "no gap left for consumers at " + seq);
        }
        assertTrue(s.sink.tryPublishEvents(ONE, longs(4)));
        assertTrue(s.ring.isPublished(3));
    }

    /** One bad call, the exception it must throw, and a word the message must contain. */
    record BadBatch(String name, Class<? extends RuntimeException> thrown, String named,
                    Function<EventSink<LongEvent>, Executable> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badBatches() {
        List<BadBatch> bad = List.of(
                new BadBatch("negative batchStartsAt", IllegalArgumentException.class, "batchStartsAt must be >= 0: -1",
                        sink -> () -> sink.publishEvents(ONE, -1, 1, longs(1, 2))),
                new BadBatch("batchSize 0", IllegalArgumentException.class, "batchSize must be from 1 to the capacity 8: 0",
                        sink -> () -> sink.publishEvents(ONE, 0, 0, longs(1, 2))),
                new BadBatch("negative batchSize", IllegalArgumentException.class, ": -1",
                        sink -> () -> sink.publishEvents(TWO, 0, -1, longs(1), longs(1))),
                new BadBatch("batchSize over the capacity", IllegalArgumentException.class, "capacity 8: 9",
                        sink -> () -> sink.publishEvents(ONE, longs(1, 2, 3, 4, 5, 6, 7, 8, 9))),
                new BadBatch("an empty array", IllegalArgumentException.class, ": 0",
                        sink -> () -> sink.publishEvents(ONE, longs())),
                new BadBatch("past the end of the translators", IllegalArgumentException.class, "translators (length 2)",
                        sink -> () -> sink.publishEvents(stamps(1, 2), 1, 2)),
                new BadBatch("past the end of arg0", IllegalArgumentException.class, "arg0 (length 2)",
                        sink -> () -> sink.publishEvents(ONE, 1, 2, longs(1, 2))),
                new BadBatch("past the end of arg1", IllegalArgumentException.class, "arg1 (length 1)",
                        sink -> () -> sink.publishEvents(TWO, longs(1, 2), longs(1))),
                new BadBatch("past the end of arg2", IllegalArgumentException.class, "arg2 (length 2)",
                        sink -> () -> sink.publishEvents(THREE, 0, 3, longs(1, 2, 3), longs(1, 2, 3), longs(1, 2))),
                new BadBatch("past the end of args", IllegalArgumentException.class, "args (length 1)",
                        sink -> () -> sink.publishEvents(SUM, 0, 2, new Object[] {1L})),
                new BadBatch("a null translator", NullPointerException.class, "translator",
                        sink -> () -> sink.publishEvents((EventTranslatorOneArg<LongEvent, Long>) null, longs(1))),
                new BadBatch("a null translator in the array", NullPointerException.class, "translators[1]",
                        sink -> () -> sink.publishEvents(nullAt(stamps(1, 2, 3), 1))),
                new BadBatch("a null array", NullPointerException.class, "arg1",
                        sink -> () -> sink.publishEvents(TWO, 0, 1, longs(1), null)),
                new BadBatch("tryPublishEvents past the end of arg0", IllegalArgumentException.class, "arg0 (length 1)",
                        sink -> () -> sink.tryPublishEvents(ONE, 0, 2, longs(1))),
                new BadBatch("tryPublishEvents, batchSize 0", IllegalArgumentException.class, ": 0",
                        sink -> () -> sink.tryPublishEvents(stamps(1), 0, 0)),
                new BadBatch("tryPublishEvents, a null array", NullPointerException.class, "arg2",
                        sink -> () -> sink.tryPublishEvents(THREE, 0, 1, longs(1), longs(1), null)),
                new BadBatch("tryPublishEvents past the end of args", IllegalArgumentException.class, "args (length 0)",
                        sink -> () -> sink.tryPublishEvents(SUM, 0, 1)));
        return bad.stream().flatMap(b -> sinks().map(sink -> Arguments.of(sink.get()[0], b)));
    }

    private static EventTranslator<LongEvent>[] nullAt(EventTranslator<LongEvent>[] translators, int index) {
        translators[index] = null;
        return translators;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badBatches")
    void aBadBatchIsRefusedByNameAndClaimsNothing(Sink s, BadBatch bad) throws InterruptedException {
        s.sink.publishEvents(ONE, longs(1));
        RuntimeException e = assertThrows(bad.thrown(), bad.call().apply(s.sink));
        assertTrue(String.valueOf(e.getMessage()).contains(bad.named()), e.getMessage());
        assertEquals(0, s.ring.cursor(), "nothing claimed");
        assertEquals(1, s.claims(), "nothing counted");
        assertTrue(s.sink.tryPublishEvents(ONE, longs(2)));
        assertPublished(s, 1, 2);
    }
}
