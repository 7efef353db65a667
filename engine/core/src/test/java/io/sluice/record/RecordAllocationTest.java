package io.sluice.record;

import io.sluice.AllocationWindows;
import io.sluice.Claim;
import io.sluice.RingBuffer;
import io.sluice.RingKind;
import io.sluice.consumer.EventHandler;
import io.sluice.testkit.ConsumerThread;
import io.sluice.wait.YieldingWaitStrategy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After warm-up, offering, claiming, writing, publishing and reading records allocate nothing,
 * on the producer's and on the consumer's thread, for every ring kind and storage. Method as in
 * the object ring's {@code AllocationTest}: the thread's allocated bytes over three windows of 1M
 * records after a 1M warm-up; the steadiest window must stay within 1 KiB.
 */
class RecordAllocationTest {
    private static final long WARM_UP = 1_000_000;
    private static final byte[] TAG = {1, 2, 3, 4, 5, 6, 7, 8};

    /** Reads every field and its own thread's allocation counter at each window boundary. */
    static final class MeasuringHandler implements EventHandler<Records> {
        final AllocationWindows.ConsumerBoundaries boundaries = new AllocationWindows.ConsumerBoundaries(WARM_UP);
        final byte[] tag = new byte[TAG.length];
        long sum;

        @Override
        public void onStart() {
            AllocationWindows.allocatedBytes(); // first call out of the measured windows
        }

        @Override
        public void onEvent(Records records, long sequence, boolean endOfBatch) {
            sum += records.getLong(sequence, 0) + records.getInt(sequence, 8) + (long) records.getDouble(sequence, 16);
            records.getBytes(sequence, 24, tag, 0, tag.length);
            boundaries.reached(sequence);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.sluice.record.RecordStorageKind#withRingKinds")
    void offerClaimWriteAndReadAllocateNothingAfterWarmUp(RingKind kind, RecordStorageKind storage)
            throws InterruptedException {
        RingBuffer<Records> ring = kind.configure(storage.builder(32)).capacity(1024)
                .waitStrategy(new YieldingWaitStrategy()).build();
        MeasuringHandler handler = new MeasuringHandler();
        ConsumerThread<Records> consumer = ConsumerThread.start(ring, handler);
        RecordProducer producer = new RecordProducer(ring, "p");

        produce(producer, WARM_UP);
        long[] producerWindows = AllocationWindows.measure(() -> produce(producer, AllocationWindows.WINDOW_EVENTS));

        consumer.awaitSequence(WARM_UP + AllocationWindows.WINDOWS * AllocationWindows.WINDOW_EVENTS - 1);
        consumer.stop();

        AllocationWindows.assertSteadyStateAllocatesNothing("producer", producerWindows);
        AllocationWindows.assertSteadyStateAllocatesNothing("consumer", handler.boundaries.windows());
    }

    /** Mixes every write form: offer, tryOffer (offer when full), and a claim of two records with every field type. */
    private static void produce(RecordProducer producer, long records) throws InterruptedException {
        Records flat = producer.records();
        long produced = 0;
        while (produced < records) {
            switch ((int) (produced & 3)) {
                case 0:
                    producer.offer(produced);
                    produced++;
                    break;
                case 1: {
                    Claim<Records> claim = producer.handle().claim(2);
                    for (long s = claim.firstSequence(); s <= claim.lastSequence(); s++) {
                        flat.putLong(s, 0, s).putInt(s, 8, 1).putDouble(s, 16, 2.0).putBytes(s, 24, TAG, 0, TAG.length);
                    }
                    claim.commit();
                    produced += 2;
                    break;
                }
                case 3:
                    if (!producer.tryOffer(produced)) {
                        producer.offer(produced);
                    }
                    produced++;
                    break;
                default:
                    throw new AssertionError(produced);
            }
        }
    }
}
