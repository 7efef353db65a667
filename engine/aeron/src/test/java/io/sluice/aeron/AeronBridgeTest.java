package io.sluice.aeron;

import io.sluice.metrics.RingSnapshot;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.RingClosedException;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.StopResult;
import io.sluice.testkit.Await;
import io.sluice.testkit.LogCapture;
import io.sluice.testkit.LongEvent;

import io.aeron.Publication;
import io.aeron.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rings in two places joined by Aeron (loopback only): events cross intact and in order, and a
 * stalled receiver pushes back through Aeron into the sending ring, whose producers' policy acts.
 */
class AeronBridgeTest {
    private static final Duration STOP = Duration.ofSeconds(30);
    private AeronConnection aeron;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    /** The CLOSED test makes a stage fail, which it logs; keep that out of the build output. */
    private final LogCapture logs = LogCapture.consumers();

    @BeforeEach
    void startDriver() {
        aeron = AeronConnection.embedded();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        aeron.close();
        logs.close();
    }

    /** The receiving side: a ring fed by an inbound bridge (polled on its own thread once started), read by a stage. */
    private final class Receiver {
        final RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("received").capacity(256).build();
        final List<long[]> seen = new ArrayList<>();
        final AeronInbound<LongEvent> inbound;
        final Pipeline<LongEvent> pipeline;
        Thread poller;

        Receiver(Subscription subscription) {
            inbound = new AeronInbound<>(subscription, ring, LongEventCodec.INSTANCE);
            Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
            b.handler("record", (event, sequence, end) -> seen.add(new long[] {event.value, event.tag}));
            pipeline = b.build();
            pipeline.start();
        }

        void startPolling() {
            poller = new Thread(inbound, "inbound");
            poller.start();
        }

        void stop() throws InterruptedException {
            inbound.close();
            poller.join();
            pipeline.drainAndStop(STOP);
        }
    }

    /** The sending side: a ring whose one stage is the outbound bridge. */
    private static final class Sender {
        final RingBuffer<LongEvent> ring;
        final AeronOutbound<LongEvent> outbound;
        final Pipeline<LongEvent> pipeline;

        Sender(Publication publication, BackpressurePolicy policy, int capacity) {
            ring = RingBuffer.builder(LongEvent.FACTORY).name("sending").capacity(capacity).producerType(ProducerType.SINGLE)
                    .backpressure(policy).build();
            outbound = new AeronOutbound<>(publication, LongEventCodec.INSTANCE);
            Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
            b.handler("aeron-out", outbound);
            pipeline = b.build();
            pipeline.start();
        }

        /** {@return whether it was published (false: shed)} */
        boolean send(long value) throws InterruptedException {
            return ring.publishEvent((event, sequence) -> {
                event.value = value;
                event.tag = value * 3;
            });
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "udp"})
    void eventsCrossIntactAndInOrder(String transport) throws Exception {
        String channel = transport.equals("ipc") ? "aeron:ipc" : "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
        Subscription subscription = aeron.subscription(channel, 1);
        Receiver receiver = new Receiver(subscription);
        receiver.startPolling();
        Sender sender = new Sender(aeron.publication(channel, 1), BackpressurePolicy.park(), 1024);
        int events = 50_000;
        for (long i = 0; i < events; i++) {
            sender.send(i);
        }
        Await.until(() -> receiver.inbound.received() == events, "every event to arrive");
        assertTrue(sender.pipeline.drainAndStop(STOP).drained());
        receiver.stop();
        assertEquals(events, receiver.seen.size());
        for (int i = 0; i < events; i++) {
            long[] event = receiver.seen.get(i);
            if (event[0] != i || event[1] != 3L * i) {
                throw new AssertionError("event " + i + " arrived as " + event[0] + "/" + event[1]);
            }
        }
        assertEquals(events, sender.outbound.sent());
        assertEquals(16L * events, sender.outbound.bytes());
        assertEquals(events, sender.outbound.figures().get("sent").getAsLong());
        assertEquals(events, receiver.inbound.figures().get("received").getAsLong());
    }

    @Test
    void aStalledReceiverFillsTheSendingRingAndBlockedProducersLoseNothing() throws Exception {
        // A small term, so Aeron's window (half a term) fills after about a thousand messages.
        String channel = "aeron:ipc?term-length=64k";
        Receiver receiver = new Receiver(aeron.subscription(channel, 2)); // not polling yet: stalled
        Sender sender = new Sender(aeron.publication(channel, 2), BackpressurePolicy.block(), 64);
        int events = 20_000;
        Thread producer = new Thread(() -> {
            try {
                for (long i = 0; i < events; i++) {
                    sender.send(i);
                }
            } catch (InterruptedException | RingClosedException e) {
                throw new AssertionError(e);
            }
        }, "producer");
        producer.start();
        Await.until(() -> sender.ring.remainingCapacity() == 0 && sender.outbound.backPressured() > 0,
                "Aeron to push back and the sending ring to fill");
        Await.parked(producer);
        assertTrue(producer.isAlive(), "the producer is blocked by a receiver in another place");

        receiver.startPolling();
        Await.joined(producer);
        Await.until(() -> receiver.inbound.received() == events, "every event to arrive");
        sender.pipeline.drainAndStop(STOP);
        receiver.stop();
        for (int i = 0; i < events; i++) {
            assertEquals(i, receiver.seen.get(i)[0]);
        }
        RingSnapshot figures = sender.ring.snapshot(new RingSnapshot());
        assertTrue(figures.stalls() > 0, "the producer stalled: " + figures);
        assertEquals(0, figures.drops() + figures.timeouts());
    }

    @Test
    void aStalledReceiverMakesSheddingProducersDropExactlyWhatIsMissing() throws Exception {
        String channel = "aeron:ipc?term-length=64k";
        Receiver receiver = new Receiver(aeron.subscription(channel, 3));
        Sender sender = new Sender(aeron.publication(channel, 3), BackpressurePolicy.shed(), 64);
        int events = 20_000;
        List<Long> published = new ArrayList<>();
        for (long i = 0; i < events; i++) {
            if (sender.send(i)) {
                published.add(i);
            }
            if (i == events / 2) {
                receiver.startPolling(); // the first half met a stalled receiver
            }
        }
        Await.until(() -> receiver.inbound.received() == published.size(), "every published event to arrive");
        sender.pipeline.drainAndStop(STOP);
        receiver.stop();
        RingSnapshot figures = sender.ring.snapshot(new RingSnapshot());
        assertTrue(figures.drops() > 0, "the stalled receiver made producers shed");
        assertEquals(events, published.size() + figures.drops(), "attempted = published + dropped");
        List<Long> arrived = new ArrayList<>();
        for (long[] event : receiver.seen) {
            arrived.add(event[0]);
        }
        assertEquals(published, arrived, "exactly the counted drops are missing, the rest in order");
    }

    @Test
    void aPublicationThatClosesFailsTheStageAndClosesTheSendingRing() throws Exception {
        Publication publication = aeron.publication("aeron:ipc", 4);
        toClose.add(aeron.subscription("aeron:ipc", 4));
        Sender sender = new Sender(publication, BackpressurePolicy.park(), 16);
        publication.close();
        sender.send(1);
        Await.until(sender.ring::isClosed, "the failed stage to close the ring");
        assertTrue(sender.ring.closedReason().getMessage().contains("stage 'aeron-out' failed at sequence 0"),
                sender.ring.closedReason().getMessage());
        assertTrue(sender.ring.closedReason().getCause().getMessage().contains("CLOSED"));
        StopResult result = sender.pipeline.drainAndStop(STOP);
        assertEquals(1, result.left("aeron-out"));
    }

    @Test
    void aReceiverInAnotherJvmGetsEveryEventInOrder() throws Exception {
        int port = freeUdpPort();
        Process child = new ProcessBuilder(childJava(RemoteSink.class.getName(), "127.0.0.1:" + port))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder chatter = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                chatter.append(line).append('\n'); // driver start-up chatter, or why the child failed
            }
            assertEquals("ready", line, "the child started; it printed:\n" + chatter);
            Sender sender = new Sender(aeron.publication("aeron:udp?endpoint=127.0.0.1:" + port, 7),
                    BackpressurePolicy.park(), 1024);
            int events = 20_000;
            for (long i = 0; i < events; i++) {
                sender.send(i);
            }
            sender.send(-1); // end marker
            assertTrue(sender.pipeline.drainAndStop(STOP).drained());
            String last = null;
            while ((line = out.readLine()) != null) {
                last = line;
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child ended");
            assertEquals("received " + events + " ordered true", last);
        } finally {
            child.destroyForcibly();
        }
    }

    /** A child JVM running {@code mainClass} on a class path made of where this test's classes came from. */
    private static List<String> childJava(String mainClass, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> paths = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {RemoteSink.class, AeronConnection.class, LongEvent.class, RingBuffer.class, io.aeron.Aeron.class,
                io.aeron.driver.MediaDriver.class, org.agrona.DirectBuffer.class}) {
            String path = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!paths.contains(path)) {
                paths.add(path);
            }
        }
        List<String> command = new ArrayList<>(List.of(java,
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", String.join(File.pathSeparator, paths), mainClass));
        command.addAll(List.of(args));
        return command;
    }
}
