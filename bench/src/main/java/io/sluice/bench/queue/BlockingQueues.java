package io.sluice.bench.queue;

import com.conversantmedia.util.concurrent.DisruptorBlockingQueue;

import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.queue.RingBlockingQueue;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;

/**
 * The blocking queues the queue benchmarks compare, by name: Sluice's {@link RingBlockingQueue}
 * (default: any number of producers and consumers, {@code put} blocking; {@code -park}: parking with back-off; {@code -one-consumer}, {@code -one-to-one}: the
 * cheaper variants), the JDK's {@code ArrayBlockingQueue}, {@code LinkedBlockingQueue} (bounded;
 * {@code lbq-unbounded} as {@code Executors.newFixedThreadPool} makes it) and
 * {@code LinkedTransferQueue} (unbounded), and Conversant's {@code DisruptorBlockingQueue}.
 */
public final class BlockingQueues {
    /** Every name {@link #create} knows. */
    public static final List<String> NAMES = List.of("sluice", "sluice-park", "sluice-one-consumer", "sluice-one-to-one", "abq", "lbq",
            "lbq-unbounded", "ltq", "conversant");

    private BlockingQueues() {
    }

    /**
     * @param name one of {@link #NAMES}
     * @param capacity the bound of the bounded ones
     * @return a new, empty queue
     * @throws IllegalArgumentException if the name is unknown
     */
    public static <E> BlockingQueue<E> create(String name, int capacity) {
        return switch (name) {
            case "sluice" -> new RingBlockingQueue<>(capacity);
            case "sluice-park" -> RingBlockingQueue.<E>builder(capacity).backpressure(BackpressurePolicy.park()).build();
            case "sluice-one-consumer" -> RingBlockingQueue.<E>builder(capacity).singleConsumer().build();
            case "sluice-one-to-one" -> RingBlockingQueue.<E>builder(capacity).singleProducer().singleConsumer().build();
            case "abq" -> new ArrayBlockingQueue<>(capacity);
            case "lbq" -> new LinkedBlockingQueue<>(capacity);
            case "lbq-unbounded" -> new LinkedBlockingQueue<>();
            case "ltq" -> new LinkedTransferQueue<>();
            case "conversant" -> new DisruptorBlockingQueue<>(capacity);
            default -> throw new IllegalArgumentException("unknown queue: " + name + " (one of " + NAMES + ")");
        };
    }
}
