package io.sluice;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Every consumer wait strategy, fresh per test, for parameterised tests. */
public final class WaitStrategies {
    private WaitStrategies() {
    }

    public static Stream<Named<Supplier<WaitStrategy>>> all() {
        return Stream.of(
                Named.of("busy-spin", BusySpinWaitStrategy::new),
                Named.of("yielding", YieldingWaitStrategy::new),
                Named.of("sleeping", SleepingWaitStrategy::new),
                Named.of("blocking", BlockingWaitStrategy::new),
                Named.of("timeout-blocking", () -> new TimeoutBlockingWaitStrategy(1, TimeUnit.MILLISECONDS)),
                // Short phases, so a test that waits tens of milliseconds reaches the fallback.
                Named.of("phased-blocking", () -> new PhasedBackoffWaitStrategy(
                        50, 50, TimeUnit.MICROSECONDS, new BlockingWaitStrategy())),
                Named.of("phased-sleeping", () -> PhasedBackoffWaitStrategy.withSleeping(50, TimeUnit.MICROSECONDS)));
    }

    /** Every producer type crossed with every wait strategy. */
    public static Stream<Arguments> producerTypesAndStrategies() {
        List<Arguments> cases = new ArrayList<>();
        for (ProducerType type : ProducerType.values()) {
            all().forEach(strategy -> cases.add(Arguments.of(type, strategy)));
        }
        return cases.stream();
    }
}
