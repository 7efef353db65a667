package io.sluice.aeron;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;

import java.util.Objects;

/**
 * A connection to an Aeron media driver: by default an embedded one, started by
 * {@link #embedded()} with one shared thread (what suits a small machine), its files in a fresh
 * directory removed on close; or an external driver already running, by its directory
 * ({@link #external}). Thread-safe, like {@link Aeron} itself.
 */
public final class AeronConnection implements AutoCloseable {
    private final MediaDriver driver;
    private final Aeron aeron;

    private AeronConnection(MediaDriver driver, Aeron aeron) {
        this.driver = driver;
        this.aeron = aeron;
    }

    /**
     * Starts an embedded media driver ({@code ThreadingMode.SHARED}) and connects to it.
     *
     * @return the connection; close it to stop the driver
     */
    public static AeronConnection embedded() {
        MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .threadingMode(ThreadingMode.SHARED)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
        try {
            return new AeronConnection(driver, Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())));
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    /**
     * Connects to a media driver that runs outside this process.
     *
     * @param aeronDirectory the driver's directory ({@code aeron.dir})
     * @return the connection; closing it leaves the driver running
     */
    public static AeronConnection external(String aeronDirectory) {
        Objects.requireNonNull(aeronDirectory, "aeronDirectory");
        return new AeronConnection(null, Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory)));
    }

    /** {@return the Aeron client} */
    public Aeron aeron() {
        return aeron;
    }

    /**
     * Adds an exclusive publication.
     *
     * @param channel for example {@code aeron:ipc} or {@code aeron:udp?endpoint=127.0.0.1:40123}
     * @param streamId the stream
     * @return a new exclusive publication
     */
    public Publication publication(String channel, int streamId) {
        return aeron.addExclusivePublication(channel, streamId);
    }

    /**
     * Adds a subscription.
     *
     * @param channel the channel the publisher sends on
     * @param streamId the stream
     * @return a new subscription
     */
    public Subscription subscription(String channel, int streamId) {
        return aeron.addSubscription(channel, streamId);
    }

    @Override
    public void close() {
        aeron.close();
        if (driver != null) {
            driver.close();
        }
    }
}
