package io.sluice.bench.shootout;

import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * What a producer does while its consumer lags, measured the same way for each policy: the
 * consumer is throttled to {@link #STALL_RATE} events/s (one event per batch, so each one frees
 * one slot), the ring is full, and every claim waits for that one slot.
 * <ul>
 *   <li>CPU per second of stall: the producer thread's CPU time over the stall, per second of it;</li>
 *   <li>resume latency: from the consumer finishing the event that frees a slot (just before its
 *       sequence is released) to the producer's claim of that slot returning;</li>
 *   <li>throughput recovered: events/s once the consumer runs flat out again.</li>
 * </ul>
 */
public final class StallMeasurement {
    static final int STALL_RATE = 1_000;
    static final int CAPACITY = 1024;

    /** A ring with a throttled consumer, seen by the producer thread. */
    interface Subject {
        /** Claims, writes and publishes; returns the sequence it claimed. */
        long publish(long value) throws InterruptedException;

        void close() throws InterruptedException;
    }

    /** The consumer's side, shared by every subject: throttling and release timestamps. */
    static final class Consumer {
        /**
         * Plain writes by the consumer, plain reads by the producer. Ordered by the ring itself:
         * the consumer writes a slot's time before its processor releases that sequence, and the
         * producer's claim of the freed slot acquires the consumer's sequence (the ring is full,
         * so every claim re-reads it), so the read happens after the write.
         */
        final long[] finishedNanos = new long[CAPACITY];
        final AtomicBoolean throttled = new AtomicBoolean(true);
        private long nextDue = System.nanoTime();

        /** Called for every event, on the consumer thread, just before the consumer releases it. */
        void onEvent(long sequence) {
            if (throttled.get()) {
                nextDue += 1_000_000_000L / STALL_RATE;
                long wait;
                while ((wait = nextDue - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            } else {
                nextDue = System.nanoTime();
            }
            finishedNanos[(int) (sequence & (CAPACITY - 1))] = System.nanoTime();
        }
    }

    /** The figures for one policy. */
    record Result(String policy, double cpuMillisPerStallSecond, double resumeP50Micros, double resumeP99Micros,
                  double recoveredEventsPerSecond) {
    }

    private StallMeasurement() {
    }

    static Result measure(String name, Consumer consumer, Subject subject, long stallMillis, long recoveryMillis)
            throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Histogram resume = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long[] result = new long[3];
        Thread producer = new Thread(() -> {
            try {
                long value = 0;
                for (int i = 0; i < CAPACITY; i++) {
                    subject.publish(value++); // fill the ring
                }
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(stallMillis)) {
                    long sequence = subject.publish(value++);
                    long returned = System.nanoTime();
                    // The slot this claim waited for was freed by the consumer finishing sequence - capacity.
                    long freed = consumer.finishedNanos[(int) ((sequence - CAPACITY) & (CAPACITY - 1))];
                    resume.recordValue(Math.max(0, returned - freed));
                }
                result[0] = threads.getCurrentThreadCpuTime() - cpuStart;
                result[1] = System.nanoTime() - start;
                consumer.throttled.set(false);
                long recovered = 0;
                long recoveryStart = System.nanoTime();
                while (System.nanoTime() - recoveryStart < TimeUnit.MILLISECONDS.toNanos(recoveryMillis)) {
                    subject.publish(value++);
                    recovered++;
                }
                result[2] = recovered * 1_000_000_000L / (System.nanoTime() - recoveryStart);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stalled-producer-" + name);
        producer.start();
        producer.join();
        subject.close();
        return new Result(name, result[0] / 1e6 / (result[1] / 1e9), resume.getValueAtPercentile(50) / 1e3,
                resume.getValueAtPercentile(99) / 1e3, result[2]);
    }
}
