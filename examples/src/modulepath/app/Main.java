package app;

import io.sluice.wait.BlockingWaitStrategy;
import io.sluice.RingBuffer;
import io.sluice.consumer.BatchEventProcessor;

/** Publishes 1..100 through a ring to a consumer thread and prints what the consumer summed. */
public final class Main {
    private Main() {
    }

    static final class Slot {
        long value;
    }

    public static void main(String[] args) throws InterruptedException {
        RingBuffer<Slot> ring = RingBuffer.createSingleProducer(Slot::new, 16, new BlockingWaitStrategy());
        long[] sum = new long[1];
        BatchEventProcessor<Slot> consumer =
                new BatchEventProcessor<>(ring, ring.newBarrier(), (slot, sequence, endOfBatch) -> sum[0] += slot.value);
        ring.addGatingSequence(consumer.sequence());
        Thread thread = new Thread(consumer, "consumer");
        thread.start();
        for (long value = 1; value <= 100; value++) {
            long sequence = ring.next();
            ring.get(sequence).value = value;
            ring.publish(sequence);
        }
        while (consumer.sequence().getVolatile() < ring.cursor()) {
            Thread.onSpinWait();
        }
        consumer.halt();
        thread.join(); // join orders the consumer's writes to sum before this read
        System.out.println("sum = " + sum[0] + " from module " + RingBuffer.class.getModule().getName());
    }
}
