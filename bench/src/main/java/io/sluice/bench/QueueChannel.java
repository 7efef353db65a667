package io.sluice.bench;

import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;

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
    private final Thread consumer;
    private volatile boolean running = true;

    private QueueChannel(Queue<Long> queue) {
        this.queue = queue;
        consumer = SluiceChannel.daemon(this::consume);
        consumer.start();
    }

    static QueueChannel jctools(int producers, int capacity) {
        return new QueueChannel(producers == 1 ? new SpscArrayQueue<>(capacity) : new MpscArrayQueue<>(capacity));
    }

    static QueueChannel arrayBlockingQueue(int capacity) {
        return new QueueChannel(new ArrayBlockingQueue<>(capacity));
    }

    private void consume() {
        long sum = 0;
        while (running) {
            Long value = queue.poll();
            if (value == null) {
                Thread.yield();
            } else {
                sum += value;
            }
        }
        if (sum == 42) {
            System.out.print(""); // keeps the sum alive
        }
    }

    @Override
    public void send(long value) {
        Long box = BOXES[(int) (value & (BOXES.length - 1))];
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
