package io.sluice.bench.shootout;

import io.sluice.ProducerType;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delay-shedding diagnostic's options and one short run's accounting (its figures are never judged in tests). */
public class DelaySheddingUnderContentionTest {
    private static String errorOf(String... args) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DelaySheddingUnderContention.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    @Test
    void badOptionsAreRefusedNamingTheValue() throws Exception {
        assertEquals("delay-shedding-under-contention: --ring must be single or multi: both", errorOf("--ring", "both"));
        assertEquals("delay-shedding-under-contention: --producers must be from 1 to 64: 0", errorOf("--producers", "0"));
        assertEquals("delay-shedding-under-contention: --producers 2 needs --ring multi", errorOf("--producers", "2", "--ring", "single"));
        assertEquals("delay-shedding-under-contention: --interval-millis must be at least the target 5: 1",
                errorOf("--interval-millis", "1"));
    }

    @Test
    void aShortRunDeliversNoMoreThanWasClaimedAndOrdersItsPercentiles() throws Exception {
        DelaySheddingUnderContention.Result r = DelaySheddingUnderContention.measure(2, ProducerType.MULTI, 2, 2_000,
                Duration.ofMillis(5), Duration.ofMillis(100));
        assertTrue(r.delivered() > 0 && r.delivered() <= r.claims(), r.toString());
        assertTrue(r.p50Nanos() <= r.p99Nanos() && r.p99Nanos() <= r.maxNanos(), r.toString());
    }
}
