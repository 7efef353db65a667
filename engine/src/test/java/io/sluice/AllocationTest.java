package io.sluice;

import io.sluice.consumer.EventHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariant 10: after warm-up, claim, publish and consume allocate nothing, on the producer's and
 * on the consumer's thread, for every producer type and wait strategy.
 *
 * <p>Measured on JDK 17: 0 bytes on both threads in every case. Tolerance: 1 KiB per thread over 1M events. One object per event would be at least 16 MB,
 * one per thousand events 16 KB; what remains below 1 KiB is one-off runtime work on the measured
 * thread (a deoptimisation that re-materialises an object, lazy linkage of a rarely taken branch
 * such as the producer's park), not a per-event cost.
 */
class AllocationTest {
    private static final long WARM_UP = 1_000_000;
    private static final long MEASURED = 1_000_000;
    private static final long TOLERANCE_BYTES = 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final EventTranslatorOneArg<LongEvent, Object> TRANSLATOR = (event, sequence, tag) -> event.value = sequence;

    /** Reads its own thread's allocation counter at the first and the last measured event. */
    static final class MeasuringHandler implements EventHandler<LongEvent> {
        volatile long before;
        volatile long after;
        long sum;

        @Override
        public void onStart() {
            THREADS.getCurrentThreadAllocatedBytes(); // first call out of the measured window
        }

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) {
            sum += event.value;
            if (sequence == WARM_UP - 1) {
                before = THREADS.getCurrentThreadAllocatedBytes();
            } else if (sequence == WARM_UP + MEASURED - 1) {
                after = THREADS.getCurrentThreadAllocatedBytes();
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.WaitStrategies#producerTypesAndStrategies")
    void claimPublishAndConsumeAllocateNothingAfterWarmUp(ProducerType type, Supplier<WaitStrategy> strategy)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY)
                .capacity(1024).producerType(type).waitStrategy(strategy.get()).build();
        MeasuringHandler handler = new MeasuringHandler();
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, handler);

        THREADS.getCurrentThreadAllocatedBytes();
        produce(ring, WARM_UP);
        long producerBefore = THREADS.getCurrentThreadAllocatedBytes();
        produce(ring, MEASURED);
        long producerAfter = THREADS.getCurrentThreadAllocatedBytes();

        consumer.awaitSequence(WARM_UP + MEASURED - 1);
        consumer.stop();

        long producerBytes = producerAfter - producerBefore;
        long consumerBytes = handler.after - handler.before;
        assertTrue(producerBytes <= TOLERANCE_BYTES, "producer allocated " + producerBytes + " bytes over 1M events");
        assertTrue(consumerBytes <= TOLERANCE_BYTES, "consumer allocated " + consumerBytes + " bytes over 1M events");
    }

    /** Mixes every claim form: next, next(n) with a range publish, tryNext, and a translator. */
    private static void produce(RingBuffer<LongEvent> ring, long events) throws InterruptedException {
        long produced = 0;
        while (produced < events) {
            switch ((int) (produced & 3)) {
                case 0: {
                    long sequence = ring.next();
                    ring.get(sequence).value = sequence;
                    ring.publish(sequence);
                    produced++;
                    break;
                }
                case 1: {
                    long hi = ring.next(2);
                    ring.get(hi - 1).value = hi - 1;
                    ring.get(hi).value = hi;
                    ring.publish(hi - 1, hi);
                    produced += 2;
                    break;
                }
                case 3: {
                    long sequence = ring.tryNext();
                    if (sequence != RingBuffer.INSUFFICIENT_CAPACITY) {
                        ring.get(sequence).value = sequence;
                        ring.publish(sequence);
                        produced++;
                    } else {
                        ring.publishEvent(TRANSLATOR, ring);
                        produced++;
                    }
                    break;
                }
                default:
                    throw new AssertionError(produced);
            }
        }
    }
}
