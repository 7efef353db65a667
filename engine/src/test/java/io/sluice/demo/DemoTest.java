package io.sluice.demo;

import io.sluice.BlockingWaitStrategy;
import org.junit.jupiter.api.Test;

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

    @Test
    void theReadmeQuotesTheQuickStartSourceVerbatim() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/sluice/demo/QuickStart.java"));
        String quoted = source.substring(source.indexOf("// README:start\n") + "// README:start\n".length(),
                source.indexOf("    // README:end"));
        String dedented = quoted.lines()
                .map(line -> line.startsWith("    ") ? line.substring(4) : line)
                .collect(Collectors.joining("\n", "", "\n"));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains("```java\n" + dedented + "```"),
                "README.md must contain the QuickStart snippet exactly as in QuickStart.java, dedented");
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
