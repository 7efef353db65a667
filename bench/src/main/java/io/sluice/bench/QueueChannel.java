package io.sluice.bench;

import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.LongConsumer;

/**
 * A queue as a channel: JCTools' {@code SpscArrayQueue}/{@code MpscArrayQueue} or the JDK's
 * {@code ArrayBlockingQueue}. Values travel as pre-allocated boxes, so no contender pays for
 * boxing; the producer spins on {@code offer} while full, the consumer drains and yields when empty.
 */
final class QueueChannel implements Channel {
    private static final Long[] BOXES = new Long[1024];

    static {
        for (int i = 0; i < BOXES.length; i++) {
            BOXES[i] = (long) i;
        }
    }

    private final Queue<Long> queue;
    private final LongConsumer sink;
    private final Thread consumer;
    private volatile boolean running = true;

    private QueueChannel(Queue<Long> queue, LongConsumer sink) {
        this.queue = queue;
        this.sink = sink;
        consumer = SluiceChannel.daemon(this::consume);
        consumer.start();
    }

    static QueueChannel jctools(int producers, int capacity, LongConsumer sink) {
        return new QueueChannel(producers == 1 ? new SpscArrayQueue<>(capacity) : new MpscArrayQueue<>(capacity), sink);
    }

    static QueueChannel arrayBlockingQueue(int capacity, LongConsumer sink) {
        return new QueueChannel(new ArrayBlockingQueue<>(capacity), sink);
    }

    private void consume() {
        while (running) {
            Long value = queue.poll();
            if (value == null) {
                Thread.yield();
            } else {
                sink.accept(value);
            }
        }
    }

    @Override
    public void send(long value) {
        // A pre-allocated box when the value is small (throughput: the value is a counter); a real
        // one for a timestamp (latency), which then costs the queue contenders an allocation.
        Long box = value >= 0 && value < BOXES.length ? BOXES[(int) value] : Long.valueOf(value);
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
