package io.sluice.examples.telemetry;

import io.sluice.agrona.CountersExport;
import io.sluice.agrona.CountersFile;

import java.io.PrintStream;
import java.nio.file.Path;

/** A counters file and its export, for {@code --counters FILE}: what {@code SluiceStat} reads from another process. */
record LiveCounters(CountersFile file, CountersExport export) implements AutoCloseable {
    /**
     * @param path the file, or null for none
     * @param maxCounters room for this many counters
     * @param out where to say how to read them
     * @return the counters, or null if {@code path} is null
     */
    static LiveCounters of(Path path, int maxCounters, PrintStream out) {
        if (path == null) {
            return null;
        }
        CountersFile file = CountersFile.create(path, maxCounters);
        out.println("live counters in " + path + "; read them with:");
        out.println("  ./mvnw -q -pl engine/agrona -am compile exec:java@sluice-stat -Dexec.args=" + path);
        return new LiveCounters(file, new CountersExport(file.manager()));
    }

    @Override
    public void close() {
        export.close();
        file.close();
    }
}
