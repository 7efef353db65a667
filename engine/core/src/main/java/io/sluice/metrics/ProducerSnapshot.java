package io.sluice.metrics;

/**
 * A producer's counters at one moment, copied into an object the caller owns and reuses:
 * {@code Producer.snapshot(ProducerSnapshot)} fills it without allocating. Each counter is read
 * once; counters of a producer that is claiming meanwhile may be from slightly different moments.
 *
 * <p>Not thread-safe: one thread fills and reads a snapshot.
 */
public final class ProducerSnapshot extends ProducerCounterValues {
    private String name = "";
    private String policy = "";

    /** Creates an empty snapshot to fill. */
    public ProducerSnapshot() {
    }

    /**
     * Names the producer and clears its counters, for the filler to set
     * ({@link #setCounter}).
     *
     * @param name the producer's name
     * @param policy its policy, as text
     */
    public void fill(String name, String policy) {
        this.name = java.util.Objects.requireNonNull(name, "name");
        this.policy = java.util.Objects.requireNonNull(policy, "policy");
        clearCounters();
    }

    /** {@return the producer's name} */
    public String name() {
        return name;
    }

    /** {@return the producer's policy, as text} */
    public String policy() {
        return policy;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("producer ").append(name).append(" [").append(policy).append("]:");
        appendCounters(text);
        return text.toString();
    }
}
