package io.sluice.examples.port;

import io.sluice.EventTranslatorOneArg;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.consumer.EventHandler;
import io.sluice.consumer.ExceptionHandler;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.Stage;
import io.sluice.pipeline.StopResult;
import io.sluice.wait.BlockingWaitStrategy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** {@link DisruptorOriginal}, ported to Sluice as the migration guide does it, line for line. */
public final class SluicePort {
    private SluicePort() {
    }

    /**
     * Publishes {@code prices} and waits until every stage has handled them.
     *
     * @param prices the ticks' prices; a negative one fails the risk check
     * @return what the stages computed
     * @throws InterruptedException if interrupted while a batch waits for room
     */
    public static PortResult run(Long[] prices) throws InterruptedException {
        AtomicLong journaled = new AtomicLong();
        AtomicLong sum = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        // docs:start
        EventTranslatorOneArg<PriceEvent, Long> tick = (event, sequence, price) -> {
            event.id = sequence;
            event.price = price;
        };
        EventHandler<PriceEvent> journal = (event, sequence, endOfBatch) -> journaled.incrementAndGet();
        EventHandler<PriceEvent> risk = (event, sequence, endOfBatch) -> {
            if (event.price < 0) {
                throw new IllegalArgumentException("bad price " + event.price + " in tick " + event.id);
            }
            sum.addAndGet(event.price);
        };
        ExceptionHandler<PriceEvent> countAndGoOn = new ExceptionHandler<>() {
            @Override
            public void onEventException(Throwable failure, long sequence, PriceEvent event) {
                refused.incrementAndGet();
            }

            @Override
            public void onStartException(Throwable failure) {
                throw new IllegalStateException(failure);
            }

            @Override
            public void onShutdownException(Throwable failure) {
            }
        };

        RingBuffer<PriceEvent> ring = RingBuffer.builder(PriceEvent::new).name("prices").capacity(1024)
                .producerType(ProducerType.SINGLE).waitStrategy(new BlockingWaitStrategy())
                .backpressure(BackpressurePolicy.block()) // what a full ring does: the Disruptor parks
                .build();
        Pipeline.Builder<PriceEvent> b = Pipeline.builder(ring).exceptionHandler(countAndGoOn);
        Stage<PriceEvent> journaling = b.handler("journal", journal);
        b.handler("risk", risk, journaling);
        Pipeline<PriceEvent> pipeline = b.build();
        pipeline.start();

        for (int start = 0; start < prices.length; start += 100) {
            ring.publishEvents(tick, start, Math.min(100, prices.length - start), prices);
        }
        StopResult stopped = pipeline.drainAndStop(Duration.ofSeconds(30)); // a deadline, and what was left
        // docs:end
        if (!stopped.drained()) {
            throw new IllegalStateException("not drained: " + stopped);
        }
        return new PortResult(journaled.get(), sum.get(), refused.get());
    }
}
