package io.sluice;

/**
 * A producer's counters at one moment, copied into an object the caller owns and reuses:
 * {@link Producer#snapshot(ProducerSnapshot)} fills it without allocating. Each counter is read
 * once; counters of a producer that is claiming meanwhile may be from slightly different moments.
 *
 * <p>Not thread-safe: one thread fills and reads a snapshot.
 */
public final class ProducerSnapshot {
    String name = "";
    String policy = "";
    long claims;
    long stalls;
    long stallNanos;
    long maxStallNanos;
    long timeouts;
    long drops;
    long rejections;
    long rateLimitedWaits;
    long rateLimitedNanos;

    /** Creates an empty snapshot to fill. */
    public ProducerSnapshot() {
    }

    void fill(String name, String policy, ProducerCounters counters) {
        this.name = name;
        this.policy = policy;
        this.claims = counters.get(ProducerCounters.CLAIMS);
        this.stalls = counters.get(ProducerCounters.STALLS);
        this.stallNanos = counters.get(ProducerCounters.STALL_NANOS);
        this.maxStallNanos = counters.get(ProducerCounters.MAX_STALL_NANOS);
        this.timeouts = counters.get(ProducerCounters.TIMEOUTS);
        this.drops = counters.get(ProducerCounters.DROPS);
        this.rejections = counters.get(ProducerCounters.REJECTIONS);
        this.rateLimitedWaits = counters.get(ProducerCounters.RATE_LIMITED_WAITS);
        this.rateLimitedNanos = counters.get(ProducerCounters.RATE_LIMITED_NANOS);
    }

    /** {@return the producer's name} */
    public String name() {
        return name;
    }

    /** {@return the producer's policy, as text} */
    public String policy() {
        return policy;
    }

    /** {@return sequences this producer claimed} */
    public long claims() {
        return claims;
    }

    /** {@return claims that found too little capacity and waited (including those that then timed out)} */
    public long stalls() {
        return stalls;
    }

    /** {@return nanoseconds spent stalled, in total} */
    public long stallNanos() {
        return stallNanos;
    }

    /** {@return the longest single stall, in nanoseconds} */
    public long maxStallNanos() {
        return maxStallNanos;
    }

    /** {@return claims that gave up at their deadline} */
    public long timeouts() {
        return timeouts;
    }

    /** {@return events shed: sequences a shedding claim did not get} */
    public long drops() {
        return drops;
    }

    /** {@return {@code try} claims that failed for want of capacity} */
    public long rejections() {
        return rejections;
    }

    /** {@return claims that waited for a rate-limiter permit} */
    public long rateLimitedWaits() {
        return rateLimitedWaits;
    }

    /** {@return nanoseconds spent waiting for permits, in total} */
    public long rateLimitedNanos() {
        return rateLimitedNanos;
    }

    @Override
    public String toString() {
        return "producer " + name + " [" + policy + "]: claims=" + claims + " stalls=" + stalls
                + " stallTime=" + stallNanos / 1000 + "us maxStall=" + maxStallNanos / 1000 + "us timeouts="
                + timeouts + " drops=" + drops + " rejections=" + rejections + " rateLimitedWaits="
                + rateLimitedWaits + " rateLimitedTime=" + rateLimitedNanos / 1000 + "us";
    }
}
