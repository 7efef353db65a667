package io.sluice.metrics;

import java.util.Arrays;

/**
 * A ring's figures at one moment, copied into an object the caller owns and reuses:
 * {@code RingBuffer.snapshot(RingSnapshot)} fills it without allocating. It holds every
 * {@link RingFigure}, and every {@link ProducerCounter} combined (summed, or the maximum, as the
 * catalogue says) over the ring's own claims, every open producer handle, and every closed one;
 * the ring's {@link ProducerCounter#CLAIMS} is every claim made on it, {@code cursor + 1}.
 *
 * <p>Not thread-safe: one thread fills and reads a snapshot.
 */
public final class RingSnapshot extends ProducerCounterValues {
    private String name = "";
    private boolean aboveHighWatermark;
    private final long[] figures = new long[RingFigure.COUNT];

    /** Creates an empty snapshot to fill. */
    public RingSnapshot() {
    }

    /**
     * Names the ring, says whether its high watermark was last reported, and clears its producer
     * counters, for the filler to set ({@link #set}, {@link #combineCounter}).
     *
     * @param name the ring's name
     * @param aboveHighWatermark whether HIGH was the ring's last watermark report
     */
    public void fill(String name, boolean aboveHighWatermark) {
        this.name = java.util.Objects.requireNonNull(name, "name");
        this.aboveHighWatermark = aboveHighWatermark;
        clearCounters();
    }

    /**
     * Sets one ring figure.
     *
     * @param figure the figure
     * @param value its value
     */
    public void set(RingFigure figure, long value) {
        figures[figure.index()] = value;
    }

    /**
     * Reads one ring figure of the catalogue.
     *
     * @param figure the figure
     * @return its value when the snapshot was filled
     */
    public long get(RingFigure figure) {
        return figures[figure.index()];
    }

    /** {@return the ring's name} */
    public String name() {
        return name;
    }

    /** {@return the number of slots} */
    public int capacity() {
        return (int) get(RingFigure.CAPACITY);
    }

    /** {@return free slots, from 0 to capacity} */
    public long remainingCapacity() {
        return get(RingFigure.REMAINING_CAPACITY);
    }

    /** {@return capacity minus remaining capacity: claimed but not yet consumed by the slowest gating consumer} */
    public long occupancy() {
        return get(RingFigure.CAPACITY) - get(RingFigure.REMAINING_CAPACITY);
    }

    /** {@return the highest claimed sequence} */
    public long cursor() {
        return get(RingFigure.CURSOR);
    }

    /** {@return the slowest gating consumer's sequence} */
    public long minimumGatingSequence() {
        return get(RingFigure.SLOWEST_CONSUMER);
    }

    /** {@return how many sequences gate producers} */
    public int gatingSequences() {
        return (int) get(RingFigure.GATING_SEQUENCES);
    }

    /** {@return open producer handles} */
    public int producers() {
        return (int) get(RingFigure.PRODUCERS);
    }

    /** {@return whether occupancy last crossed the high watermark rather than the low one} */
    public boolean aboveHighWatermark() {
        return aboveHighWatermark;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ring ").append(name).append(':');
        for (int i = 0; i < figures.length; i++) {
            RingFigure figure = RingFigure.ALL.get(i);
            text.append(' ').append(figure.key()).append('=').append(figure.format(figures[i]));
        }
        if (aboveHighWatermark) {
            text.append(" ABOVE-HIGH-WATERMARK");
        }
        appendCounters(text);
        return text.toString();
    }
}
