package io.sluice;

import io.sluice.testkit.ConsumerThread;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.WaitStrategy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;

/**
 * Invariant 10: after warm-up, claim, publish and consume allocate nothing, on the producer's and
 * on the consumer's thread, for every producer type and wait strategy.
 *
 * <p>Method: the thread's allocated-bytes counter ({@code com.sun.management.ThreadMXBean}) over
 * three consecutive windows of 1M events after a 1M warm-up; the steadiest window must stay
 * within 1 KiB. Any allocation that recurs, even once per window, shows in every window (one
 * object per event is 16 MB, one per thousand events 16 KB). What is allowed to show in one window
 * only is one-off runtime work on the measured thread: seen here, a few KB once in a while after
 * C2 deoptimised and recompiled the stall path. Measured: 0 bytes in almost every window.
 */
class AllocationTest {
    private static final long WARM_UP = 1_000_000;
    private static final EventTranslatorOneArg<LongEvent, Object> TRANSLATOR = (event, sequence, tag) -> event.value = sequence;

    /** Reads its own thread's allocation counter at each window boundary. */
    static final class MeasuringHandler implements io.sluice.consumer.EventHandler<LongEvent> {
        final AllocationWindows.ConsumerBoundaries boundaries = new AllocationWindows.ConsumerBoundaries(WARM_UP);
        long sum;

        @Override
        public void onStart() {
            AllocationWindows.allocatedBytes(); // first call out of the measured windows
        }

        @Override
        public void onEvent(LongEvent event, long sequence, boolean endOfBatch) {
            sum += event.value;
            boundaries.reached(sequence);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.WaitStrategies#ringKindsAndStrategies")
    void claimPublishAndConsumeAllocateNothingAfterWarmUp(RingKind kind, Supplier<WaitStrategy> strategy)
            throws InterruptedException {
        RingBuffer<LongEvent> ring = kind.configure(RingBuffer.builder(LongEvent.FACTORY))
                .capacity(1024).waitStrategy(strategy.get()).build();
        MeasuringHandler handler = new MeasuringHandler();
        ConsumerThread<LongEvent> consumer = ConsumerThread.start(ring, handler);

        produce(ring, WARM_UP);
        long[] producerWindows = AllocationWindows.measure(() -> produce(ring, AllocationWindows.WINDOW_EVENTS));

        consumer.awaitSequence(WARM_UP + AllocationWindows.WINDOWS * AllocationWindows.WINDOW_EVENTS - 1);
        consumer.stop();

        AllocationWindows.assertSteadyStateAllocatesNothing("producer", producerWindows);
        AllocationWindows.assertSteadyStateAllocatesNothing("consumer", handler.boundaries.windows());
    }

    /** Arguments of the batch forms, made once: a batch publish passes the caller's arrays as they are. */
    private static final Long[] BATCH_VALUES = {1L, 2L};
    private static final Object[][] BATCH_ARGS = {{1L}, {2L}};
    private static final EventTranslatorVararg<LongEvent> VARARG = (event, sequence, args) -> event.value = sequence;

    /** Mixes every claim form: next, next(n) with a range publish, tryNext, a translator, and the batch forms. */
    private static void produce(RingBuffer<LongEvent> ring, long events) throws InterruptedException {
        long produced = 0;
        int form = 0;
        while (produced < events) {
            switch (form++ % 6) {
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
                case 2: {
                    long sequence = ring.tryNext();
                    if (sequence != RingBuffer.INSUFFICIENT_CAPACITY) {
                        ring.get(sequence).value = sequence;
                        ring.publish(sequence);
                    } else {
                        ring.publishEvent(TRANSLATOR, ring);
                    }
                    produced++;
                    break;
                }
                case 3:
                    ring.publishEvents(TRANSLATOR, 0, 2, BATCH_VALUES);
                    produced += 2;
                    break;
                case 4:
                    if (!ring.tryPublishEvents(VARARG, 0, 2, BATCH_ARGS)) {
                        ring.publishEvents(VARARG, BATCH_ARGS);
                    }
                    produced += 2;
                    break;
                case 5:
                    ring.publishEvent(VARARG, BATCH_ARGS[0]); // an array made once: a call with listed arguments makes one
                    produced++;
                    break;
                default:
                    throw new AssertionError(form);
            }
        }
    }
}
