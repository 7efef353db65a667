package io.sluice.record;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The producer process of {@link TwoProcessRecordRingTest}: opens a mapped record ring, publishes
 * records holding their own sequences up to sequence {@code last}, prints {@code stopped <cursor>}
 * and hangs until killed, still holding the file's producer lock.
 *
 * <p>Usage: {@code RecordRingWriterProcess <file> <last>}
 */
public final class RecordRingWriterProcess {
    private RecordRingWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        MappedRecordRing ring = MappedRecordRing.open(Path.of(args[0]), 8);
        RecordProducer producer = new RecordProducer(ring.producer(Duration.ofSeconds(60)).build(), "writer");
        long last = Long.parseLong(args[1]);
        for (long s = ring.cursor() + 1; s <= last; s++) {
            producer.offer(s);
        }
        System.out.println("stopped " + ring.cursor());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // killed here, mid-life, lock held
    }
}
