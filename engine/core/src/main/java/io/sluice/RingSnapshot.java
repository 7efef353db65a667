package io.sluice;

/**
 * A ring's figures at one moment, copied into an object the caller owns and reuses:
 * {@link RingBuffer#snapshot(RingSnapshot)} fills it without allocating. Producer counters are
 * summed over the ring's own claims, every open producer handle, and every closed one.
 *
 * <p>Not thread-safe: one thread fills and reads a snapshot.
 */
public final class RingSnapshot {
    String name = "";
    int capacity;
    long remainingCapacity;
    long cursor;
    long minimumGatingSequence;
    int gatingSequences;
    int producers;
    boolean aboveHighWatermark;
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
    public RingSnapshot() {
    }

    void addProducer(ProducerCounters counters) {
        stalls += counters.get(ProducerCounters.STALLS);
        stallNanos += counters.get(ProducerCounters.STALL_NANOS);
        maxStallNanos = Math.max(maxStallNanos, counters.get(ProducerCounters.MAX_STALL_NANOS));
        timeouts += counters.get(ProducerCounters.TIMEOUTS);
        drops += counters.get(ProducerCounters.DROPS);
        rejections += counters.get(ProducerCounters.REJECTIONS);
        rateLimitedWaits += counters.get(ProducerCounters.RATE_LIMITED_WAITS);
        rateLimitedNanos += counters.get(ProducerCounters.RATE_LIMITED_NANOS);
    }

    void clearCounters() {
        stalls = 0;
        stallNanos = 0;
        maxStallNanos = 0;
        timeouts = 0;
        drops = 0;
        rejections = 0;
        rateLimitedWaits = 0;
        rateLimitedNanos = 0;
    }

    /** {@return the ring's name} */
    public String name() {
        return name;
    }

    /** {@return the number of slots} */
    public int capacity() {
        return capacity;
    }

    /** {@return free slots, from 0 to capacity} */
    public long remainingCapacity() {
        return remainingCapacity;
    }

    /** {@return capacity minus remaining capacity: claimed but not yet consumed by the slowest gating consumer} */
    public long occupancy() {
        return capacity - remainingCapacity;
    }

    /** {@return the highest claimed sequence} */
    public long cursor() {
        return cursor;
    }

    /** {@return the slowest gating consumer's sequence} */
    public long minimumGatingSequence() {
        return minimumGatingSequence;
    }

    /** {@return how many sequences gate producers} */
    public int gatingSequences() {
        return gatingSequences;
    }

    /** {@return open producer handles} */
    public int producers() {
        return producers;
    }

    /** {@return whether occupancy last crossed the high watermark rather than the low one} */
    public boolean aboveHighWatermark() {
        return aboveHighWatermark;
    }

    /** {@return sequences claimed on the ring, by anyone: {@code cursor + 1}} */
    public long claims() {
        return claims;
    }

    /** {@return claims that waited for capacity} */
    public long stalls() {
        return stalls;
    }

    /** {@return nanoseconds producers spent stalled, in total} */
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

    /** {@return events shed by shedding producers} */
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
        return "ring " + name + ": capacity=" + capacity + " remaining=" + remainingCapacity + " cursor=" + cursor
                + " slowestConsumer=" + minimumGatingSequence + " gating=" + gatingSequences + " producers=" + producers
                + (aboveHighWatermark ? " ABOVE-HIGH-WATERMARK" : "") + " claims=" + claims + " stalls=" + stalls
                + " stallTime=" + stallNanos / 1000 + "us maxStall=" + maxStallNanos / 1000 + "us timeouts=" + timeouts
                + " drops=" + drops + " rejections=" + rejections + " rateLimitedWaits=" + rateLimitedWaits
                + " rateLimitedTime=" + rateLimitedNanos / 1000 + "us";
    }
}
