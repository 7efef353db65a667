package io.sluice.consumer;

/**
 * A consumer's progress at one moment, copied into an object the caller owns and reuses:
 * {@link BatchEventProcessor#snapshot} and {@link EventPoller#snapshot} fill it without allocating.
 *
 * <p>Not thread-safe: one thread fills and reads a snapshot.
 */
public final class ConsumerSnapshot {
    String name = "";
    long sequence;
    long processed;
    long lag;
    boolean running;
    long failures;
    long dropped;

    /** Creates an empty snapshot to fill. */
    public ConsumerSnapshot() {
    }

    void fill(String name, long sequence, long processed, long cursor, boolean running) {
        this.name = name;
        this.sequence = sequence;
        this.processed = processed;
        this.lag = Math.max(0, cursor - sequence);
        this.running = running;
        this.failures = 0;
        this.dropped = 0;
    }

    /** {@return what the consumer runs, as text} */
    public String name() {
        return name;
    }

    /** {@return the last sequence it finished} */
    public long sequence() {
        return sequence;
    }

    /** {@return events it has handled since it first started} */
    public long processed() {
        return processed;
    }

    /** {@return how far it is behind the ring's cursor (claimed sequences it has not finished)} */
    public long lag() {
        return lag;
    }

    /** {@return how many times its handler threw, retries included} */
    public long failures() {
        return failures;
    }

    /** {@return events it passed without handling them: skipped after a failure, or bypassed} */
    public long dropped() {
        return dropped;
    }

    /** {@return whether it is running (a poller counts as running)} */
    public boolean running() {
        return running;
    }

    @Override
    public String toString() {
        return "consumer " + name + ": sequence=" + sequence + " processed=" + processed + " lag=" + lag
                + (failures == 0 ? "" : " failures=" + failures) + (dropped == 0 ? "" : " dropped=" + dropped)
                + (running ? "" : " (stopped)");
    }
}
