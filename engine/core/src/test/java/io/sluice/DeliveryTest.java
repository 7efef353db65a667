package io.sluice;

import io.sluice.consumer.EventHandler;
import io.sluice.testkit.ConsumerThread;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.WaitStrategy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Invariants 3 and 4: every published sequence reaches the consumer once, in order, across many laps. */
class DeliveryTest {
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int capacity : new int[] {1, 2, 8, 1024}) {
            WaitStrategies.ringKindsAndStrategies()
                    .forEach(a -> cases.add(Arguments.of(a.get()[0], a.get()[1], capacity)));
        }
        return cases.stream();
    }

    /** Checks each event against the sequence it should carry; records the first discrepancy. */
    static final class OrderCheckingHandler implements EventHandler<LongEvent> {
        long expected;
        long count;
        volatile String firstError;

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) {
            if (firstError == null && (sequence != expected || event.value != expected)) {
                firstError = "expected " + expected + ", got sequence " + sequence + " holding " + event.value;
            }
            expected++;
            count++;
        }
    }

    @ParameterizedTest(name = "{0} {1} capacity {2}")
    @MethodSource("cases")
    void everyEventArrivesOnceInOrderAcrossWrapArounds(RingKind kind, Supplier<WaitStrategy> strategy,
                                                       int capacity) throws InterruptedException {
        RingBuffer<LongEvent> ring = kind.configure(RingBuffer.builder(LongEvent.FACTORY))
                .capacity(capacity).waitStrategy(strategy.get()).build();
        OrderCheckingHandler handler = new OrderCheckingHandler();
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, handler);

        long events = 16L * capacity + 10_000; // at least 16 laps of the ring
        for (long i = 0; i < events; i++) {
            long sequence = ring.next();
            ring.get(sequence).value = i;
            ring.publish(sequence);
        }
        consumer.awaitSequence(events - 1);
        consumer.stop();

        assertNull(handler.firstError);
        assertEquals(events, handler.count);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.WaitStrategies#ringKindsAndStrategies")
    void rangeClaimsArriveOnceInOrder(RingKind kind, Supplier<WaitStrategy> strategy) throws InterruptedException {
        RingBuffer<LongEvent> ring = kind.configure(RingBuffer.builder(LongEvent.FACTORY))
                .capacity(16).waitStrategy(strategy.get()).build();
        OrderCheckingHandler handler = new OrderCheckingHandler();
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, handler);

        long value = 0;
        for (int round = 0; round < 5_000; round++) {
            int n = 1 + round % 16;
            long hi = ring.next(n);
            for (long s = hi - n + 1; s <= hi; s++) {
                ring.get(s).value = value++;
            }
            ring.publish(hi - n + 1, hi);
        }
        long events = value;
        consumer.awaitSequence(events - 1);
        consumer.stop();

        assertNull(handler.firstError);
        assertEquals(events, handler.count);
    }
}
