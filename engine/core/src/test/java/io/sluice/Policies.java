package io.sluice;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The waiting backpressure policies, for parameterised tests. */
public final class Policies {
    private Policies() {
    }

    public static Stream<Named<Supplier<BackpressurePolicy>>> waiting() {
        return Stream.of(
                Named.of("spin", BackpressurePolicy::spin),
                Named.of("yield", BackpressurePolicy::yielding),
                Named.of("park", BackpressurePolicy::park),
                Named.of("block", BackpressurePolicy::block));
    }

    public static Stream<Arguments> producerTypesAndWaitingPolicies() {
        List<Arguments> cases = new ArrayList<>();
        for (ProducerType type : ProducerType.values()) {
            waiting().forEach(policy -> cases.add(Arguments.of(type, policy)));
        }
        return cases.stream();
    }

    /** A ring whose own policy is {@code policy}, that also lets handles block. */
    public static RingBuffer<LongEvent> ring(ProducerType type, int capacity, BackpressurePolicy policy) {
        return RingBuffer.builder(LongEvent.FACTORY).name("test").capacity(capacity).producerType(type)
                .waitStrategy(new BlockingWaitStrategy()).backpressure(policy).blockingProducers().build();
    }
}
