package io.sluice.backpressure;

/**
 * One control window as a {@link RateControl} sees it: the rate that was in force, and what the
 * ring's producers and consumers did under it. Derived figures follow from the measured ones:
 * the consumers' throughput, and (by Little's law) how long an event now waits in the ring.
 *
 * <p>A flyweight: the limiter refills one instance per window and hands it to its control, on
 * the thread running the control step. Do not keep it past {@link RateControl#nextRate}.
 */
public final class FlowWindow {
    long rate;
    long minRate;
    long maxRate;
    long windowNanos;
    long capacity;
    long occupancy;
    long consumed;
    long admitted;
    /** The consumers' throughput as the limiter judges it, events per second; see {@link #consumerRate()}. */
    double consumerRate;

    FlowWindow() {
    }

    /** {@return the rate in force during the window, permits per second} */
    public long rate() {
        return rate;
    }

    /** {@return the lowest rate the limiter may set} */
    public long minRate() {
        return minRate;
    }

    /** {@return the highest rate the limiter may set} */
    public long maxRate() {
        return maxRate;
    }

    /** {@return how long the window lasted, nanoseconds} */
    public long windowNanos() {
        return windowNanos;
    }

    /** {@return the ring's capacity} */
    public long capacity() {
        return capacity;
    }

    /** {@return events claimed and not yet consumed by the slowest consumer, at the window's end} */
    public long occupancy() {
        return occupancy;
    }

    /** {@return events the slowest consumer finished during the window} */
    public long consumed() {
        return consumed;
    }

    /** {@return events producers claimed during the window} */
    public long admitted() {
        return admitted;
    }

    /** {@return occupancy as a share of capacity, 0 to 1} */
    public double fill() {
        return capacity == 0 ? 0 : (double) occupancy / capacity;
    }

    /** {@return the slowest consumer's throughput over this window alone, events per second} */
    public double windowConsumerRate() {
        return windowNanos == 0 ? 0 : consumed * 1e9 / windowNanos;
    }

    /**
     * {@return the slowest consumer's throughput, events per second: measured from one visible
     * advance of its position to the next, the median of the last three such spans} A batch
     * processor publishes its position once per batch: a window inside a batch, or one in which
     * the consumer was off its core, shows no progress without the consumer having stopped, and
     * one span that took in time off its core does not move the median. While events wait and no
     * advance has shown for a time T, it is at most the events waiting over T, since a batch in
     * progress holds no more than were waiting when it began.
     */
    public double consumerRate() {
        return consumerRate;
    }

    /**
     * {@return how long an event entering the ring now would wait behind the ones already in
     * it, at the consumers' {@linkplain #consumerRate() throughput} (Little's law), nanoseconds;
     * {@code Long.MAX_VALUE} when events wait and the consumers' throughput is zero}
     */
    public long queueingDelayNanos() {
        if (occupancy == 0) {
            return 0;
        }
        if (!(consumerRate > 0)) {
            return Long.MAX_VALUE;
        }
        return (long) Math.min(Long.MAX_VALUE, occupancy * 1e9 / consumerRate);
    }

    @Override
    public String toString() {
        return "FlowWindow{rate=" + rate + ", windowNanos=" + windowNanos + ", occupancy=" + occupancy + "/" + capacity
                + ", consumed=" + consumed + ", admitted=" + admitted + ", consumerRate=" + consumerRate + "}";
    }
}
