package io.sluice.record;

import io.sluice.RingBufferBuilder;
import io.sluice.RingKind;

import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where a record ring's records live: every record-ring contract holds for each. */
public enum RecordStorageKind {
    HEAP,
    OFF_HEAP,
    MAPPED_FILE;

    /** A builder of a ring of {@code recordLength}-byte records held here. */
    public RingBufferBuilder<Records> builder(int recordLength) {
        switch (this) {
            case HEAP:
                return Records.onHeap(recordLength);
            case OFF_HEAP:
                return Records.offHeap(recordLength);
            default:
                try {
                    Path file = Files.createTempFile("sluice-records", ".ring");
                    file.toFile().deleteOnExit();
                    return Records.inMappedFile(file, recordLength);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
        }
    }

    /** Every ring kind crossed with every storage kind. */
    public static Stream<Arguments> withRingKinds() {
        List<Arguments> cases = new ArrayList<>();
        for (RingKind ring : RingKind.values()) {
            for (RecordStorageKind storage : values()) {
                cases.add(Arguments.of(ring, storage));
            }
        }
        return cases.stream();
    }
}
