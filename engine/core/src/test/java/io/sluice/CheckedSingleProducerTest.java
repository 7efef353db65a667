package io.sluice;

import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checked mode ({@code -Dio.sluice.checkSingleProducer=true}, set for this test's JVM only): a
 * second thread claiming on a single-producer ring while the first has a claim open is refused.
 */
class CheckedSingleProducerTest {
    private static RingBuffer<LongEvent> ring(RingKind kind) {
        RingBuffer<LongEvent> ring = kind.configure(RingBuffer.builder(LongEvent.FACTORY)).capacity(8).build();
        ring.addGatingSequence(new Sequence());
        return ring;
    }

    /** Runs {@code claim} on a thread named "intruder"; returns what it threw, or null. */
    private static Throwable onAnotherThread(Runnable claim) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread intruder = new Thread(() -> {
            try {
                claim.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "intruder");
        intruder.start();
        intruder.join(60_000);
        return thrown.get();
    }

    @Test
    void thisJvmRunsInCheckedMode() {
        assertTrue(SingleClaimSequencer.CHECK_SINGLE_PRODUCER, "run by the core's checked-mode surefire execution");
    }

    @ParameterizedTest
    @EnumSource(value = RingKind.class, names = {"SINGLE", "SINGLE_SLOT_MARKERS"})
    void aSecondThreadClaimingWhileTheFirstHasAClaimOpenIsRefusedNamingBoth(RingKind kind) throws InterruptedException {
        RingBuffer<LongEvent> ring = ring(kind);
        long open = ring.next(); // InterruptedException cannot happen: the ring has room
        Throwable thrown = onAnotherThread(ring::tryNext);

        IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown);
        assertTrue(e.getMessage().contains("thread 'intruder' claims on a single-producer ring while thread '"
                + Thread.currentThread().getName() + "' has claimed sequence 0"), e.getMessage());
        ring.publish(open);
        assertEquals(0, ring.cursor(), "the refused claim claimed nothing");
        assertEquals(1, ring.tryNext(), "the owner claims on");
    }

    @ParameterizedTest
    @EnumSource(value = RingKind.class, names = {"SINGLE", "SINGLE_SLOT_MARKERS"})
    void aRingHandedToAnotherThreadBetweenClaimsIsAccepted(RingKind kind) throws InterruptedException {
        RingBuffer<LongEvent> ring = ring(kind);
        ring.publish(ring.next());
        assertNull(onAnotherThread(() -> ring.publish(ring.tryNext())));
        ring.publish(ring.tryNext());
        assertTrue(ring.isPublished(2));
    }

    @Test
    void aHandleRefusesTheSecondThreadToo() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring(RingKind.SINGLE);
        Producer<LongEvent> owner = ring.newProducer("owner");
        Producer<LongEvent> other = ring.newProducer("other");
        Claim<LongEvent> claim = owner.tryClaim();
        assertInstanceOf(IllegalStateException.class, onAnotherThread(() -> other.tryClaim()));
        claim.commit();
        assertEquals(0, ring.cursor());
    }

    @Test
    void aMultiProducerRingIsNotChecked() throws InterruptedException {
        RingBuffer<LongEvent> ring = ring(RingKind.MULTI);
        long open = ring.tryNext();
        assertNull(onAnotherThread(() -> ring.publish(ring.tryNext())));
        ring.publish(open);
        assertTrue(ring.isPublished(0) && ring.isPublished(1));
    }
}
