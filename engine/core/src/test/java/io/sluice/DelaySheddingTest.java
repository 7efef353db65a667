package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shedding by queueing delay (CoDel), on a clock the test moves and a consumer whose position the
 * test sets: each tick is a millisecond and 16 claims. A consumer that finishes nothing for a
 * millisecond while events wait makes a new event's wait unbounded (Little's law), so from the
 * second tick of a stall the wait counts as over the target.
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
        List<Integer> drops = new ArrayList<>();
        for (int tick = from; tick <= to; tick++) {
            clock.advance(1, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 16; i++) {
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
            if (keepUp) {
                consumer.setRelease(ring.cursor());
            }
        }
        return drops;
    }

    @Test
    void nothingDropsWhileTheConsumerKeepsUp() throws InterruptedException {
        assertEquals(List.of(), ticks(1, 400, true));
    }

    @Test
    void theFirstDropComesAWholeIntervalAfterTheWaitReachedTheTarget() throws InterruptedException {
        // Over the target from tick 2; a whole 100 ms interval later, tick 102, the first drop.
        assertEquals(List.of(), ticks(1, 101, false));
        assertEquals(16, ticks(102, 102, false).size());
    }

    @Test
    void whileTheWaitStaysAboveTheTargetEveryClaimDrops() throws InterruptedException {
        ticks(1, 101, false);
        assertEquals(16 * 49, ticks(102, 150, false).size(), "a producer does not slow down when it drops, so every claim does");
    }

    @Test
    void dropsStopOnceTheWaitIsBackUnderTheTarget() throws InterruptedException {
        assertEquals(16 * 9, ticks(1, 110, false).size());
        assertEquals(16, ticks(111, 111, true).size(), "the consumer catches up at the end of tick 111");
        assertEquals(List.of(), ticks(112, 400, true));
    }

    @Test
    void anEpisodeSoonAfterTheLastStartsWithoutWaitingOutAnotherInterval() throws InterruptedException {
        ticks(1, 110, false);
        ticks(111, 120, true);
        // Stalled again from tick 121: over the target at tick 122, 10 ms after the last episode
        // ended (at tick 112's first claim), so dropping starts at once.
        List<Integer> drops = ticks(121, 130, false);
        assertEquals(122, drops.get(0));
        assertEquals(16 * 9, drops.size());
    }

    @Test
    void anEpisodeLongAfterTheLastWaitsOutTheIntervalAgain() throws InterruptedException {
        ticks(1, 110, false);
        ticks(111, 300, true);
        List<Integer> drops = ticks(301, 420, false);
        assertEquals(402, drops.get(0), "over the target from tick 302; a whole interval later");
    }

    @Test
    void everyDropIsCountedByTheHandle() throws InterruptedException {
        ticks(1, 150, false);
        assertEquals(16 * 49, dropped);
        assertEquals(dropped, producer.snapshot(new ProducerSnapshot()).drops());
        assertEquals(published, ring.cursor() + 1, "every claim that did not drop was published");
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
