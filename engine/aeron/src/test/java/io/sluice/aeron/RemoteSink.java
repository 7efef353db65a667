package io.sluice.aeron;

import io.sluice.RingBuffer;
import io.sluice.pipeline.Pipeline;
import io.sluice.testkit.LongEvent;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The remote side of the two-process test, run in a child JVM: its own embedded media driver,
 * a subscription on the given UDP endpoint polled into a ring, a stage that checks order. Prints
 * {@code ready}, then, after the end marker (value -1), {@code received N ordered true|false}.
 */
public final class RemoteSink {
    private RemoteSink() {
    }

    public static void main(String[] args) throws Exception {
        String channel = "aeron:udp?endpoint=" + args[0];
        try (AeronConnection aeron = AeronConnection.embedded()) {
            RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).name("remote").capacity(1024).build();
            long[] received = {0};
            boolean[] ordered = {true};
            CountDownLatch ended = new CountDownLatch(1);
            Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
            b.handler("check", (event, sequence, end) -> {
                if (event.value == -1) {
                    ended.countDown();
                    return;
                }
                ordered[0] &= event.value == received[0] && event.tag == event.value * 3;
                received[0]++;
            });
            Pipeline<LongEvent> pipeline = b.build();
            pipeline.start();
            AeronInbound<LongEvent> inbound = new AeronInbound<>(aeron.subscription(channel, 7), ring, LongEventCodec.INSTANCE);
            Thread poller = new Thread(inbound, "inbound");
            poller.start();
            System.out.println("ready");
            ended.await();
            inbound.close();
            poller.join();
            pipeline.drainAndStop(Duration.ofSeconds(10));
            System.out.println("received " + received[0] + " ordered " + ordered[0]);
        }
    }
}
