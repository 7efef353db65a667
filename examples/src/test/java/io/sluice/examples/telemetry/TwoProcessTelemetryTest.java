package io.sluice.examples.telemetry;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The telemetry pipeline split in two over Aeron UDP loopback, each side with its own embedded
 * media driver as if in its own process: every reading the sender published is aggregated by the
 * receiver, and the sender's drops account for the rest.
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
    void eachSideNamesAMissingAddressWithExitCode2() throws InterruptedException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, TelemetrySender.run(new String[] {"--seconds", "1"}, System.out, errors));
        assertEquals(2, TelemetryReceiver.run(new String[] {}, System.out, errors, () -> { }));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("telemetry-sender: --to HOST:PORT is required"), text);
        assertTrue(text.contains("telemetry-receiver: --listen HOST:PORT is required"), text);
    }
}
