package io.sluice;

import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.wait.BusySpinWaitStrategy;
import io.sluice.wait.PhasedBackoffWaitStrategy;
import io.sluice.wait.SleepingWaitStrategy;
import io.sluice.wait.TimeoutBlockingWaitStrategy;
import io.sluice.wait.WaitStrategy;
import io.sluice.wait.YieldingWaitStrategy;

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
                Named.of("busy-spin-no-in-flight-pauses", () -> new BusySpinWaitStrategy(0)),
                Named.of("busy-spin-idle-pauses", () -> new BusySpinWaitStrategy(64, 256)),
                Named.of("yielding", YieldingWaitStrategy::new),
                Named.of("spin-then-yield", () -> new YieldingWaitStrategy(100)),
                Named.of("sleeping", SleepingWaitStrategy::new),
                Named.of("spin-then-sleep", () -> new SleepingWaitStrategy(100, 100, 100, TimeUnit.NANOSECONDS)),
                Named.of("blocking", BlockingWaitStrategy::new),
                Named.of("timeout-blocking", () -> new TimeoutBlockingWaitStrategy(1, TimeUnit.MILLISECONDS)),
                // Short phases, so a test that waits tens of milliseconds reaches the fallback.
                Named.of("phased-blocking", () -> new PhasedBackoffWaitStrategy(
                        50, 50, TimeUnit.MICROSECONDS, new BlockingWaitStrategy())),
                Named.of("phased-sleeping", () -> PhasedBackoffWaitStrategy.withSleeping(50, TimeUnit.MICROSECONDS)));
    }

    /**
     * Every strategy but busy-spin: for tests that run more consumer threads than this 2-core
     * machine has cores, where busy-spinning threads take turns by the scheduler's time slice
     * and a few seconds of work take minutes. Busy-spin itself is covered by the one-consumer tests.
     */
    public static Stream<Named<Supplier<WaitStrategy>>> allButBusySpin() {
        return all().filter(strategy -> !strategy.getName().startsWith("busy-spin"));
    }

    /** Every ring kind crossed with every wait strategy. */
    public static Stream<Arguments> ringKindsAndStrategies() {
        List<Arguments> cases = new ArrayList<>();
        for (RingKind kind : RingKind.values()) {
            all().forEach(strategy -> cases.add(Arguments.of(kind, strategy)));
        }
        return cases.stream();
    }
}
