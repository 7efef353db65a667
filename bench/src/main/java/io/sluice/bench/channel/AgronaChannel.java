package io.sluice.bench.channel;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

/**
 * Agrona's {@code OneToOneRingBuffer} (one producer) or {@code ManyToOneRingBuffer}: 8-byte
 * messages ({@code agrona64-busy-spin}: 56-byte messages, 64 bytes with Agrona's header, the value
 * in every {@code long}) written in place ({@code tryClaim}/{@code commit}); the producer spins while full,
 * the consumer reads in batches and, when empty, yields ({@code agrona}) or spins with
 * {@link Thread#onSpinWait()} ({@code agrona-busy-spin}).
 */
public final class AgronaChannel implements Channel {
    private final RingBuffer ring;
    private final Thread consumer;
    /** Whether the consumer yields when the ring is empty, or spins. */
    private final boolean yieldWhenEmpty;
    private volatile boolean running = true;

    private final LongConsumer sink;
    /** Bytes of each message after Agrona's 8-byte header. */
    private final int messageLength;

    AgronaChannel(int producers, int capacity, LongConsumer sink, boolean yieldWhenEmpty) {
        this(producers, capacity, sink, yieldWhenEmpty, 8);
    }

    AgronaChannel(int producers, int capacity, LongConsumer sink, boolean yieldWhenEmpty, int messageLength) {
        this.sink = sink;
        this.yieldWhenEmpty = yieldWhenEmpty;
        this.messageLength = messageLength;
        // Each message takes its 8-byte header plus its bytes, aligned to 8.
        UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(
                capacity * (8 + messageLength) + RingBufferDescriptor.TRAILER_LENGTH));
        ring = producers == 1 ? new OneToOneRingBuffer(buffer) : new ManyToOneRingBuffer(buffer);
        consumer = SluiceChannel.daemon(this::consume);
        consumer.start();
    }

    private void consume() {
        while (running) {
            if (ring.read((type, buffer, index, length) -> sink.accept(buffer.getLong(index))) == 0) {
                if (yieldWhenEmpty) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    }

    @Override
    public void send(long value) {
        if (messageLength == 8) {
            write(ring, value);
            return;
        }
        int index;
        while ((index = ring.tryClaim(1, messageLength)) < 0) {
            Thread.onSpinWait();
        }
        for (int i = 0; i < messageLength; i += 8) {
            ring.buffer().putLong(index + i, value);
        }
        ring.commit(index);
    }

    /** Writes one 8-byte message in place, spinning while the ring is full. */
    static void write(RingBuffer ring, long value) {
        int index;
        while ((index = ring.tryClaim(1, 8)) < 0) {
            Thread.onSpinWait();
        }
        ring.buffer().putLong(index, value);
        ring.commit(index);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.join();
    }
}
