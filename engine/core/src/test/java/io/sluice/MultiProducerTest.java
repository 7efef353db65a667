package io.sluice;

import io.sluice.consumer.EventHandler;
import io.sluice.testkit.ConsumerThread;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.WaitStrategy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Invariants 3 and 4 under contention: many producers, one consumer. */
class MultiProducerTest {
    private static final int PRODUCERS = 4;
    /**
     * A million events per strategy: the 1,024-slot ring wraps about a thousand times under four
     * contending producers. Four times as many added nothing but 25 s to a slow launch of the
     * suite; the claim and publish races themselves are proved by JCStress (ClaimTests).
     */
    private static final int EVENTS_PER_PRODUCER = 250_000;

    /** Checks that each producer's counters arrive as 0, 1, 2, ... with nothing missing or repeated. */
    static final class PerProducerOrderHandler implements EventHandler<LongEvent> {
        final long[] lastCounter = new long[PRODUCERS];
        long count;
        volatile String firstError;

        PerProducerOrderHandler() {
            Arrays.fill(lastCounter, -1);
        }

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) {
            int producer = (int) event.tag;
            if (firstError == null && event.value != lastCounter[producer] + 1) {
                firstError = "producer " + producer + ": expected " + (lastCounter[producer] + 1)
                        + ", got " + event.value + " at sequence " + sequence;
            }
            lastCounter[producer] = event.value;
            count++;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.WaitStrategies#all")
    void fourProducersLoseNothingRepeatNothingAndKeepTheirOrder(Supplier<WaitStrategy> strategy) throws Exception {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 1024, strategy.get());
        PerProducerOrderHandler handler = new PerProducerOrderHandler();
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, handler);

        ProducerThreads.start(PRODUCERS, id -> {
            for (long i = 0; i < EVENTS_PER_PRODUCER; i++) {
                long sequence = ring.next();
                LongEvent event = ring.get(sequence);
                event.tag = id;
                event.value = i;
                ring.publish(sequence);
            }
        }).join();
        long total = (long) PRODUCERS * EVENTS_PER_PRODUCER;
        consumer.awaitSequence(total - 1);
        consumer.stop();

        assertNull(handler.firstError);
        assertEquals(total, handler.count);
        long[] expectedLast = new long[PRODUCERS];
        Arrays.fill(expectedLast, EVENTS_PER_PRODUCER - 1);
        assertArrayEquals(expectedLast, handler.lastCounter);
    }
}
