package io.sluice.stress;

import io.sluice.RingBuffer;
import io.sluice.consumer.BatchEventProcessor;
import io.sluice.consumer.EventHandler;
import io.sluice.wait.BlockingWaitStrategy;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.util.concurrent.atomic.AtomicInteger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A halt racing a processor's start: the handler's {@code onStart} and {@code onShutdown} come
 * in pairs or not at all, and the processor ends. Result: how many times each hook was called.
 */
public final class LifecycleTests {
    private LifecycleTests() {
    }

    @JCStressTest
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "halted before it started: neither hook")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "started, then halted: both hooks")
    @Outcome(id = "0, 1", expect = FORBIDDEN, desc = "onShutdown without onStart")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class HaltRacingRun {
        private final Hooks hooks = new Hooks();
        private final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 4, new BlockingWaitStrategy());
        private final BatchEventProcessor<Slot> processor = new BatchEventProcessor<>(ring, ring.newBarrier(), hooks);

        @Actor
        public void run() {
            processor.run(); // returns once halted, whenever the halt came
        }

        @Actor
        public void halt() {
            processor.halt();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r1 = hooks.starts.get();
            r.r2 = hooks.shutdowns.get();
        }
    }

    /** Counts the handler's lifecycle callbacks. */
    static final class Hooks implements EventHandler<Slot> {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger shutdowns = new AtomicInteger();

        @Override
        public void onEvent(Slot event, long sequence, boolean endOfBatch) {
        }

        @Override
        public void onStart() {
            starts.incrementAndGet();
        }

        @Override
        public void onShutdown() {
            shutdowns.incrementAndGet();
        }
    }
}
