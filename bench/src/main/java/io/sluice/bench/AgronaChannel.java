package io.sluice.bench;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

/**
 * Agrona's {@code OneToOneRingBuffer} (one producer) or {@code ManyToOneRingBuffer}: 8-byte
 * messages written in place ({@code tryClaim}/{@code commit}); the producer spins while full,
 * the consumer reads in batches and yields when empty.
 */
final class AgronaChannel implements Channel {
    private final RingBuffer ring;
    private final Thread consumer;
    private volatile boolean running = true;

    private final LongConsumer sink;

    AgronaChannel(int producers, int capacity, LongConsumer sink) {
        this.sink = sink;
        // Each message takes its 8-byte header plus 8 bytes of value, aligned to 8.
        UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity * 16 + RingBufferDescriptor.TRAILER_LENGTH));
        ring = producers == 1 ? new OneToOneRingBuffer(buffer) : new ManyToOneRingBuffer(buffer);
        consumer = SluiceChannel.daemon(this::consume);
        consumer.start();
    }

    private void consume() {
        while (running) {
            if (ring.read((type, buffer, index, length) -> sink.accept(buffer.getLong(index))) == 0) {
                Thread.yield();
            }
        }
    }

    @Override
    public void send(long value) {
        write(ring, value);
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
