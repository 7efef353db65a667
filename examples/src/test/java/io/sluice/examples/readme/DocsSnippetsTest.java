package io.sluice.examples.readme;

import io.sluice.metrics.RingSnapshot;
import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.pipeline.StopResult;
import io.sluice.examples.port.PortResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The code README.md and docs/GUIDE.md show: quoted verbatim from these sources (a test fails on drift), and each runs and does what the docs say. */
class DocsSnippetsTest {
    @Test
    void theQuickStartDeliversEveryEvent() throws InterruptedException {
        assertEquals(500_500L + 1_000_000L, QuickStart.run());
    }

    @ParameterizedTest
    @CsvSource({"readme/QuickStart, README.md", "readme/ClaimExample, docs/GUIDE.md", "readme/BackpressureExample, docs/GUIDE.md",
            "readme/PipelineExample, docs/GUIDE.md", "readme/CorePinningThreadFactory, docs/GUIDE.md",
            "readme/FlowExample, docs/GUIDE.md", "readme/ProducerClassExample, docs/GUIDE.md", "readme/RecordRingExample, docs/GUIDE.md", "readme/MappedRingExample, docs/GUIDE.md", "readme/BlockingQueueExample, docs/GUIDE.md", "readme/MetricsExample, docs/GUIDE.md", "telemetry/MetricsEndpoint, docs/GUIDE.md", "telemetry/TelemetrySender, docs/GUIDE.md",
            "telemetry/TelemetryReceiver, docs/GUIDE.md", "port/DisruptorOriginal, docs/MIGRATING-FROM-DISRUPTOR.md",
            "port/SluicePort, docs/MIGRATING-FROM-DISRUPTOR.md"})
    void theDocsQuoteTheExampleSourceVerbatim(String example, String doc) throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/sluice/examples/" + example + ".java"));
        int start = source.indexOf("// docs:start\n");
        assertTrue(start >= 0, example + ".java must mark the quoted part with // docs:start");
        int lineStart = source.lastIndexOf('\n', start) + 1;
        int indent = start - lineStart;
        String quoted = source.substring(start + "// docs:start\n".length(), source.indexOf("// docs:end") - indent);
        String dedented = quoted.lines()
                .map(line -> line.length() >= indent ? line.substring(indent) : line.strip())
                .collect(Collectors.joining("\n", "", "\n"));
        String text = Files.readString(Path.of("..", doc));
        assertTrue(text.contains("```java\n" + dedented + "```"),
                doc + " must contain the snippet of " + example + ".java exactly, dedented");
    }

    @Test
    void theDisruptorProgramAndItsPortComputeTheSame() throws InterruptedException {
        Long[] prices = new Long[1_000];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = (long) i;
        }
        prices[500] = -1L; // fails the risk check: the exception handler counts it and the stage goes on
        PortResult expected = new PortResult(1_000, 499_500 - 500, 1);
        assertEquals(expected, io.sluice.examples.port.DisruptorOriginal.run(prices));
        assertEquals(expected, io.sluice.examples.port.SluicePort.run(prices));
    }

    @Test
    void theAdaptiveRateExamplesLimiterStartsAtItsMaximumAndFollowsTheRing() {
        RingBuffer<RateControlExample.Reading> ring = RateControlExample.adaptive();

        assertEquals(5_000_000, ring.backpressurePolicy().rateLimiter().permitsPerSecond());
        assertEquals(65_536, ring.capacity());
    }

    @Test
    void theDelaySheddingExampleShedsAfterFiveMillisecondsOfDelay() {
        RingBuffer<RateControlExample.Sample> samples = RateControlExample.sheddingOnDelay();

        assertEquals(java.time.Duration.ofMillis(5).toNanos(), samples.backpressurePolicy().delayTarget().targetNanos());
    }

    @Test
    void theMappedRingExampleReadsInTheSecondHalfEveryReadingTheFirstWrote(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        assertEquals(5050, MappedRingExample.run(dir.resolve("sensor.ring"), 100));
    }

    @Test
    void theRecordRingExampleDeliversEveryQuoteAndEveryOrderId() throws InterruptedException {
        RecordRingExample.Totals totals = RecordRingExample.run(10_000);

        assertEquals(10_000 * 0.5, totals.spreads(), 1e-6, "each quote's spread is 0.5");
        assertEquals(5050, totals.ids(), "ids 1 to 100");
    }

    @Test
    void theBlockingQueueExampleRunsEveryTaskOfThePoolAndRejectsWhatTheSheddingQueueDrops() throws InterruptedException {
        BlockingQueueExample.Outcome outcome = BlockingQueueExample.run(10_000);

        assertEquals(10_000 + 64, outcome.ran(), "every task of the first pool, and the 64 the shedding queue held");
        assertEquals(36, outcome.rejected());
        assertEquals(36, outcome.drops(), "each rejection is a drop the queue counted");
    }

    @Test
    void theProducerClassExampleKeepsAQuarterOfTheRingForOrdersWhileMarketDataFloods() throws InterruptedException {
        ProducerClassExample.Handles handles = ProducerClassExample.ring();
        handles.ring().addGatingSequence(new Sequence()); // a consumer that reads nothing: the ring fills
        int quotes = 0;
        while (handles.feed().publishEvent((trade, sequence) -> trade.price = sequence)) {
            quotes++;
        }
        assertEquals(768, quotes, "market data fills what the orders do not keep, then sheds");
        for (int i = 0; i < 256; i++) {
            Claim<QuickStart.Trade> order = handles.gateway().tryClaim();
            assertTrue(order.isClaimed(), "order " + i + " of the reserve");
            order.commit();
        }
        assertEquals(0, handles.ring().remainingCapacity());
    }

    @Test
    void theClaimExamplePublishesEveryPriceAtOnceOrNothing() throws InterruptedException {
        RingBuffer<QuickStart.Trade> ring = RingBuffer.builder(QuickStart.Trade::new).capacity(4)
                .backpressure(BackpressurePolicy.shed()).build();
        ring.addGatingSequence(new Sequence()); // a consumer that reads nothing: the ring fills
        Producer<QuickStart.Trade> producer = ring.newProducer("prices");

        assertEquals(3, ClaimExample.publishAll(producer, new long[] {5, 6, 7}));
        assertEquals(0, ClaimExample.publishAll(producer, new long[] {8, 9}), "two do not fit: shed, nothing claimed");
        assertEquals(2, ring.cursor());
        assertEquals(7, ring.get(2).price);
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
    void thePipelineExampleDrainsEveryOrderThroughTheDiamond() throws InterruptedException {
        PipelineExample.Tally tally = new PipelineExample.Tally();
        StopResult result = PipelineExample.run(tally, 10_000);
        assertTrue(result.drained(), result.toString());
        assertEquals(9_999, result.finalSequence());
        assertEquals(10_000, tally.journaled.get());
        assertEquals(10_000, tally.checked.get());
        assertEquals(10_000, tally.matched.get());
    }

    @Test
    void theCorePinningFactoryPinsEachStageThreadToItsCpu() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux only");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset")),
                "needs taskset");
        String[] allowed = new String[1];
        Thread thread = new CorePinningThreadFactory(1).newThread(new Runnable() {
            @Override
            public void run() {
                try {
                    allowed[0] = Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                            .filter(line -> line.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String toString() {
                return "orders-journal";
            }
        });
        thread.start();
        thread.join();
        assertEquals("orders-journal@cpu1", thread.getName());
        assertEquals("Cpus_allowed_list:\t1", allowed[0]);
    }

    @Test
    void theFlowExampleCarriesEveryReadingThroughTheRing() throws Exception {
        assertEquals(100_000L * 100_001 / 2.0, FlowExample.run(100_000));
    }

    @Test
    void theMetricsExampleBindsTheRingAndEachStageAndRegistersTheRingsMBean() throws Exception {
        io.sluice.RingBuffer<QuickStart.Trade> ring = io.sluice.RingBuffer
                .builder(QuickStart.Trade::new).name("metrics-example").capacity(64).build();
        io.sluice.pipeline.Pipeline.Builder<QuickStart.Trade> b = io.sluice.pipeline.Pipeline.builder(ring);
        b.handler("journal", (event, sequence, end) -> { });
        io.sluice.pipeline.Pipeline<QuickStart.Trade> pipeline = b.build();
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        try (io.sluice.jmx.SluiceMBeans.Registration mbean = MetricsExample.observe(ring, pipeline, registry)) {
            assertEquals(64.0, registry.get("sluice.ring.capacity").tag("ring", "metrics-example").gauge().value());
            assertEquals(0.0, registry.get("sluice.consumer.lag").tag("stage", "journal").gauge().value());
            assertEquals(64L, java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(mbean.name(), "capacity"));
        }
    }

    @Test
    void everyMeterAsPrometheusNamesItIsListedInTheGuide() throws IOException {
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        io.sluice.RingBuffer<QuickStart.Trade> ring = io.sluice.RingBuffer
                .builder(QuickStart.Trade::new).name("listed").capacity(64)
                .producerType(io.sluice.ProducerType.MULTI).producerClasses(io.sluice.ProducerClass.of("orders", 0.5)).build();
        io.sluice.pipeline.Pipeline.Builder<QuickStart.Trade> b = io.sluice.pipeline.Pipeline.builder(ring);
        b.handler("journal", (event, sequence, end) -> { });
        io.sluice.micrometer.SluiceMeters.ring(ring).bindTo(registry);
        io.sluice.micrometer.SluiceMeters.producer(ring, ring.newProducer("gateway")).bindTo(registry);
        io.sluice.micrometer.SluiceMeters.pipeline(b.build()).bindTo(registry);
        String guide = Files.readString(Path.of("../docs/GUIDE.md"));
        java.util.Set<String> names = registry.scrape().lines().filter(line -> line.startsWith("sluice_"))
                .map(line -> line.substring(0, line.indexOf('{'))).collect(Collectors.toCollection(java.util.TreeSet::new));
        assertTrue(names.size() > 40, "expected every meter, scraped " + names);
        java.util.List<String> unlisted = names.stream()
                .filter(name -> !(guide.contains("`" + name + "`") || coveredByPrefix(guide, name)))
                .collect(Collectors.toList());
        assertEquals(java.util.List.of(), unlisted, "meters docs/GUIDE.md does not list");
    }

    /** A producer class's counters are listed once, as the producers' ones under {@code sluice_class_*}. */
    private static boolean coveredByPrefix(String guide, String name) {
        return name.startsWith("sluice_class_") && guide.contains("`sluice_producer_" + name.substring("sluice_class_".length()) + "`")
                && guide.contains("the producer counters as `sluice_class_*`");
    }
}
