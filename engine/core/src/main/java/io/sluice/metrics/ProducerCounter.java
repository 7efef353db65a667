package io.sluice.metrics;

import java.util.List;

/**
 * The counter catalogue's producer counters: what every producer handle, and the ring's own
 * producer, counts. A {@link ProducerSnapshot} holds one value per constant; a
 * {@link RingSnapshot} holds their sum (or maximum) over the ring's producers. The ring counts its
 * claims from its cursor, so its {@link #CLAIMS} is every claim made on it, by anyone.
 *
 * <p>To add a counter: add a constant here and count it where it happens
 * ({@code ProducerCounters.add}); snapshots, their text, the JFR statistics event and the
 * counters export pick it up from here.
 */
public enum ProducerCounter implements Figure {
    /** Sequences claimed. */
    CLAIMS("claims", "claims", "Claims", FigureUnit.COUNT, Aggregation.SUM, "sequences claimed"),
    /** Claims that waited for capacity. */
    STALLS("stalls", "stalls", "Stalls", FigureUnit.COUNT, Aggregation.SUM,
            "claims that found too little capacity and waited, including those that then timed out"),
    /** Time spent stalled. */
    STALL_NANOS("stallTime", "stall ns", "Stall Time", FigureUnit.NANOSECONDS, Aggregation.SUM,
            "time spent stalled, in total"),
    /** The longest stall. */
    MAX_STALL_NANOS("maxStall", "max stall ns", "Longest Stall", FigureUnit.NANOSECONDS, Aggregation.MAX,
            "the longest single stall"),
    /** Claims that gave up at their deadline. */
    TIMEOUTS("timeouts", "timeouts", "Timeouts", FigureUnit.COUNT, Aggregation.SUM,
            "claims that gave up at their deadline"),
    /** Events shed. */
    DROPS("drops", "drops", "Drops", FigureUnit.COUNT, Aggregation.SUM,
            "events shed: sequences a shedding claim did not get"),
    /** Failed {@code try} claims. */
    REJECTIONS("rejections", "rejections", "Rejections", FigureUnit.COUNT, Aggregation.SUM,
            "try claims that failed for want of capacity or of a rate-limiter permit"),
    /** Sequences withdrawn by {@code Claim.abort()}. */
    ABORTS("aborts", "aborts", "Aborts", FigureUnit.COUNT, Aggregation.SUM,
            "claimed sequences withdrawn by abort: never delivered to a consumer's handler"),
    /** Claims that waited for a rate-limiter permit. */
    RATE_LIMITED_WAITS("rateLimitedWaits", "rate-limited waits", "Rate-Limited Waits", FigureUnit.COUNT,
            Aggregation.SUM, "claims that waited for a rate-limiter permit"),
    /** Time spent waiting for permits. */
    RATE_LIMITED_NANOS("rateLimitedTime", "rate-limited ns", "Rate-Limited Time", FigureUnit.NANOSECONDS,
            Aggregation.SUM, "time spent waiting for rate-limiter permits, in total"),
    /** Claims that the reserves of other producer classes held back. */
    OVER_SHARE("overShare", "over share", "Over Share", FigureUnit.COUNT, Aggregation.SUM,
            "claims that found room in the ring but not outside the unused reserves of other producer classes,"
                    + " and went to their policy as if the ring were full; 0 on a ring without classes");

    /** Every producer counter, in index order; an unmodifiable list, read by index without allocating. */
    public static final List<ProducerCounter> ALL = List.of(values());
    /** How many producer counters there are. */
    public static final int COUNT = ALL.size();

    private final FigureDescriptor descriptor;

    ProducerCounter(String key, String label, String title, FigureUnit unit, Aggregation aggregation, String description) {
        this.descriptor = new FigureDescriptor(key, label, title, unit, aggregation, description);
    }

    @Override
    public FigureDescriptor descriptor() {
        return descriptor;
    }
}
