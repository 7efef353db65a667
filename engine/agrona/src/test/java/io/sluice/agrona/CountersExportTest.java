package io.sluice.agrona;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.metrics.ProducerClassSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.Producer;
import io.sluice.ProducerClass;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.ConsumerSnapshot;
import io.sluice.consumer.ExceptionPolicy;
import io.sluice.metrics.ClassFigure;
import io.sluice.metrics.ConsumerFigure;
import io.sluice.metrics.ProducerCounter;
import io.sluice.metrics.RingFigure;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.Stage;
import io.sluice.testkit.Await;
import io.sluice.testkit.LogCapture;
import io.sluice.testkit.LongEvent;

import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ring, producer and consumer counters exported to a memory-mapped file and read back. */
class CountersExportTest {
    @TempDir
    Path directory;

    private static long valueOf(CountersReader reader, String label) {
        long[] found = {Long.MIN_VALUE};
        reader.forEach((value, id, text) -> {
            if (text.equals(label)) {
                found[0] = value;
            }
        });
        if (found[0] == Long.MIN_VALUE) {
            throw new AssertionError("no counter labelled '" + label + "'");
        }
        return found[0];
    }

    @Test
    void aPipelineStageExportsItsFailuresAndDrops() throws InterruptedException {
        Path path = directory.resolve("stages.counters");
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("telemetry").capacity(8).build();
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        Stage<LongEvent> aggregate = b.handler("aggregate", (event, sequence, end) -> {
            if (sequence % 4 == 0) {
                throw new IllegalArgumentException("bad sample " + sequence);
            }
        }).exceptionPolicy(ExceptionPolicy.skip());
        Pipeline<LongEvent> pipeline = b.build();
        try (LogCapture logs = LogCapture.consumers();
             CountersFile file = CountersFile.create(path, 16);
             CountersExport export = new CountersExport(file.manager()).addStage(ring, aggregate);
             CountersFile readOnly = CountersFile.open(path)) {
            pipeline.start();
            for (int i = 0; i < 8; i++) {
                ring.publishEvent((event, sequence) -> { });
            }
            assertTrue(pipeline.drainAndStop(java.time.Duration.ofSeconds(30)).drained());
            export.update();
            CountersReader reader = readOnly.reader();
            assertEquals(8, valueOf(reader, "telemetry/aggregate: processed"));
            assertEquals(2, valueOf(reader, "telemetry/aggregate: failures"));
            assertEquals(2, valueOf(reader, "telemetry/aggregate: dropped"));
            assertEquals(7, valueOf(reader, "telemetry/aggregate: sequence"));
            assertEquals(2, logs.records().size(), "each skip was logged");
        }
    }

    @Test
    void figuresOfAnyOtherSourceAreExportedByName() {
        Path path = directory.resolve("other.counters");
        long[] sent = {41};
        try (CountersFile file = CountersFile.create(path, 8);
             CountersExport export = new CountersExport(file.manager())
                     .addFigures("orders/aeron-out", new java.util.LinkedHashMap<>(java.util.Map.of("sent", () -> sent[0])));
             CountersFile readOnly = CountersFile.open(path)) {
            sent[0]++;
            export.update();
            assertEquals(42, valueOf(readOnly.reader(), "orders/aeron-out: sent"));
        }
    }

    @Test
    void aReaderOfTheFileSeesRingProducerAndConsumerFigures() throws InterruptedException {
        Path path = directory.resolve("sluice.counters");
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("orders").capacity(8)
                .backpressure(BackpressurePolicy.shed()).build();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), (e, s, b) -> { });
        ring.addGatingSequence(processor.sequence());
        Producer<LongEvent> producer = ring.newProducer("gateway");
        for (int i = 0; i < 10; i++) {
            producer.publishEvent((event, sequence) -> event.value = sequence);
        }
        try (CountersFile file = CountersFile.create(path, 64);
             CountersExport export = new CountersExport(file.manager())
                     .addRing(ring).addProducer(ring, producer).addConsumer(ring, "matcher", processor);
             CountersFile readOnly = CountersFile.open(path)) {
            export.update();
            CountersReader reader = readOnly.reader();
            assertEquals(8, valueOf(reader, "orders: capacity"));
            assertEquals(8, valueOf(reader, "orders: claims"));
            assertEquals(2, valueOf(reader, "orders: drops"));
            assertEquals(0, valueOf(reader, "orders: remaining capacity"));
            assertEquals(8, valueOf(reader, "orders/gateway: claims"));
            assertEquals(2, valueOf(reader, "orders/gateway: drops"));
            assertEquals(8, valueOf(reader, "orders/matcher: lag"));
            assertEquals(ProcessHandle.current().pid(), readOnly.writerPid());
        }
    }

    @Test
    void everyFigureOfTheCatalogueIsExportedUnderItsLabelWithTheSnapshotsValue() throws InterruptedException {
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("all").capacity(8)
                .backpressure(BackpressurePolicy.shed()).build();
        BatchEventProcessor<LongEvent> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), (e, s, b) -> { });
        ring.addGatingSequence(processor.sequence());
        Producer<LongEvent> producer = ring.newProducer("source");
        for (int i = 0; i < 12; i++) {
            producer.publishEvent((event, sequence) -> event.value = sequence);
        }
        try (CountersFile file = CountersFile.create(directory.resolve("all.counters"), 64);
             CountersExport export = new CountersExport(file.manager())
                     .addRing(ring).addProducer(ring, producer).addConsumer(ring, "sink", processor)) {
            export.update();
            CountersReader reader = file.reader();
            RingSnapshot rings = ring.snapshot(new RingSnapshot());
            ProducerSnapshot producers = producer.snapshot(new ProducerSnapshot());
            ConsumerSnapshot consumers = processor.snapshot(new ConsumerSnapshot());
            for (RingFigure figure : RingFigure.ALL) {
                assertEquals(rings.get(figure), valueOf(reader, "all: " + figure.label()), figure.label());
            }
            for (ProducerCounter counter : ProducerCounter.ALL) {
                assertEquals(rings.get(counter), valueOf(reader, "all: " + counter.label()), counter.label());
                assertEquals(producers.get(counter), valueOf(reader, "all/source: " + counter.label()), counter.label());
            }
            for (ConsumerFigure figure : ConsumerFigure.ALL) {
                assertEquals(consumers.get(figure), valueOf(reader, "all/sink: " + figure.label()), figure.label());
            }
        }
    }

    @Test
    void aProducerClassExportsItsReserveItsSlotsInFlightAndItsHandlesCounters() {
        ProducerClass orders = ProducerClass.of("orders", 0.25);
        ProducerClass bulk = ProducerClass.of("bulk", 0);
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("gateway").capacity(16)
                .producerClasses(orders, bulk).build();
        ring.addGatingSequence(new Sequence());
        Producer<LongEvent> orderEntry = ring.newProducer("order-entry", orders);
        Producer<LongEvent> feed = ring.newProducer("feed", BackpressurePolicy.shed(), bulk);
        orderEntry.tryClaim().commit();
        for (int i = 0; i < 14; i++) {
            feed.tryPublishEvent((event, sequence) -> { });
        }
        try (CountersFile file = CountersFile.create(directory.resolve("classes.counters"), 64);
             CountersExport export = new CountersExport(file.manager())
                     .addProducerClass(ring, orders).addProducerClass(ring, bulk)) {
            export.update();
            CountersReader reader = file.reader();
            ProducerClassSnapshot snapshot = ring.snapshot(orders, new ProducerClassSnapshot());
            for (ClassFigure figure : ClassFigure.ALL) {
                assertEquals(snapshot.get(figure), valueOf(reader, "gateway/class orders: " + figure.label()), figure.label());
            }
            assertEquals(4, valueOf(reader, "gateway/class orders: reserved slots"));
            assertEquals(1, valueOf(reader, "gateway/class orders: in flight"));
            assertEquals(12, valueOf(reader, "gateway/class bulk: claims"));
            assertEquals(2, valueOf(reader, "gateway/class bulk: rejections"));
            assertEquals(2, valueOf(reader, "gateway/class bulk: over share"));
        }
    }

    @Test
    void aFileThatIsNotACountersFileIsRejectedNamingIt() throws IOException {
        Path bogus = Files.writeString(directory.resolve("bogus"), "x".repeat(200));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CountersFile.open(bogus));
        assertTrue(e.getMessage().contains("not a Sluice counters file") && e.getMessage().contains("bogus"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CountersFile.create(directory.resolve("c"), 0));
    }

    @Test
    void sluiceStatPrintsEveryCounterWithItsLabel() {
        Path path = directory.resolve("print.counters");
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("metrics").capacity(4).build();
        try (CountersFile file = CountersFile.create(path, 32);
             CountersExport export = new CountersExport(file.manager()).addRing(ring)) {
            export.update();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            SluiceStat.print(file, "metrics: cap", new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("sluice counters of pid " + ProcessHandle.current().pid()), text);
            assertTrue(text.matches("(?s).*\\s+4 - metrics: capacity\\n.*"), text);
            assertTrue(!text.contains("metrics: cursor"), "the filter keeps matching labels only:\n" + text);
        }
    }

    @Test
    void sluiceStatRejectsBadArgumentsNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SluiceStat.Options.parse())
                .getMessage().contains("no counters file"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SluiceStat.Options.parse("--interval", "0", "f")).getMessage().contains("--interval"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SluiceStat.Options.parse("--bogus", "f")).getMessage().contains("--bogus"));
        assertEquals(250, SluiceStat.Options.parse("--interval", "250", "f").intervalMillis());
    }

    /**
     * The command for a child JVM that runs {@code mainClass} with this module's classes and
     * Agrona: the class path is where those classes were loaded from, whatever launched the tests.
     */
    private static List<String> childJava(String mainClass, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> paths = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {SluiceStat.class, CountersReader.class}) {
            paths.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        List<String> command = new ArrayList<>(List.of(java,
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", String.join(File.pathSeparator, paths), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void aChildJvmReadsCountersTheParentUpdates() throws Exception {
        Path path = directory.resolve("live.counters");
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("live").capacity(4)
                .backpressure(BackpressurePolicy.shed()).build();
        ring.addGatingSequence(new Sequence());
        try (CountersFile file = CountersFile.create(path, 32);
             CountersExport export = new CountersExport(file.manager()).addRing(ring)) {
            export.startUpdating(20, TimeUnit.MILLISECONDS);
            Process child = new ProcessBuilder(childJava(SluiceStat.class.getName(),
                    "--interval", "50", "--filter", "live: drops", path.toString()))
                    .redirectErrorStream(true).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("reader failed: " + e);
                }
            });
            reader.start();
            try {
                Await.until(() -> lines.stream().anyMatch(l -> l.endsWith(" 0 - live: drops")),
                        "the child to print drops = 0; it printed " + lines);
                for (int i = 0; i < 4 + 7; i++) { // fills the ring, then sheds 7
                    ring.publishEvent((event, sequence) -> event.value = sequence);
                }
                Await.until(() -> lines.stream().anyMatch(l -> l.endsWith(" 7 - live: drops")),
                        "the child to print drops = 7; it printed " + lines);
            } finally {
                child.destroy();
                child.waitFor(10, TimeUnit.SECONDS);
                reader.join(10_000);
            }
        }
    }
}
