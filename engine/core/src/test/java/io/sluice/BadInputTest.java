package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.RateLimiter;
import io.sluice.backpressure.WatermarkListener;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.PhasedBackoffWaitStrategy;
import io.sluice.wait.SleepingWaitStrategy;
import io.sluice.wait.TimeoutBlockingWaitStrategy;
import io.sluice.wait.YieldingWaitStrategy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every argument that can be wrong is rejected with a message naming the parameter and the value. */
class BadInputTest {
    private static void assertRejected(Class<? extends RuntimeException> type, Executable call, String... words) {
        RuntimeException e = assertThrows(type, call);
        for (String word : words) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(word),
                    "message '" + e.getMessage() + "' should mention '" + word + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 3, 6, 1000, (1 << 30) + 1, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void capacityThatIsNotAPowerOfTwoFromOneTo2To30IsRejected(int capacity) {
        assertRejected(IllegalArgumentException.class,
                () -> RingBuffer.builder(LongEvent.FACTORY).capacity(capacity), "capacity", String.valueOf(capacity));
    }

    @Test
    void capacityFromOneTo2To30IsAccepted() {
        assertDoesNotThrow(() -> RingBuffer.builder(LongEvent.FACTORY).capacity(1).capacity(1 << 30));
        assertEquals(1, RingBuffer.createSingleProducer(LongEvent.FACTORY, 1, new BlockingWaitStrategy()).capacity());
    }

    @Test
    void nullBuilderArgumentsAreRejectedByName() {
        assertRejected(NullPointerException.class, () -> RingBuffer.builder(null), "eventFactory");
        assertRejected(NullPointerException.class,
                () -> RingBuffer.builder(LongEvent.FACTORY).waitStrategy(null), "waitStrategy");
        assertRejected(NullPointerException.class,
                () -> RingBuffer.builder(LongEvent.FACTORY).producerType(null), "producerType");
        assertRejected(NullPointerException.class,
                () -> RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, null), "waitStrategy");
    }

    @Test
    void aFactoryThatReturnsNullIsRejectedNamingTheSlot() {
        int[] calls = {0};
        EventFactory<LongEvent> nullOnThird = () -> ++calls[0] == 3 ? null : new LongEvent();
        assertRejected(NullPointerException.class,
                () -> RingBuffer.builder(nullOnThird).capacity(4).build(), "eventFactory", "slot 2");
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void claimSizesOutsideOneToCapacityAreRejected(ProducerType type) {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).producerType(type).build();
        for (int n : new int[] {0, -1, 9, Integer.MIN_VALUE}) {
            assertRejected(IllegalArgumentException.class, () -> ring.next(n), "n", String.valueOf(n));
            assertRejected(IllegalArgumentException.class, () -> ring.tryNext(n), "n", String.valueOf(n));
        }
        assertEquals(Sequence.INITIAL_VALUE, ring.cursor(), "a rejected claim takes nothing");
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void publishRangesThatAreEmptyNegativeOrLongerThanTheRingAreRejected(ProducerType type) {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).producerType(type).build();
        ring.tryNext(8);
        assertRejected(IllegalArgumentException.class, () -> ring.publish(5, 4), "lo=5", "hi=4");
        assertRejected(IllegalArgumentException.class, () -> ring.publish(-1, 0), "lo=-1");
        assertRejected(IllegalArgumentException.class, () -> ring.publish(0, 8), "hi=8");
        assertRejected(IllegalArgumentException.class, () -> ring.publish(-3), "sequence", "-3");
    }

    @Test
    void aSingleProducerPublishOfAnUnclaimedSequenceIsRejected() {
        RingBuffer<LongEvent> ring = RingBuffer.createSingleProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        ring.tryNext();
        assertRejected(IllegalArgumentException.class, () -> ring.publish(1), "sequence 1", "highest claimed is 0");
        assertRejected(IllegalArgumentException.class, () -> ring.publish(0, 3), "sequence 3");
        assertEquals(false, ring.isPublished(0));
    }

    @Test
    void nullTranslatorsAreRejectedBeforeClaiming() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        assertRejected(NullPointerException.class, () -> ring.publishEvent((EventTranslator<LongEvent>) null), "translator");
        assertRejected(NullPointerException.class,
                () -> ring.tryPublishEvent((EventTranslatorOneArg<LongEvent, String>) null, "a"), "translator");
        assertEquals(Sequence.INITIAL_VALUE, ring.cursor());
    }

    @Test
    void nullBarrierDependentsAndGatingSequencesAreRejectedByName() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        assertRejected(NullPointerException.class, () -> ring.newBarrier((Sequence[]) null), "dependents");
        assertRejected(NullPointerException.class, () -> ring.newBarrier(new Sequence(), null), "dependents[1]");
        assertRejected(NullPointerException.class, () -> ring.addGatingSequence(null), "sequence");
        assertRejected(NullPointerException.class, () -> ring.removeGatingSequence(null), "sequence");
    }

    @Test
    void processorArgumentsAreChecked() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        SequenceBarrier barrier = ring.newBarrier();
        assertRejected(NullPointerException.class,
                () -> new BatchEventProcessor<LongEvent>(null, barrier, (e, s, b) -> { }), "ring");
        assertRejected(NullPointerException.class,
                () -> new BatchEventProcessor<LongEvent>(ring, null, (e, s, b) -> { }), "barrier");
        assertRejected(NullPointerException.class, () -> new BatchEventProcessor<>(ring, barrier, null), "handler");
        assertRejected(IllegalArgumentException.class,
                () -> new BatchEventProcessor<LongEvent>(ring, barrier, (e, s, b) -> { }, 0), "maxBatchSize", "0");
    }

    @Test
    void waitStrategySettingsAreChecked() {
        assertRejected(IllegalArgumentException.class, () -> new YieldingWaitStrategy(-1), "spinTries", "-1");
        assertRejected(IllegalArgumentException.class,
                () -> new SleepingWaitStrategy(-2, 0, 1, TimeUnit.NANOSECONDS), "spinTries", "-2");
        assertRejected(IllegalArgumentException.class,
                () -> new SleepingWaitStrategy(0, -3, 1, TimeUnit.NANOSECONDS), "yieldTries", "-3");
        assertRejected(IllegalArgumentException.class,
                () -> new SleepingWaitStrategy(0, 0, 0, TimeUnit.NANOSECONDS), "parkTime", "0");
        assertRejected(IllegalArgumentException.class,
                () -> new TimeoutBlockingWaitStrategy(-5, TimeUnit.MILLISECONDS), "timeout", "-5");
        assertRejected(IllegalArgumentException.class,
                () -> new PhasedBackoffWaitStrategy(-1, 0, TimeUnit.NANOSECONDS, new BlockingWaitStrategy()),
                "spinTime", "-1");
        assertRejected(IllegalArgumentException.class,
                () -> new PhasedBackoffWaitStrategy(0, -7, TimeUnit.NANOSECONDS, new BlockingWaitStrategy()),
                "yieldTime", "-7");
        assertRejected(NullPointerException.class,
                () -> new PhasedBackoffWaitStrategy(0, 0, TimeUnit.NANOSECONDS, null), "fallback");
    }

    @Test
    void policySettingsAreChecked() {
        assertRejected(IllegalArgumentException.class,
                () -> BackpressurePolicy.park(-1, 0, 1, 1, TimeUnit.MICROSECONDS), "spins", "-1");
        assertRejected(IllegalArgumentException.class,
                () -> BackpressurePolicy.park(0, -2, 1, 1, TimeUnit.MICROSECONDS), "yields", "-2");
        assertRejected(IllegalArgumentException.class,
                () -> BackpressurePolicy.park(0, 0, 0, 1, TimeUnit.MICROSECONDS), "minPark", "0");
        assertRejected(IllegalArgumentException.class,
                () -> BackpressurePolicy.park(0, 0, 5, 4, TimeUnit.MICROSECONDS), "maxPark", "4");
        assertRejected(IllegalArgumentException.class,
                () -> BackpressurePolicy.spin().withTimeout(0, TimeUnit.SECONDS), "timeout", "0");
        assertRejected(IllegalStateException.class,
                () -> BackpressurePolicy.shed().withTimeout(1, TimeUnit.SECONDS), "shed");
        assertRejected(NullPointerException.class, () -> BackpressurePolicy.park().withRateLimit(null), "limiter");
        assertRejected(NullPointerException.class, () -> BackpressurePolicy.backoff(null, "x"), "backoff");
    }

    @Test
    void rateLimiterSettingsAreChecked() {
        assertRejected(IllegalArgumentException.class, () -> new RateLimiter(0, 1), "permitsPerSecond", "0");
        assertRejected(IllegalArgumentException.class,
                () -> new RateLimiter(1_000_000_001L, 1), "permitsPerSecond", "1000000001");
        assertRejected(IllegalArgumentException.class, () -> new RateLimiter(10, 0), "burst", "0");
        RateLimiter limiter = new RateLimiter(10, 4);
        assertRejected(IllegalArgumentException.class, () -> limiter.tryAcquire(5), "permits", "5");
        assertRejected(IllegalArgumentException.class, () -> limiter.tryAcquire(0), "permits", "0");
        assertRejected(IllegalArgumentException.class, () -> limiter.nanosUntilAvailable(-1), "permits", "-1");
        assertRejected(IllegalArgumentException.class, () -> limiter.refund(-2), "permits", "-2");
    }

    @Test
    void watermarkSettingsAreChecked() {
        WatermarkListener listener = new WatermarkListener() {
            @Override
            public void onHighWatermark(String ring, long occupancy) {
            }

            @Override
            public void onLowWatermark(String ring, long occupancy) {
            }
        };
        assertRejected(IllegalArgumentException.class,
                () -> RingBuffer.builder(LongEvent.FACTORY).watermarks(4, 4, listener), "high=4", "low=4");
        assertRejected(IllegalArgumentException.class,
                () -> RingBuffer.builder(LongEvent.FACTORY).watermarks(4, -1, listener), "low=-1");
        assertRejected(IllegalArgumentException.class,
                () -> RingBuffer.builder(LongEvent.FACTORY).capacity(8).watermarks(9, 1, listener).build(), "high", "9");
        assertRejected(NullPointerException.class,
                () -> RingBuffer.builder(LongEvent.FACTORY).watermarks(4, 1, null), "listener");
    }

    @Test
    void aBlockingProducerOnARingNotBuiltForItIsRejected() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("plain").build();
        assertRejected(IllegalArgumentException.class,
                () -> ring.newProducer("p", BackpressurePolicy.block()), "plain", "blockingProducers()");
        assertDoesNotThrow(() -> RingBuffer.builder(LongEvent.FACTORY).blockingProducers().build()
                .newProducer("p", BackpressurePolicy.block()));
    }

    @Test
    void aClosedProducerRejectsClaimsAndPerCallTimeoutsMustBePositive() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("r").build();
        Producer<LongEvent> producer = ring.newProducer("gone");
        assertRejected(IllegalArgumentException.class,
                () -> producer.next(1, 0, TimeUnit.SECONDS), "timeout", "0");
        producer.close();
        producer.close(); // idempotent
        assertRejected(IllegalStateException.class, producer::next, "gone", "closed");
        assertRejected(IllegalStateException.class, producer::tryNext, "gone", "closed");
        assertRejected(NullPointerException.class, () -> ring.newProducer(null), "name");
    }

    /** The JDK's own NPE would say "Cannot invoke ... because "unit" is null": the message must be the parameter's name alone. */
    private static void assertNullUnitRejected(Executable call) {
        assertEquals("unit", assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void aNullTimeUnitIsRejectedNamingUnit() {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("r").build();
        Producer<LongEvent> producer = ring.newProducer("p");
        assertNullUnitRejected(() -> ring.next(1, 1, null));
        assertNullUnitRejected(() -> producer.next(1, 1, null));
        assertNullUnitRejected(() -> BackpressurePolicy.spin().withTimeout(1, null));
        assertNullUnitRejected(() -> BackpressurePolicy.park(0, 0, 1, 1, null));
        assertNullUnitRejected(() -> new SleepingWaitStrategy(0, 0, 1, null));
        assertNullUnitRejected(() -> new TimeoutBlockingWaitStrategy(1, null));
        assertNullUnitRejected(() -> new PhasedBackoffWaitStrategy(0, 0, null, new BlockingWaitStrategy()));
        assertEquals(Sequence.INITIAL_VALUE, ring.cursor(), "nothing was claimed");
    }
}
