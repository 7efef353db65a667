package io.sluice;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** Periodic JFR event: one per live ring per period (1 s by default), carrying its counters. */
@Name("io.sluice.RingStatistics")
@Label("Ring Statistics")
@Category({"Sluice", "Backpressure"})
@Description("A ring's capacity, occupancy and producer counters")
@Period("1 s")
@StackTrace(false)
final class RingStatisticsEvent extends Event {
    @Label("Ring")
    String ring;

    @Label("Capacity")
    int capacity;

    @Label("Remaining Capacity")
    long remainingCapacity;

    @Label("Cursor")
    long cursor;

    @Label("Slowest Consumer")
    long minimumGatingSequence;

    @Label("Claims")
    long claims;

    @Label("Stalls")
    long stalls;

    @Label("Stall Time")
    @Timespan(Timespan.NANOSECONDS)
    long stallTime;

    @Label("Longest Stall")
    @Timespan(Timespan.NANOSECONDS)
    long maxStall;

    @Label("Timeouts")
    long timeouts;

    @Label("Drops")
    long drops;

    @Label("Rejections")
    long rejections;

    @Label("Rate-Limited Waits")
    long rateLimitedWaits;
}
