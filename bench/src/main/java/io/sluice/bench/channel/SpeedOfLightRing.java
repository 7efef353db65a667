package io.sluice.bench.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.LongConsumer;

/**
 * The least a single-producer ring can do, as the reference the others are measured against:
 * a {@code long[]}, a producer index and a consumer index, each published with a release store
 * and read with acquire, each side caching the other's index, the consumer taking everything
 * available in one batch. No wait strategy (the consumer yields when empty), no gating list, no
 * metrics, no policy. Padded so the two indexes never share a cache line.
 */
public final class SpeedOfLightRing implements Channel {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(SpeedOfLightRing.class, "head", long.class);
            TAIL = lookup.findVarHandle(SpeedOfLightRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] values;
    private final int mask;
    private final Thread consumer;
    private volatile boolean running = true;
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
    /** Next index the producer writes; producer-owned. */
    @SuppressWarnings("unused")
    private long tail;
    private long cachedHead;
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
    /** Next index the consumer reads; consumer-owned. */
    @SuppressWarnings("unused")
    private long head;
    long r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12, r13, r14, r15;

    private final LongConsumer sink;

    SpeedOfLightRing(int capacity, LongConsumer sink) {
        this.sink = sink;
        values = new long[capacity];
        mask = capacity - 1;
        consumer = SluiceChannel.daemon(this::consume);
        consumer.start();
    }

    @Override
    public void send(long value) {
        long next = (long) TAIL.getOpaque(this);
        while (next - cachedHead >= values.length) {
            cachedHead = (long) HEAD.getAcquire(this); // acquire: the consumer finished the slot
            Thread.onSpinWait();
        }
        values[(int) (next & mask)] = value;
        TAIL.setRelease(this, next + 1); // release: publishes the value written before it
    }

    private void consume() {
        long next = 0;
        while (running) {
            long available = (long) TAIL.getAcquire(this);
            if (available == next) {
                Thread.yield();
                continue;
            }
            for (; next < available; next++) {
                sink.accept(values[(int) (next & mask)]);
            }
            HEAD.setRelease(this, next);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.join();
    }
}
