package io.sluice.record;

import java.nio.file.Path;

/**
 * The consumer process of {@link TwoProcessRecordRingTest}: opens a mapped record ring, reads the
 * first long of each record up to sequence {@code last}, checking each holds its own sequence, and
 * prints {@code done <count> <first> <sum> <ok|out of order at N>}. With a {@code stopAfter}, it
 * reads that many, prints {@code stopped <position>} and then hangs, beating no more, until
 * killed.
 *
 * <p>Usage: {@code RecordRingReaderProcess <file> <last> [stopAfter]}
 */
public final class RecordRingReaderProcess {
    private RecordRingReaderProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long last = Long.parseLong(args[1]);
        long stopAfter = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        MappedRecordRing ring = MappedRecordRing.open(file, 8);
        MappedRecordRing.Reader reader = ring.reader();
        long first = reader.nextSequence();
        long[] count = {0};
        long[] sum = {0};
        long[] outOfOrder = {-1};
        while (reader.nextSequence() <= last && count[0] < stopAfter) {
            int limit = (int) Math.min(Integer.MAX_VALUE, stopAfter - count[0]);
            int read = reader.poll((records, sequence, endOfBatch) -> {
                long value = records.getLong(sequence, 0);
                if (value != sequence && outOfOrder[0] < 0) {
                    outOfOrder[0] = sequence;
                }
                sum[0] += value;
                count[0]++;
                return true;
            }, limit);
            if (read == 0) {
                Thread.onSpinWait();
            }
        }
        if (count[0] >= stopAfter) {
            System.out.println("stopped " + ring.consumerPosition());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // no more polls, no more beats: a consumer that hangs, until killed
        }
        System.out.println("done " + count[0] + " " + first + " " + sum[0] + " "
                + (outOfOrder[0] < 0 ? "ok" : "out of order at " + outOfOrder[0]));
    }
}
