package io.sluice;

import io.sluice.metrics.ClassFigure;

/**
 * A producer class's figures at one moment, copied into an object the caller owns and reuses:
 * {@link RingBuffer#snapshot(ProducerClass, ProducerClassSnapshot)} fills it without
 * allocating. It holds every {@link ClassFigure} (the class's reserve, its slots in flight, its
 * open handles) and every {@link io.sluice.metrics.ProducerCounter} combined over the class's
 * handles, open and closed.
 *
 * <p>Not thread-safe: one thread fills and reads a snapshot.
 */
public final class ProducerClassSnapshot extends ProducerCounterValues {
    String name = "";
    String ring = "";
    private final long[] figures = new long[ClassFigure.COUNT];

    /** Creates an empty snapshot to fill. */
    public ProducerClassSnapshot() {
    }

    void set(ClassFigure figure, long value) {
        figures[figure.index()] = value;
    }

    /**
     * Reads one class figure of the catalogue.
     *
     * @param figure the figure
     * @return its value when the snapshot was filled
     */
    public long get(ClassFigure figure) {
        return figures[figure.index()];
    }

    /** {@return the class's name} */
    public String name() {
        return name;
    }

    /** {@return the name of the class's ring} */
    public String ring() {
        return ring;
    }

    /** {@return slots kept for the class} */
    public long reservedSlots() {
        return get(ClassFigure.SHARE);
    }

    /** {@return slots the class claimed that the slowest consumer has not passed (exact below the reserve)} */
    public long inFlight() {
        return get(ClassFigure.IN_FLIGHT);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("class ").append(name).append(" of ring ").append(ring).append(':');
        for (int i = 0; i < figures.length; i++) {
            ClassFigure figure = ClassFigure.ALL.get(i);
            text.append(' ').append(figure.key()).append('=').append(figure.format(figures[i]));
        }
        appendCounters(text);
        return text.toString();
    }
}
