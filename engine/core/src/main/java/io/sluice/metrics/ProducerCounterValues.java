package io.sluice.metrics;

import java.util.Arrays;

/**
 * The {@link ProducerCounter} values of a snapshot: one producer's ({@link ProducerSnapshot}), or
 * those of all of a ring's producers combined ({@link RingSnapshot}). Each named getter reads one
 * counter of the catalogue; {@link #get(ProducerCounter)} reads any. The rings and producer
 * handles fill them through the public setters, which are also how a producer of your own can
 * report in the same shape.
 *
 * <p>Not thread-safe: one thread fills and reads a snapshot.
 */
public abstract sealed class ProducerCounterValues permits ProducerSnapshot, RingSnapshot, ProducerClassSnapshot {
    final long[] counters = new long[ProducerCounter.COUNT];

    ProducerCounterValues() {
    }

    /**
     * Reads one producer counter of the catalogue.
     *
     * @param counter the counter
     * @return its value when the snapshot was filled
     */
    public long get(ProducerCounter counter) {
        return counters[counter.index()];
    }

    /** {@return sequences claimed (on a ring: every claim made on it, {@code cursor + 1})} */
    public long claims() {
        return get(ProducerCounter.CLAIMS);
    }

    /** {@return claims that found too little capacity and waited (including those that then timed out)} */
    public long stalls() {
        return get(ProducerCounter.STALLS);
    }

    /** {@return nanoseconds spent stalled, in total} */
    public long stallNanos() {
        return get(ProducerCounter.STALL_NANOS);
    }

    /** {@return the longest single stall, in nanoseconds} */
    public long maxStallNanos() {
        return get(ProducerCounter.MAX_STALL_NANOS);
    }

    /** {@return claims that gave up at their deadline} */
    public long timeouts() {
        return get(ProducerCounter.TIMEOUTS);
    }

    /** {@return events shed: sequences a shedding claim did not get} */
    public long drops() {
        return get(ProducerCounter.DROPS);
    }

    /** {@return {@code try} claims that failed for want of capacity} */
    public long rejections() {
        return get(ProducerCounter.REJECTIONS);
    }

    /** {@return claims that waited for a rate-limiter permit} */
    public long rateLimitedWaits() {
        return get(ProducerCounter.RATE_LIMITED_WAITS);
    }

    /** {@return nanoseconds spent waiting for permits, in total} */
    public long rateLimitedNanos() {
        return get(ProducerCounter.RATE_LIMITED_NANOS);
    }

    /** {@return claims that the reserves of other producer classes held back (0 on a ring without classes)} */
    public long overShare() {
        return get(ProducerCounter.OVER_SHARE);
    }

    /** Sets every producer counter to 0. */
    public void clearCounters() {
        Arrays.fill(counters, 0);
    }

    /**
     * Sets one producer counter.
     *
     * @param counter the counter
     * @param value its value
     */
    public void setCounter(ProducerCounter counter, long value) {
        counters[counter.index()] = value;
    }

    /**
     * Combines one producer's value of a counter into this one, as its catalogue entry says
     * (summed, or the maximum kept).
     *
     * @param counter the counter
     * @param value one producer's value of it
     */
    public void combineCounter(ProducerCounter counter, long value) {
        int i = counter.index();
        counters[i] = counter.aggregation().combine(counters[i], value);
    }

    /** Appends {@code " key=value"} for every producer counter, in catalogue order. */
    void appendCounters(StringBuilder text) {
        for (int i = 0; i < counters.length; i++) {
            ProducerCounter counter = ProducerCounter.ALL.get(i);
            text.append(' ').append(counter.key()).append('=').append(counter.format(counters[i]));
        }
    }
}
