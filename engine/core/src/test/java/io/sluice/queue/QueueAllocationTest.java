package io.sluice.queue;

import io.sluice.AllocationWindows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * After warm-up, inserting and taking allocate nothing beyond the elements the caller passes, on
 * every variant and with a capacity that is not a power of two: the thread's allocated bytes over
 * three windows of 1M round trips; the steadiest window must stay within 1 KiB.
 */
class QueueAllocationTest {
    private static final Object ELEMENT = new Object();

    @ParameterizedTest
    @EnumSource(QueueVariant.class)
    void offerPollPutAndTakeAllocateNothing(QueueVariant variant) throws InterruptedException {
        RingBlockingQueue<Object> q = variant.create(100);
        AllocationWindows.Work window = () -> {
            for (long i = 0; i < AllocationWindows.WINDOW_EVENTS; i += 4) {
                q.offer(ELEMENT);
                q.put(ELEMENT);
                q.poll();
                q.take();
            }
        };
        window.run(); // warm-up
        AllocationWindows.assertSteadyStateAllocatesNothing(variant + " queue", AllocationWindows.measure(window));
    }
}
