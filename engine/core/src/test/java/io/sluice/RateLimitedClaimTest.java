package io.sluice;

import io.sluice.metrics.RingSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.RateLimiter;
import io.sluice.testkit.Await;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every claim form honours a rate-limited policy: try claims fail without a permit, waits end with a close. */
class RateLimitedClaimTest {
    private static final EventTranslator<LongEvent> WRITE = (event, sequence) -> event.value = sequence;
    private final FakeClock clock = new FakeClock();

    /** A try claim of one slot: the sequence, or a negative code. */
    private static Stream<Named<ToLongFunction<RingBuffer<LongEvent>>>> tryClaims() {
        return Stream.of(
                Named.of("ring.tryNext()", RingBuffer::tryNext),
                Named.of("ring.tryNext(1)", ring -> ring.tryNext(1)),
                Named.of("ring.tryPublishEvent", ring -> ring.tryPublishEvent(WRITE) ? ring.cursor() : -1),
                Named.of("handle.tryNext()", ring -> ring.newProducer("h").tryNext()),
                Named.of("handle.tryNext(1)", ring -> ring.newProducer("h").tryNext(1)),
                Named.of("handle.tryPublishEvent", ring -> ring.newProducer("h").tryPublishEvent(WRITE) ? ring.cursor() : -1));
    }

    private RingBuffer<LongEvent> limitedRing(ProducerType type, int capacity, RateLimiter limiter) {
        return Policies.ring(type, capacity, BackpressurePolicy.park().withRateLimit(limiter));
    }

    @ParameterizedTest
    @MethodSource("tryClaims")
    void aTryClaimWithoutAPermitFailsWithoutClaimingAndIsCounted(ToLongFunction<RingBuffer<LongEvent>> tryClaim) {
        RingBuffer<LongEvent> ring = limitedRing(ProducerType.MULTI, 64, new RateLimiter(10, 1, clock));
        ring.addGatingSequence(new Sequence());
        long first = tryClaim.applyAsLong(ring);
        assertEquals(0, first, "the bucket starts with one permit");
        if (!ring.isPublished(first)) {
            ring.publish(first);
        }
        for (int i = 0; i < 100; i++) {
            assertTrue(tryClaim.applyAsLong(ring) < 0, "attempt " + i + " had no permit");
        }
        assertEquals(0, ring.cursor(), "nothing was claimed without a permit");
        assertEquals(100, ring.snapshot(new RingSnapshot()).rejections());
        clock.advance(100, TimeUnit.MILLISECONDS); // one permit earned
        assertTrue(tryClaim.applyAsLong(ring) >= 0);
    }

    @Test
    void aTryClaimThatFindsTheRingFullGivesItsPermitsBack() {
        RateLimiter limiter = new RateLimiter(10, 4, clock);
        RingBuffer<LongEvent> ring = limitedRing(ProducerType.SINGLE, 2, limiter);
        ring.addGatingSequence(new Sequence());
        ring.publish(ring.tryNext(2)); // 2 permits taken, the ring is full
        assertEquals(RingBuffer.INSUFFICIENT_CAPACITY, ring.tryNext(2));
        assertTrue(limiter.tryAcquire(2), "the refused claim's permits went back to the bucket");
        assertFalse(limiter.tryAcquire(1));
    }

    @Test
    void aTryClaimOfMoreThanTheBurstIsRefusedNamingBoth() {
        RingBuffer<LongEvent> ring = limitedRing(ProducerType.MULTI, 64, new RateLimiter(1000, 4, clock));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ring.tryNext(8));
        assertTrue(e.getMessage().contains("8") && e.getMessage().contains("burst 4"), e.getMessage());
        Producer<LongEvent> handle = ring.newProducer("h");
        assertThrows(IllegalArgumentException.class, () -> handle.tryNext(5));
        assertEquals(Sequence.INITIAL_VALUE, ring.cursor());
    }

    @Test
    void aSheddingClaimOfMoreThanTheBurstIsRefusedNamingBoth() {
        RingBuffer<LongEvent> ring = Policies.ring(ProducerType.MULTI, 64,
                BackpressurePolicy.shed().withRateLimit(new RateLimiter(1000, 4, clock)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ring.next(8));
        assertTrue(e.getMessage().contains("8") && e.getMessage().contains("burst 4"), e.getMessage());
    }

    @Test
    void aWaitingClaimOfMoreThanTheBurstTakesItsPermitsABurstAtATime() throws InterruptedException {
        RingBuffer<LongEvent> ring = limitedRing(ProducerType.MULTI, 64, new RateLimiter(RateLimiter.MAX_PERMITS_PER_SECOND, 4));
        ring.addGatingSequence(new Sequence());
        assertEquals(7, ring.next(8), "next(n) takes any n from 1 to the capacity");
        assertEquals(23, ring.newProducer("h").next(16));
        assertTrue(ring.snapshot(new RingSnapshot()).rateLimitedWaits() >= 1);
    }

    @Test
    void aClaimThatTimesOutWaitingForItsPermitsGivesBackThoseItTook() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(1, 4, clock); // the fake clock never earns more
        RingBuffer<LongEvent> ring = limitedRing(ProducerType.MULTI, 64, limiter);
        ring.addGatingSequence(new Sequence());
        assertEquals(RingBuffer.TIMED_OUT, ring.next(8, 1, TimeUnit.MILLISECONDS));
        assertEquals(Sequence.INITIAL_VALUE, ring.cursor());
        assertTrue(limiter.tryAcquire(4), "the first burst went back to the bucket");
        assertEquals(1, ring.snapshot(new RingSnapshot()).timeouts());
    }

    private static Stream<Arguments> typesAndWaitingPolicies() {
        List<Arguments> cases = new ArrayList<>();
        for (ProducerType type : ProducerType.values()) {
            Policies.waiting().forEach(policy -> cases.add(Arguments.of(type, policy)));
        }
        return cases.stream();
    }

    /**
     * The limiter's clock never moves, so the permits would take 1000 s: only the close can end
     * the wait, at once under block(), within the policy's longest park otherwise.
     */
    @ParameterizedTest
    @MethodSource("typesAndWaitingPolicies")
    void theCloseReleasesAClaimWaitingForPermits(ProducerType type, Supplier<BackpressurePolicy> policy)
            throws InterruptedException {
        RateLimiter limiter = new RateLimiter(1, 1000, clock);
        RingBuffer<LongEvent> ring = Policies.ring(type, 1024, policy.get().withRateLimit(limiter));
        ring.addGatingSequence(new Sequence());
        long taken = ring.next(1000); // the bucket is empty now
        ring.publish(taken - 999, taken);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiting = new Thread(() -> {
            try {
                ring.next(1000);
                outcome.set(new AssertionError("claimed without permits"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "waiting-for-permits");
        waiting.start();
        Await.parked(waiting);
        ring.close("stopped while waiting for permits", null);
        Await.joined(waiting);
        assertInstanceOf(RingClosedException.class, outcome.get());
        assertEquals(999, ring.cursor());
    }
}
