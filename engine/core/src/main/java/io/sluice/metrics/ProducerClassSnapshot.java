package io.sluice.metrics;

/**
 * A producer class's figures at one moment, copied into an object the caller owns and reuses:
 * {@code RingBuffer.snapshot(ProducerClass, ProducerClassSnapshot)} fills it without
 * allocating. It holds every {@link ClassFigure} (the class's reserve, its slots in flight, its
 * open handles) and every {@link ProducerCounter} combined over the class's
 * handles, open and closed.
 *
 * <p>Not thread-safe: one thread fills and reads a snapshot.
 */
public final class ProducerClassSnapshot extends ProducerCounterValues {
    private String name = "";
    private String ring = "";
    private final long[] figures = new long[ClassFigure.COUNT];

    /** Creates an empty snapshot to fill. */
    public ProducerClassSnapshot() {
    }

    /**
     * Names the class and its ring and clears its producer counters, for the filler to set
     * ({@link #set}, {@link #combineCounter}).
     *
     * @param name the class's name
     * @param ring its ring's name
     */
    public void fill(String name, String ring) {
        this.name = java.util.Objects.requireNonNull(name, "name");
        this.ring = java.util.Objects.requireNonNull(ring, "ring");
        clearCounters();
    }

    /**
     * Sets one class figure.
     *
     * @param figure the figure
     * @param value its value
     */
    public void set(ClassFigure figure, long value) {
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
