package io.sluice.agrona;

import java.nio.file.Path;

/**
 * A counters file is not there to read yet: it does not exist, or its writer is still creating
 * it (the header's magic, written last, is not set). Not an error in the file: try again, or let
 * {@link CountersFile#open(Path, java.time.Duration)} wait for it. A file that is there and
 * complete but is not a Sluice counters file gets an {@link IllegalArgumentException} instead.
 */
public final class CountersFileNotReadyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The file that is not ready. */
    private final transient Path path;

    CountersFileNotReadyException(Path path, String message) {
        super(message + ": " + path);
        this.path = path;
    }

    /** {@return the file that is not ready} */
    public Path path() {
        return path;
    }
}
