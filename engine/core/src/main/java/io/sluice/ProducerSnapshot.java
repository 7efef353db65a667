package io.sluice;

/**
 * A producer's counters at one moment, copied into an object the caller owns and reuses:
 * {@link Producer#snapshot(ProducerSnapshot)} fills it without allocating. Each counter is read
 * once; counters of a producer that is claiming meanwhile may be from slightly different moments.
 *
 * <p>Not thread-safe: one thread fills and reads a snapshot.
 */
public final class ProducerSnapshot extends ProducerCounterValues {
    String name = "";
    String policy = "";

    /** Creates an empty snapshot to fill. */
    public ProducerSnapshot() {
    }

    void fill(String name, String policy, ProducerCounters source) {
        this.name = name;
        this.policy = policy;
        for (int i = 0; i < counters.length; i++) {
            counters[i] = source.get(i);
        }
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
