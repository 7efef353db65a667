package io.sluice.examples.port;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The program the migration guide ports, as written for the LMAX Disruptor 4: a journal, then a
 * risk check that throws on a bad price and a sum, fed by batches from an array.
 */
public final class DisruptorOriginal {
    private DisruptorOriginal() {
    }

    /**
     * Publishes {@code prices} and waits until every stage has handled them.
     *
     * @param prices the ticks' prices; a negative one fails the risk check
     * @return what the stages computed
     */
    public static PortResult run(Long[] prices) {
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
            public void handleEventException(Throwable failure, long sequence, PriceEvent event) {
                refused.incrementAndGet();
            }

            @Override
            public void handleOnStartException(Throwable failure) {
                throw new IllegalStateException(failure);
            }

            @Override
            public void handleOnShutdownException(Throwable failure) {
            }
        };

        Disruptor<PriceEvent> disruptor = new Disruptor<>(PriceEvent::new, 1024, DaemonThreadFactory.INSTANCE,
                ProducerType.SINGLE, new BlockingWaitStrategy());
        disruptor.setDefaultExceptionHandler(countAndGoOn);
        disruptor.handleEventsWith(journal).then(risk);
        RingBuffer<PriceEvent> ring = disruptor.start();

        for (int start = 0; start < prices.length; start += 100) {
            ring.publishEvents(tick, start, Math.min(100, prices.length - start), prices);
        }
        // shutdown() alone skips stages that have not started running yet, and halts them with
        // their events unhandled: wait for the last stage first.
        while (disruptor.getSequenceValueFor(risk) < ring.getCursor()) {
            Thread.onSpinWait();
        }
        disruptor.shutdown();
        // docs:end
        return new PortResult(journaled.get(), sum.get(), refused.get());
    }
}
