package io.sluice.backpressure;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.FakeClock;
import io.sluice.Producer;
import io.sluice.ProducerThreads;
import io.sluice.RingBuffer;

import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token bucket, on a clock the test moves: it grants exactly the permits it should. */
class RateLimiterTest {
    private final FakeClock clock = new FakeClock();

    private static int drain(RateLimiter limiter) {
        int granted = 0;
        while (limiter.tryAcquire(1)) {
            granted++;
        }
        return granted;
    }

    @Test
    void startsWithAFullBurst() {
        RateLimiter limiter = new RateLimiter(1000, 10, clock);
        assertEquals(10, drain(limiter));
    }

    @Test
    void refundedPermitsCanBeTakenAgainUpToTheBurst() {
        RateLimiter limiter = new RateLimiter(1000, 10, clock);
        drain(limiter);
        limiter.refund(3);
        assertEquals(3, drain(limiter));
        limiter.refund(25);
        assertEquals(10, drain(limiter), "the bucket never holds more than its burst");
    }

    @Test
    void earnsPermitsAtTheRate() {
        RateLimiter limiter = new RateLimiter(1000, 10, clock);
        drain(limiter);
        clock.advance(999, TimeUnit.MICROSECONDS);
        assertFalse(limiter.tryAcquire(1), "a permit takes a full millisecond at 1000/s");
        clock.advance(1, TimeUnit.MICROSECONDS);
        assertEquals(1, drain(limiter));
        clock.advance(7, TimeUnit.MILLISECONDS);
        assertEquals(7, drain(limiter));
    }

    @Test
    void savesNoMoreThanTheBurst() {
        RateLimiter limiter = new RateLimiter(1000, 10, clock);
        drain(limiter);
        clock.advance(1, TimeUnit.HOURS);
        assertEquals(10, drain(limiter));
    }

    @Test
    void isExactForRatesThatDoNotDivideASecond() {
        RateLimiter limiter = new RateLimiter(3, 1, clock);
        drain(limiter);
        int granted = 0;
        for (int ms = 0; ms < 10_000; ms++) { // 10 s in 1 ms steps: 30 permits, not 29 or 31
            clock.advance(1, TimeUnit.MILLISECONDS);
            granted += drain(limiter);
        }
        assertEquals(30, granted);
    }

    @Test
    void takesSeveralPermitsAtOnceOnlyIfAllAreThere() {
        RateLimiter limiter = new RateLimiter(1000, 10, clock);
        assertTrue(limiter.tryAcquire(7));
        assertFalse(limiter.tryAcquire(4));
        assertTrue(limiter.tryAcquire(3));
    }

    @Test
    void saysHowLongUntilPermitsAreAvailable() {
        RateLimiter limiter = new RateLimiter(1000, 10, clock);
        assertEquals(0, limiter.nanosUntilAvailable(10));
        drain(limiter);
        assertEquals(TimeUnit.MILLISECONDS.toNanos(1), limiter.nanosUntilAvailable(1));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(5), limiter.nanosUntilAvailable(5));
        clock.advance(5, TimeUnit.MILLISECONDS);
        assertEquals(0, limiter.nanosUntilAvailable(5));
        assertTrue(limiter.tryAcquire(5));
    }

    @Test
    void concurrentCallersTogetherGetExactlyWhatTheBucketHolds() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(1_000_000, 5_000, clock);
        AtomicLong granted = new AtomicLong();
        ProducerThreads.start(4, id -> {
            for (int i = 0; i < 10_000; i++) {
                if (limiter.tryAcquire(1)) {
                    granted.incrementAndGet();
                }
            }
        }).join();
        assertEquals(5_000, granted.get());
    }

    @Test
    void aSheddingRateLimitedProducerPublishesExactlyWhatTheLimiterGrants() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(1000, 10, clock);
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(1024)
                .backpressure(BackpressurePolicy.shed().withRateLimit(limiter)).build();
        int published = 0;
        for (int step = 0; step < 100; step++) {
            for (int i = 0; i < 5; i++) {
                if (ring.publishEvent((event, sequence) -> event.value = sequence)) {
                    published++;
                }
            }
            clock.advance(1, TimeUnit.MILLISECONDS);
        }
        assertEquals(10 + 99, published, "the burst, then one per millisecond");
        RingSnapshot snapshot = ring.snapshot(new RingSnapshot());
        assertEquals(500 - published, snapshot.drops());
        assertEquals(published, snapshot.claims());
    }

    @Test
    void aRingsOwnRateLimitAppliesToItsNextClaim() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(1024)
                .backpressure(BackpressurePolicy.shed().withRateLimit(new RateLimiter(1000, 2, clock))).build();
        ring.publish(ring.next());
        ring.publish(ring.next());
        assertEquals(RingBuffer.DROPPED, ring.next(), "the burst of 2 is spent, and the clock has not moved");
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertEquals(2, ring.next());
        assertEquals(1, ring.snapshot(new RingSnapshot()).drops());
    }

    @Test
    void aWaitingRateLimitedProducerIsPacedAndCountsItsWaits() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(1024).build();
        Producer<LongEvent> producer = ring.newProducer("paced",
                BackpressurePolicy.park().withRateLimit(new RateLimiter(200, 1)));
        long start = System.nanoTime();
        for (int i = 0; i < 21; i++) {
            assertTrue(producer.publishEvent((event, sequence) -> event.value = sequence));
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMillis >= 95, "21 permits at 200/s with a burst of 1 take 100 ms; took " + elapsedMillis);
        ProducerSnapshot snapshot = producer.snapshot(new ProducerSnapshot());
        assertEquals(20, snapshot.rateLimitedWaits());
        assertTrue(snapshot.rateLimitedNanos() >= TimeUnit.MILLISECONDS.toNanos(90), snapshot.toString());
    }

    @Test
    void aRateLimitedWaitGivesUpAtThePolicyDeadline() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(8).build();
        Producer<LongEvent> producer = ring.newProducer("slow", BackpressurePolicy.park()
                .withTimeout(10, TimeUnit.MILLISECONDS).withRateLimit(new RateLimiter(1, 1)));
        assertEquals(0, producer.next());
        assertEquals(RingBuffer.TIMED_OUT, producer.next());
        ProducerSnapshot snapshot = producer.snapshot(new ProducerSnapshot());
        assertEquals(1, snapshot.timeouts());
        assertEquals(1, snapshot.rateLimitedWaits());
        assertEquals(0, ring.cursor());
    }

    @Test
    void aRateChangeKeepsThePermitsEarnedBeforeIt() {
        RateLimiter limiter = new RateLimiter(1000, 10_000, clock);
        drain(limiter);
        clock.advance(500, TimeUnit.MILLISECONDS);
        assertTrue(limiter.changeRate(2000));
        clock.advance(500, TimeUnit.MILLISECONDS);
        assertEquals(500 + 1000, drain(limiter), "500 earned at 1000/s, then 1000 at 2000/s");
    }

    @Test
    void theWaitForPermitsFollowsTheRateInForce() {
        RateLimiter limiter = new RateLimiter(1000, 10, clock);
        drain(limiter);
        limiter.changeRate(100);
        assertEquals(TimeUnit.MILLISECONDS.toNanos(10), limiter.nanosUntilAvailable(1));
        assertEquals(100, limiter.permitsPerSecond());
    }

    @Test
    void availablePermitsCountsWhatCouldBeTakenUpToTheBurst() {
        RateLimiter limiter = new RateLimiter(1000, 10, clock);
        assertEquals(10, limiter.availablePermits());
        drain(limiter);
        clock.advance(3, TimeUnit.MILLISECONDS);
        assertEquals(3, limiter.availablePermits());
        clock.advance(1, TimeUnit.SECONDS);
        assertEquals(10, limiter.availablePermits(), "never more than the burst");
    }
}
