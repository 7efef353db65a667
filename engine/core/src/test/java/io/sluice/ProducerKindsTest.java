package io.sluice;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.backpressure.RateLimiter;
import io.sluice.metrics.ProducerCounter;
import io.sluice.testkit.LongEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ring builds each producer handle as the kind its policy needs, so a claim runs only the
 * steps that policy uses; every kind keeps the same contract. The contract tests run on every
 * kind, on both producer types, on rings without producer classes and with them (a handle of a
 * class that keeps a quarter of the ring).
 */
class ProducerKindsTest {
    private static final ProducerClass OWN = ProducerClass.of("own", 0.25);
    private static final ProducerClass OTHERS = ProducerClass.of("others", 0);

    /** A policy for each kind of handle; none of them ever waits long or sheds in these tests. */
    private static Stream<Arguments> kinds() {
        List<Supplier<BackpressurePolicy>> policies = List.of(
                // Direct: waits per its back-off, admits every claim.
                () -> BackpressurePolicy.park().withTimeout(10, TimeUnit.MILLISECONDS),
                // Admission: a rate limit far above anything a test claims.
                () -> BackpressurePolicy.park().withTimeout(10, TimeUnit.MILLISECONDS)
                        .withRateLimit(new RateLimiter(RateLimiter.MAX_PERMITS_PER_SECOND, 1_000_000)),
                // Admission: shedding on a delay no test reaches.
                () -> BackpressurePolicy.shedOnDelay(Duration.ofHours(1), Duration.ofHours(1)));
        List<String> names = List.of("direct", "rate-limited", "shed on delay");
        List<Arguments> cases = new ArrayList<>();
        for (ProducerType type : ProducerType.values()) {
            for (int i = 0; i < policies.size(); i++) {
                cases.add(Arguments.of(type, names.get(i), policies.get(i)));
                cases.add(Arguments.of(type, names.get(i) + ", of a class", policies.get(i)));
            }
        }
        return cases.stream();
    }

    private static RingBuffer<LongEvent> ring(ProducerType type, int capacity) {
        return RingBuffer.builder(LongEvent.FACTORY).name("kinds").capacity(capacity).producerType(type).build();
    }

    /** A ring for {@code kind}: with producer classes when the kind is "of a class". */
    private static RingBuffer<LongEvent> ring(ProducerType type, int capacity, String kind) {
        RingBufferBuilder<LongEvent> builder = RingBuffer.builder(LongEvent.FACTORY).name("kinds").capacity(capacity)
                .producerType(type);
        return (kind.endsWith("of a class") ? builder.producerClasses(OWN, OTHERS) : builder).build();
    }

    /** A handle of {@code kind} on a ring {@link #ring(ProducerType, int, String)} built for it. */
    private static Producer<LongEvent> handle(RingBuffer<LongEvent> ring, String name, String kind, BackpressurePolicy policy) {
        return kind.endsWith("of a class") ? ring.newProducer(name, policy, OWN) : ring.newProducer(name, policy);
    }

    private static long count(Producer<LongEvent> producer, ProducerCounter counter) {
        return producer.snapshot(new ProducerSnapshot()).get(counter);
    }

    @Test
    void aPolicyThatAdmitsEveryClaimGetsADirectHandle() {
        RingBuffer<LongEvent> ring = ring(ProducerType.SINGLE, 8);

        assertInstanceOf(DirectProducer.class, ring.newProducer("p"));
        assertInstanceOf(DirectProducer.class, ring.newProducer("q", BackpressurePolicy.shed()));
        assertInstanceOf(DirectProducer.class,
                ring.newProducer("r", BackpressurePolicy.spin().withTimeout(1, TimeUnit.SECONDS)));
    }

    @Test
    void aRateLimitOrDelayTargetGetsAHandleThatAdmitsEachClaimFirst() {
        RingBuffer<LongEvent> ring = ring(ProducerType.SINGLE, 8);

        assertInstanceOf(AdmissionProducer.class,
                ring.newProducer("limited", BackpressurePolicy.spin().withRateLimit(new RateLimiter(1000, 10))));
        assertInstanceOf(AdmissionProducer.class, ring.newProducer("delay",
                BackpressurePolicy.shedOnDelay(Duration.ofMillis(5), Duration.ofMillis(100))));
    }

    @Test
    void aRingWithProducerClassesBuildsEveryHandleAsTheKindThatKeepsTheReserves() {
        RingBuffer<LongEvent> ring = ring(ProducerType.MULTI, 8, "direct, of a class");

        assertInstanceOf(ClassedProducer.class, ring.newProducer("plain"));
        assertInstanceOf(ClassedProducer.class, ring.newProducer("own", BackpressurePolicy.shed(), OWN));
        assertInstanceOf(ClassedProducer.class, ring.newProducer("limited",
                BackpressurePolicy.spin().withRateLimit(new RateLimiter(1000, 10)), OTHERS));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void everyClaimedSequenceIsCountedOnceByItsHandle(ProducerType type, String kind, Supplier<BackpressurePolicy> policy)
            throws Exception {
        RingBuffer<LongEvent> ring = ring(type, 16, kind);
        Producer<LongEvent> producer = handle(ring, "p", kind, policy.get());

        producer.claim().commit();
        producer.claim(3).commit();
        producer.tryClaim().commit();
        producer.tryClaim(2).abort();
        producer.publish(producer.next());
        producer.publish(producer.tryNext());

        assertEquals(1 + 3 + 1 + 2 + 1 + 1, count(producer, ProducerCounter.CLAIMS));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void aCommittedClaimIsPublished(ProducerType type, String kind, Supplier<BackpressurePolicy> policy) throws Exception {
        RingBuffer<LongEvent> ring = ring(type, 8, kind);
        Producer<LongEvent> producer = handle(ring, "p", kind, policy.get());

        Claim<LongEvent> claim = producer.claim(2);
        claim.get(1).value = 42;
        claim.commit();

        assertTrue(ring.isPublished(0));
        assertTrue(ring.isPublished(1));
        assertEquals(42, ring.get(1).value);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void aTryClaimOnAFullRingIsRefusedAndCountedAsARejection(ProducerType type, String kind,
            Supplier<BackpressurePolicy> policy) throws Exception {
        RingBuffer<LongEvent> ring = ring(type, 4, kind);
        ring.addGatingSequences(new Sequence());
        Producer<LongEvent> producer = handle(ring, "p", kind, policy.get());
        producer.claim(4).commit();

        Claim<LongEvent> claim = producer.tryClaim();

        assertFalse(claim.isClaimed());
        assertEquals(ClaimOutcome.INSUFFICIENT_CAPACITY, claim.outcome());
        assertEquals(RingBuffer.INSUFFICIENT_CAPACITY, producer.tryNext());
        assertEquals(2, count(producer, ProducerCounter.REJECTIONS));
        assertEquals(4, count(producer, ProducerCounter.CLAIMS));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void aClosedHandleRefusesEveryFormOfClaim(ProducerType type, String kind, Supplier<BackpressurePolicy> policy) {
        RingBuffer<LongEvent> ring = ring(type, 8, kind);
        Producer<LongEvent> producer = handle(ring, "gone", kind, policy.get());

        producer.close();

        for (Executable claim : List.<Executable>of(producer::claim, () -> producer.claim(2), producer::tryClaim,
                () -> producer.tryClaim(2), producer::next, producer::tryNext,
                () -> producer.publishEvent((event, sequence) -> event.value = sequence))) {
            String message = assertThrows(IllegalStateException.class, claim::run).getMessage();
            assertTrue(message.contains("producer gone of ring kinds is closed"), message);
        }
        assertEquals(-1, ring.cursor());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void aClaimOnAClosedRingThrowsTheClosureAndClaimsNothing(ProducerType type, String kind,
            Supplier<BackpressurePolicy> policy) {
        RingBuffer<LongEvent> ring = ring(type, 8, kind);
        Producer<LongEvent> producer = handle(ring, "p", kind, policy.get());

        ring.close("stopping", null);

        assertThrows(RingClosedException.class, producer::claim);
        assertThrows(RingClosedException.class, producer::tryClaim);
        assertEquals(-1, ring.cursor());
        assertEquals(0, count(producer, ProducerCounter.CLAIMS));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kinds")
    void theRingsOwnClaimsCountInTheRingsTotalsOnce(ProducerType type, String kind, Supplier<BackpressurePolicy> policy)
            throws Exception {
        RingBufferBuilder<LongEvent> builder = RingBuffer.builder(LongEvent.FACTORY).name("kinds").capacity(16)
                .producerType(type).backpressure(policy.get());
        RingBuffer<LongEvent> ring = (kind.endsWith("of a class") ? builder.producerClasses(OWN, OTHERS) : builder).build();
        Producer<LongEvent> handle = handle(ring, "h", kind, policy.get());

        ring.publish(ring.next());
        ring.publish(ring.next(2));
        ring.publishEvent((event, sequence) -> event.value = sequence);
        handle.claim(3).commit();

        assertEquals(7, ring.snapshot(new RingSnapshot()).get(ProducerCounter.CLAIMS));
        assertEquals(3, count(handle, ProducerCounter.CLAIMS));
    }

    /** A claim that may throw. */
    @FunctionalInterface
    private interface Executable {
        void run() throws Exception;
    }
}
