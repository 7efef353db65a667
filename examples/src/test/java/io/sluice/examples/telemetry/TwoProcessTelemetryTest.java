package io.sluice.examples.telemetry;

import io.sluice.agrona.CountersFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The telemetry pipeline split in two, over Aeron UDP loopback (each side with its own embedded
 * media driver, as if in its own process) or over a record ring in a memory-mapped file: every
 * reading the sender published is aggregated by the receiver, and the sender's drops account for
 * the rest.
 */
class TwoProcessTelemetryTest {
    @Test
    void everyReadingTheSenderPublishedIsAggregatedByTheReceiver() throws Exception {
        int port;
        try (DatagramSocket socket = new DatagramSocket(0)) {
            port = socket.getLocalPort();
        }
        String endpoint = "127.0.0.1:" + port;
        ByteArrayOutputStream receiverOut = new ByteArrayOutputStream();
        CountDownLatch listening = new CountDownLatch(1);
        int[] receiverCode = {-1};
        Thread receiver = new Thread(() -> {
            try {
                receiverCode[0] = TelemetryReceiver.run(new String[] {"--listen", endpoint, "--window-ms", "200", "--work-ns", "2000"},
                        new PrintStream(receiverOut, true, StandardCharsets.UTF_8), System.err, listening::countDown);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "receiver");
        receiver.start();
        assertTrue(listening.await(30, TimeUnit.SECONDS), "the receiver started");

        ByteArrayOutputStream senderOut = new ByteArrayOutputStream();
        int senderCode = TelemetrySender.run(new String[] {"--to", endpoint, "--seconds", "1", "--sensors", "2", "--rate", "50000"},
                new PrintStream(senderOut, true, StandardCharsets.UTF_8), System.err);
        receiver.join(60_000);
        String sent = senderOut.toString(StandardCharsets.UTF_8);
        String received = receiverOut.toString(StandardCharsets.UTF_8);
        assertEquals(0, senderCode, sent);
        assertEquals(0, receiverCode[0], received);
        assertTrue(sent.contains("[ok] emitted = sent + dropped"), sent);
        assertTrue(received.contains("[ok] every reading the sender published arrived and was aggregated"), received);
    }

    @Test
    void overARecordRingInAMappedFileEveryReadingTheSenderPublishedIsAggregated(@TempDir Path directory)
            throws Exception {
        Path file = directory.resolve("telemetry.ring");
        ByteArrayOutputStream receiverOut = new ByteArrayOutputStream();
        CountDownLatch reading = new CountDownLatch(1);
        int[] receiverCode = {-1};
        Thread receiver = new Thread(() -> {
            try {
                receiverCode[0] = TelemetryReceiver.run(new String[] {"--from-file", file.toString(), "--window-ms", "200",
                        "--work-ns", "2000"}, new PrintStream(receiverOut, true, StandardCharsets.UTF_8), System.err,
                        reading::countDown);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "receiver");
        receiver.start();
        assertTrue(reading.await(30, TimeUnit.SECONDS), "the receiver made the file");

        ByteArrayOutputStream senderOut = new ByteArrayOutputStream();
        int senderCode = TelemetrySender.run(new String[] {"--to-file", file.toString(), "--seconds", "1", "--sensors", "2",
                "--rate", "50000"}, new PrintStream(senderOut, true, StandardCharsets.UTF_8), System.err);
        receiver.join(60_000);
        String sent = senderOut.toString(StandardCharsets.UTF_8);
        String received = receiverOut.toString(StandardCharsets.UTF_8);
        assertEquals(0, senderCode, sent);
        assertEquals(0, receiverCode[0], received);
        assertTrue(sent.contains("[ok] emitted = sent + dropped") && sent.contains("mapped file"), sent);
        assertTrue(received.contains("[ok] every reading the sender published arrived and was aggregated"), received);
        assertFalse(Files.exists(file), "the receiver deletes its file");
    }

    @Test
    void eachSidesLiveCountersShowTheSharedFilesPositionsWhileTheyRun(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("counted.ring");
        Path receiverCounters = directory.resolve("receiver.counters");
        Path senderCounters = directory.resolve("sender.counters");
        CountDownLatch reading = new CountDownLatch(1);
        Thread receiver = new Thread(() -> {
            try {
                TelemetryReceiver.run(new String[] {"--from-file", file.toString(), "--window-ms", "200",
                        "--counters", receiverCounters.toString()}, new PrintStream(new ByteArrayOutputStream()), System.err,
                        reading::countDown);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "receiver");
        receiver.start();
        assertTrue(reading.await(30, TimeUnit.SECONDS), "the receiver made the file");
        Thread sender = new Thread(() -> {
            try {
                TelemetrySender.run(new String[] {"--to-file", file.toString(), "--seconds", "3", "--sensors", "1",
                        "--rate", "20000", "--counters", senderCounters.toString()},
                        new PrintStream(new ByteArrayOutputStream()), System.err);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sender");
        sender.start();

        // What SluiceStat reads from each process: the file's cursor on the sender's side, the
        // consumer's position on the receiver's, both moving while the readings flow.
        assertTrue(eventually(() -> figure(senderCounters, "cursor") > 0), "the sender's counters show the cursor");
        assertTrue(eventually(() -> figure(receiverCounters, "consumer") > 0), "the receiver's counters show its position");
        sender.join(60_000);
        receiver.join(60_000);
    }

    /** Whether {@code condition} holds within 30 s, looking every 20 ms. */
    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** The value of the first counter whose label ends with {@code name} in the counters file, or -1. */
    private static long figure(Path countersFile, String name) {
        if (!Files.exists(countersFile)) {
            return -1;
        }
        try (CountersFile counters = CountersFile.open(countersFile)) {
            long[] value = {-1};
            counters.reader().forEach((id, label) -> {
                if (value[0] < 0 && label.contains("file ") && label.endsWith(name)) {
                    value[0] = counters.reader().getCounterValue(id);
                }
            });
            return value[0];
        } catch (RuntimeException notReadyYet) {
            return -1;
        }
    }

    @Test
    void aSenderToAFileNoReceiverMadeNamesItWithExitCode2(@TempDir Path directory) throws InterruptedException {
        Path file = directory.resolve("nobody.ring");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TelemetrySender.run(new String[] {"--to-file", file.toString(), "--seconds", "1"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(file.toString()), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void eachSideNamesAMissingAddressWithExitCode2() throws InterruptedException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, TelemetrySender.run(new String[] {"--seconds", "1"}, System.out, errors));
        assertEquals(2, TelemetryReceiver.run(new String[] {}, System.out, errors, () -> { }));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("telemetry-sender: one of --to HOST:PORT and --to-file PATH is required"), text);
        assertTrue(text.contains("telemetry-receiver: one of --listen HOST:PORT and --from-file PATH is required"), text);
    }
}
