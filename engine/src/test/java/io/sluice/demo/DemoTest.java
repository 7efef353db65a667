package io.sluice.demo;

import io.sluice.BlockingWaitStrategy;
import io.sluice.RingSnapshot;
import io.sluice.Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoTest {
    @Test
    void theQuickStartDeliversEveryEvent() throws InterruptedException {
        assertEquals(500_500L + 1_000_000L, QuickStart.run());
    }

    @ParameterizedTest
    @ValueSource(strings = {"QuickStart", "BackpressureExample"})
    void theReadmeQuotesTheExampleSourceVerbatim(String example) throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/sluice/demo/" + example + ".java"));
        int start = source.indexOf("// README:start\n");
        int lineStart = source.lastIndexOf('\n', start) + 1;
        int indent = start - lineStart;
        String quoted = source.substring(start + "// README:start\n".length(), source.indexOf("// README:end") - indent);
        String dedented = quoted.lines()
                .map(line -> line.length() >= indent ? line.substring(indent) : line.strip())
                .collect(Collectors.joining("\n", "", "\n"));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains("```java\n" + dedented + "```"),
                "README.md must contain the snippet of " + example + ".java exactly, dedented");
    }

    @Test
    void theBackpressureExampleTimesOutDropsAndCrossesTheHighWatermark() throws InterruptedException {
        BackpressureExample.PauseUpstream upstream = new BackpressureExample.PauseUpstream();
        RingSnapshot snapshot = BackpressureExample.run(new Sequence(), upstream);
        assertEquals(4, snapshot.claims());
        assertEquals(1, snapshot.timeouts());
        assertEquals(1, snapshot.drops());
        assertTrue(upstream.paused);
    }

    @Test
    void theDemoMovesEventsInBothScenarios() throws InterruptedException {
        assertTrue(ThroughputDemo.eventsPerSecond(1, new BlockingWaitStrategy(), 10, 50) > 0);
        assertTrue(ThroughputDemo.eventsPerSecond(3, new BlockingWaitStrategy(), 10, 50) > 0);
    }

    @Test
    void theDemoAcceptsItsOptions() {
        assertEquals(1000, ThroughputDemo.Options.parse().measureMillis());
        assertEquals(5000, ThroughputDemo.Options.parse("--seconds", "5").measureMillis());
        assertTrue(ThroughputDemo.Options.parse("--help").help());
    }

    @Test
    void theDemoRejectsBadOptionsNamingThem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ThroughputDemo.Options.parse("--fast"));
        assertTrue(unknown.getMessage().contains("--fast"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ThroughputDemo.Options.parse("--seconds", "0"));
        assertTrue(bad.getMessage().contains(": 0"));
        assertThrows(IllegalArgumentException.class, () -> ThroughputDemo.Options.parse("--seconds", "x"));
        assertThrows(IllegalArgumentException.class, () -> ThroughputDemo.Options.parse("--seconds"));
    }
}
