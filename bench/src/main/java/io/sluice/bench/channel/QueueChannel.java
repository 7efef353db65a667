package io.sluice.bench.channel;

import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.LongConsumer;

/**
 * A queue as a channel: JCTools' {@code SpscArrayQueue}/{@code MpscArrayQueue} or the JDK's
 * {@code ArrayBlockingQueue}. Values travel as pre-allocated boxes, so no contender pays for
 * boxing; the producer spins on {@code offer} while full, the consumer drains and, when empty,
 * yields ({@code jctools}, {@code abq}) or spins with {@link Thread#onSpinWait()}
 * ({@code jctools-busy-spin}, the like of a ring's busy-spin consumer).
 */
public final class QueueChannel implements Channel {
    private static final Long[] BOXES = new Long[1024];

    static {
        for (int i = 0; i < BOXES.length; i++) {
            BOXES[i] = (long) i;
        }
    }

    private final Queue<Long> queue;
    private final LongConsumer sink;
    /** Whether the consumer needs the exact value (latency: a timestamp) rather than any value. */
    private final boolean exactValues;
    /** Whether the consumer yields when the queue is empty, or spins. */
    private final boolean yieldWhenEmpty;
    private final Thread consumer;
    private volatile boolean running = true;

    private QueueChannel(Queue<Long> queue, LongConsumer sink, boolean exactValues, boolean yieldWhenEmpty) {
        this.queue = queue;
        this.sink = sink;
        this.exactValues = exactValues;
        this.yieldWhenEmpty = yieldWhenEmpty;
        consumer = SluiceChannel.daemon(this::consume);
        consumer.start();
    }

    /** @param yieldWhenEmpty whether the consumer yields on an empty queue (else it spins) */
    static QueueChannel jctools(int producers, int capacity, LongConsumer sink, boolean exactValues,
                                boolean yieldWhenEmpty) {
        return new QueueChannel(producers == 1 ? new SpscArrayQueue<>(capacity) : new MpscArrayQueue<>(capacity), sink,
                exactValues, yieldWhenEmpty);
    }

    static QueueChannel arrayBlockingQueue(int capacity, LongConsumer sink, boolean exactValues) {
        return new QueueChannel(new ArrayBlockingQueue<>(capacity), sink, exactValues, true);
    }

    private void consume() {
        while (running) {
            Long value = queue.poll();
            if (value == null) {
                if (yieldWhenEmpty) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            } else {
                sink.accept(value);
            }
        }
    }

    @Override
    public void send(long value) {
        // Throughput: any value will do, so a pre-allocated box; latency: the exact timestamp, boxed,
        // which costs the queue contenders an allocation per event that a ring does not pay.
        Long box = exactValues ? Long.valueOf(value) : BOXES[(int) (value & (BOXES.length - 1))];
        while (!queue.offer(box)) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.join();
    }
}
