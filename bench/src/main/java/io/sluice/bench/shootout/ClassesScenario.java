package io.sluice.bench.shootout;

import io.sluice.bench.channel.SluiceChannel;
import io.sluice.metrics.ProducerSnapshot;
import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.ProducerClass;
import io.sluice.RingBuffer;
import io.sluice.RingBufferBuilder;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.pipeline.Pipeline;
import io.sluice.wait.BlockingWaitStrategy;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders against bulk: one ring, one consumer that spends {@link #WORK_NANOS} on every event, a
 * bulk producer that offers events flat out, and an order producer that offers
 * {@link #ORDERS_PER_SECOND} orders a second on a fixed schedule with {@code tryClaim} (a refused
 * order is counted, never retried). Per cell, over {@link #MEASURE_MILLIS} after
 * {@link #WARM_UP_MILLIS} of warm-up: the orders offered and refused, the orders' time from claim
 * to consumption (p50, p99, p99.9), the bulk events delivered per second, the bulk drops, and
 * the bulk claims the orders' reserve held back ({@code overShare}).
 *
 * <p>The cells: the orders alone (the latency to compare with); orders and bulk on a ring
 * without producer classes; orders with {@link #ORDERS_SHARE} of the ring kept for them and bulk
 * parking when held back; and the same with bulk shedding on a {@link #BULK_DELAY_TARGET} delay.
 */
public final class ClassesScenario {
    static final int CAPACITY = 4_096;
    static final long WORK_NANOS = 1_000;
    static final long ORDERS_PER_SECOND = 20_000;
    static final double ORDERS_SHARE = 0.25;
    static final Duration BULK_DELAY_TARGET = Duration.ofMillis(1);
    static final long WARM_UP_MILLIS = 300;
    static final long MEASURE_MILLIS = 2_000;
    static final List<String> CELLS = List.of("orders alone", "no classes, bulk parks", "orders' reserve, bulk parks",
            "orders' reserve, bulk sheds on delay");

    /** One cell's figures. */
    record Result(String cell, long ordersOffered, long ordersRefused, double p50Micros, double p99Micros, double p999Micros,
                  double bulkDeliveredPerSecond, long bulkDrops, long bulkOverShare) {
    }

    /** An event: an order or bulk, and when it was claimed. */
    static final class Event {
        boolean order;
        long claimedAt;
    }

    private ClassesScenario() {
    }

    static Result run(String cell) throws InterruptedException {
        boolean bulkRuns = !cell.equals("orders alone");
        boolean classes = cell.startsWith("orders' reserve");
        ProducerClass orders = ProducerClass.of("orders", ORDERS_SHARE);
        ProducerClass bulk = ProducerClass.of("bulk", 0);
        RingBufferBuilder<Event> builder = RingBuffer.builder(Event::new).name("gateway").capacity(CAPACITY)
                .waitStrategy(new BlockingWaitStrategy());
        RingBuffer<Event> ring = (classes ? builder.producerClasses(orders, bulk) : builder).build();
        BackpressurePolicy bulkPolicy = cell.endsWith("sheds on delay")
                ? BackpressurePolicy.shedOnDelay(BULK_DELAY_TARGET, BULK_DELAY_TARGET.multipliedBy(10))
                : BackpressurePolicy.park();
        Producer<Event> orderEntry = classes ? ring.newProducer("order-entry", BackpressurePolicy.park(), orders)
                : ring.newProducer("order-entry", BackpressurePolicy.park());
        Producer<Event> feed = classes ? ring.newProducer("feed", bulkPolicy, bulk) : ring.newProducer("feed", bulkPolicy);

        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(WARM_UP_MILLIS);
        long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(MEASURE_MILLIS);
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong bulkConsumed = new AtomicLong();
        AtomicLong bulkConsumedAtStart = new AtomicLong(-1);
        Pipeline.Builder<Event> b = Pipeline.builder(ring).threadFactory(SluiceChannel::daemon);
        b.handler("matching", (event, sequence, endOfBatch) -> {
            long now = System.nanoTime();
            if (event.order) {
                if (event.claimedAt >= measureFrom && event.claimedAt < end) {
                    latency.recordValue(Math.min(Math.max(0, now - event.claimedAt), latency.getHighestTrackableValue()));
                }
            } else {
                // The consumer thread is the one writer: a release store (no atomic add) is enough
                // for the main thread, which reads the count with a volatile get.
                bulkConsumed.lazySet(bulkConsumed.get() + 1);
            }
            long until = now + WORK_NANOS;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        Pipeline<Event> pipeline = b.build();
        pipeline.start();

        AtomicBoolean running = new AtomicBoolean(true);
        Thread bulkThread = new Thread(() -> {
            try {
                while (running.get()) {
                    Claim<Event> claim = feed.claim();
                    if (claim.isClaimed()) {
                        claim.get().order = false;
                        claim.get().claimedAt = System.nanoTime();
                        claim.commit();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bulk");
        if (bulkRuns) {
            bulkThread.setDaemon(true);
            bulkThread.start();
        }

        long offered = 0;
        long refused = 0;
        long interval = TimeUnit.SECONDS.toNanos(1) / ORDERS_PER_SECOND;
        long bulkDeliveredFrom = 0;
        long bulkDropsFrom = 0;
        long bulkOverShareFrom = 0;
        ProducerSnapshot snapshot = new ProducerSnapshot();
        boolean measuring = false;
        for (long due = start; due < end; due += interval) {
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (wait > 20_000) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait - 10_000);
                } else {
                    Thread.onSpinWait();
                }
            }
            if (!measuring && due >= measureFrom) {
                measuring = true;
                bulkDeliveredFrom = bulkConsumed.get();
                feed.snapshot(snapshot);
                bulkDropsFrom = snapshot.drops();
                bulkOverShareFrom = snapshot.overShare();
            }
            Claim<Event> claim = orderEntry.tryClaim();
            if (claim.isClaimed()) {
                claim.get().order = true;
                claim.get().claimedAt = System.nanoTime();
                claim.commit();
            } else if (measuring) {
                refused++;
            }
            if (measuring) {
                offered++;
            }
        }
        long bulkDelivered = bulkConsumed.get() - bulkDeliveredFrom;
        feed.snapshot(snapshot);
        running.set(false);
        if (bulkRuns) {
            bulkThread.join(TimeUnit.SECONDS.toMillis(10));
        }
        pipeline.drainAndStop(Duration.ofSeconds(30));
        return new Result(cell, offered, refused, latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                latency.getValueAtPercentile(99.9) / 1e3, bulkDelivered * 1e3 / MEASURE_MILLIS, snapshot.drops() - bulkDropsFrom,
                snapshot.overShare() - bulkOverShareFrom);
    }
}
