package io.sluice;

import io.sluice.metrics.ProducerSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shedding by queueing delay (CoDel), on a clock the test moves and a consumer whose position the
 * test sets: each tick is a millisecond, and the producer makes 16 claims in it (one sample of the
 * ring) unless a test says otherwise. The target is 5 ms and the interval 100 ms: a consumer that
 * stalls at the start of tick {@code t} has left an event waiting 5 ms at tick {@code t + 5}.
 */
class DelaySheddingTest {
    private final FakeClock clock = new FakeClock();
    private final Sequence consumer = new Sequence();
    private final RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent::new).name("delay").capacity(8192)
            .producerType(ProducerType.SINGLE).build();
    private final Producer<LongEvent> producer;
    private long published;
    private long dropped;

    DelaySheddingTest() {
        ring.addGatingSequence(consumer);
        producer = ring.newProducer("sensor", BackpressurePolicy.shedOnDelay(Duration.ofMillis(5), Duration.ofMillis(100), clock));
    }

    /** Runs ticks {@code from} to {@code to}, the consumer stalled unless {@code keepUp}; {@return the ticks with drops} */
    private List<Integer> ticks(int from, int to, boolean keepUp) throws InterruptedException {
        return ticks(from, to, 16, tick -> {
            if (keepUp) {
                consumer.setRelease(ring.cursor());
            }
        });
    }

    /**
     * Runs ticks {@code from} to {@code to}: in each, the clock moves a millisecond, the producer
     * makes {@code claims} claims, then {@code consumerAtEnd} moves the consumer (or not);
     * {@return one entry per drop, the tick it fell in}
     */
    private List<Integer> ticks(int from, int to, int claims, IntConsumer consumerAtEnd) throws InterruptedException {
        List<Integer> drops = new ArrayList<>();
        for (int tick = from; tick <= to; tick++) {
            clock.advance(1, TimeUnit.MILLISECONDS);
            for (int i = 0; i < claims; i++) {
                Claim<LongEvent> claim = producer.claim();
                if (claim.isClaimed()) {
                    claim.commit();
                    published++;
                } else {
                    assertEquals(ClaimOutcome.DROPPED, claim.outcome());
                    dropped++;
                    drops.add(tick);
                }
            }
            consumerAtEnd.accept(tick);
        }
        return drops;
    }

    @Test
    void nothingDropsWhileTheConsumerKeepsUp() throws InterruptedException {
        assertEquals(List.of(), ticks(1, 400, true));
    }

    @Test
    void theFirstDropComesAWholeIntervalAfterTheWaitReachedTheTarget() throws InterruptedException {
        // The first event, claimed in tick 1, has waited the 5 ms target at tick 6; a whole
        // 100 ms interval later, tick 106, the first drop.
        assertEquals(List.of(), ticks(1, 105, false));
        assertEquals(16, ticks(106, 106, false).size());
    }

    @Test
    void whileTheWaitStaysAboveTheTargetEveryClaimDrops() throws InterruptedException {
        ticks(1, 105, false);
        assertEquals(16 * 45, ticks(106, 150, false).size(), "a producer does not slow down when it drops, so every claim does");
    }

    @Test
    void dropsStopOnceTheWaitIsBackUnderTheTarget() throws InterruptedException {
        assertEquals(16 * 5, ticks(1, 110, false).size());
        assertEquals(16, ticks(111, 111, true).size(), "the consumer catches up at the end of tick 111");
        assertEquals(List.of(), ticks(112, 400, true));
    }

    @Test
    void anEpisodeSoonAfterTheLastStartsWithoutWaitingOutAnotherInterval() throws InterruptedException {
        ticks(1, 110, false);
        ticks(111, 120, true);
        // Stalled again from tick 121: the wait reaches the target at tick 126, 14 ms after the
        // last episode ended (at tick 112's first claim), so dropping starts at once.
        List<Integer> drops = ticks(121, 130, false);
        assertEquals(126, drops.get(0));
        assertEquals(16 * 5, drops.size());
    }

    @Test
    void anEpisodeLongAfterTheLastWaitsOutTheIntervalAgain() throws InterruptedException {
        ticks(1, 110, false);
        ticks(111, 300, true);
        List<Integer> drops = ticks(301, 420, false);
        // Over the target from tick 305: a newcomer behind the 64 events claimed since tick 301
        // would wait 5 ms at the 12.8 a millisecond the consumer finished over the last 20 ms.
        assertEquals(405, drops.get(0), "a whole interval after the wait reached the target");
    }

    @Test
    void everyDropIsCountedByTheHandle() throws InterruptedException {
        ticks(1, 150, false);
        assertEquals(16 * 45, dropped);
        assertEquals(dropped, producer.snapshot(new ProducerSnapshot()).drops());
        assertEquals(published, ring.cursor() + 1, "every claim that did not drop was published");
    }

    @Test
    void dropsHoldWhileTheProducerDropsFlatOut() throws InterruptedException {
        // Dropping from tick 106. A producer that drops does no work per event, so it samples the
        // ring thousands of times a millisecond; the samples must not crowd out what it noted
        // before, or the head's wait would look as young as the newest sample. At the end of
        // tick 107 the consumer finishes a batch of 1,000 events at once: the head is then an
        // event claimed at tick 63, and a newcomer waits behind 680 events at the 50 a
        // millisecond the consumer kept over the last 20 ms.
        ticks(1, 106, false);
        assertEquals(100_000, ticks(107, 107, 100_000, tick -> consumer.setRelease(999)).size());
        assertEquals(16 * 50, ticks(108, 157, false).size(), "the head still waits, so every claim still drops");
    }

    @Test
    void aWaitThatDipsUnderTheTargetForLessThanATargetDoesNotRestartTheInterval() throws InterruptedException {
        // Stalled from tick 1, over the target from tick 6. At the end of tick 50 the consumer
        // finishes everything for a moment, as a consumer that publishes its position once per
        // batch does, and stalls again: at tick 51 nothing waits, and from tick 52 the 800 events
        // the producer then claims at once would wait far over the target.
        assertEquals(List.of(), ticks(1, 50, 16, tick -> consumer.setRelease(tick == 50 ? ring.cursor() : consumer.getPlain())));
        assertEquals(List.of(), ticks(51, 51, 800, tick -> { }));
        List<Integer> drops = ticks(52, 110, false);
        assertEquals(106, drops.get(0), "still an interval after tick 6, not after tick 52");
    }

    @Test
    void anotherProducersClaimsDoNotShortenWhatTheHandleRemembers() throws InterruptedException {
        RingBuffer<LongEvent> shared = RingBuffer.builder(LongEvent::new).capacity(1 << 20).producerType(ProducerType.MULTI).build();
        Sequence stalled = new Sequence();
        shared.addGatingSequence(stalled);
        Producer<LongEvent> delayed = shared.newProducer("delayed", BackpressurePolicy.shedOnDelay(Duration.ofMillis(5),
                Duration.ofMillis(100), clock));
        Producer<LongEvent> other = shared.newProducer("other", BackpressurePolicy.spin());
        int drops = 0;
        for (int tick = 1; tick <= 200; tick++) {
            clock.advance(1, TimeUnit.MILLISECONDS);
            // Each sample of the delayed handle sees the other handle's claims move the ring on.
            for (int i = 0; i < 64; i++) {
                Claim<LongEvent> claim = delayed.claim();
                if (claim.isClaimed()) {
                    claim.commit();
                } else {
                    drops++;
                }
                if (i % 16 == 0) {
                    other.claim().commit();
                }
            }
        }
        assertEquals(64 * 95, drops, "over the target from tick 6 (the consumer never moves), dropping from tick 106 on");
    }

    @Test
    void aFlatOutProducerIsHeldNearTheTargetByABatchingConsumer() throws InterruptedException {
        // As a batch processor does: the consumer takes every event published when it starts a
        // batch, works 500 events a millisecond, and publishes its position when the batch is done.
        // The producer offers 20,000 events a millisecond, forty times what the consumer takes, so
        // it samples the ring over a thousand times a millisecond while it drops.
        RingBuffer<LongEvent> big = RingBuffer.builder(LongEvent::new).capacity(8_192).producerType(ProducerType.SINGLE).build();
        Sequence batching = new Sequence();
        big.addGatingSequence(batching);
        Producer<LongEvent> flatOut = big.newProducer("flat out", BackpressurePolicy.shedOnDelay(Duration.ofMillis(5),
                Duration.ofMillis(100), clock));
        long finished = -1;
        long batchEnd = -1;
        int[] waits = new int[1_000_000];
        int delivered = 0;
        for (int tick = 1; tick <= 1_000; tick++) {
            clock.advance(1, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 20_000; i++) {
                Claim<LongEvent> claim = flatOut.claim();
                if (claim.isClaimed()) {
                    claim.get().value = tick;
                    claim.commit();
                }
            }
            for (int work = 0; work < 500; work++) {
                if (finished == batchEnd) {
                    batching.setRelease(finished);
                    batchEnd = big.cursor();
                    if (finished == batchEnd) {
                        break;
                    }
                }
                finished++;
                if (tick > 300) {
                    waits[delivered++] = tick - (int) big.get(finished).value;
                }
            }
        }
        int[] sorted = Arrays.copyOf(waits, delivered);
        Arrays.sort(sorted);
        int p99 = sorted[(int) (0.99 * (delivered - 1))];
        assertTrue(p99 <= 10, "the wait of 99% of the delivered events is within twice the 5 ms target: " + p99 + " ms");
        // A consumer that finds nothing at the end of a batch waits for the next millisecond here,
        // half a millisecond lost on average every batch of about 5 ms.
        assertTrue(delivered >= 0.8 * 500 * 700, "and the consumer is kept busy: " + delivered + " of 350,000 events");
    }

    @Test
    void aTryClaimFailsOnlyForLackOfCapacity() throws InterruptedException {
        ticks(1, 206, false);
        for (int i = 0; i < 100; i++) {
            Claim<LongEvent> claim = producer.tryClaim();
            assertTrue(claim.isClaimed(), "try claims are never shed by delay");
            claim.commit();
        }
    }

    @Test
    void aFullRingDropsAsShedDoes() throws InterruptedException {
        RingBuffer<LongEvent> small = RingBuffer.builder(LongEvent::new).capacity(4).producerType(ProducerType.SINGLE)
                .backpressure(BackpressurePolicy.shedOnDelay(Duration.ofMillis(5), Duration.ofMillis(100), clock)).build();
        small.addGatingSequence(new Sequence());
        for (int i = 0; i < 4; i++) {
            assertTrue(small.next() >= 0);
        }
        assertEquals(RingBuffer.DROPPED, small.next(), "a full ring: dropped at once, never waited for");
    }

    @Test
    void badDurationsAreRefusedNamingTheValue() {
        assertEquals("target must be positive: PT0S", assertThrows(IllegalArgumentException.class,
                () -> BackpressurePolicy.shedOnDelay(Duration.ZERO, Duration.ofMillis(100))).getMessage());
        assertEquals("interval must be at least the target PT0.005S: PT0.001S", assertThrows(IllegalArgumentException.class,
                () -> BackpressurePolicy.shedOnDelay(Duration.ofMillis(5), Duration.ofMillis(1))).getMessage());
    }

    @Test
    void thePolicySaysWhatItShedsBy() {
        assertEquals("shed on delay (target PT0.005S interval PT0.1S)",
                BackpressurePolicy.shedOnDelay(Duration.ofMillis(5), Duration.ofMillis(100)).toString());
    }
}
