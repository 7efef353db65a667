package io.sluice.consumer;

import io.sluice.metrics.ConsumerFigure;

import java.util.Arrays;

/**
 * A consumer's progress at one moment, copied into an object the caller owns and reuses:
 * {@link BatchEventProcessor#snapshot} and {@link EventPoller#snapshot} fill it without allocating.
 *
 * <p>Not thread-safe: one thread fills and reads a snapshot.
 */
public final class ConsumerSnapshot {
    String name = "";
    boolean running;
    private final long[] values = new long[ConsumerFigure.COUNT];

    /** Creates an empty snapshot to fill. */
    public ConsumerSnapshot() {
    }

    /**
     * Sets the snapshot's name, state and first three figures, and clears the rest: how each
     * consumer fills a snapshot, and how a consumer of your own can report in the same shape.
     *
     * @param name what the consumer runs
     * @param sequence the last sequence it finished
     * @param processed events it has handled or dropped
     * @param cursor the ring's cursor, to derive the lag from
     * @param running whether it runs
     */
    public void fill(String name, long sequence, long processed, long cursor, boolean running) {
        this.name = name;
        this.running = running;
        Arrays.fill(values, 0);
        set(ConsumerFigure.SEQUENCE, sequence);
        set(ConsumerFigure.PROCESSED, processed);
        set(ConsumerFigure.LAG, Math.max(0, cursor - sequence));
    }

    /**
     * Sets one figure.
     *
     * @param figure the figure
     * @param value its value
     */
    public void set(ConsumerFigure figure, long value) {
        values[figure.index()] = value;
    }

    /**
     * Reads one consumer figure of the catalogue.
     *
     * @param figure the figure
     * @return its value when the snapshot was filled
     */
    public long get(ConsumerFigure figure) {
        return values[figure.index()];
    }

    /** {@return what the consumer runs, as text} */
    public String name() {
        return name;
    }

    /** {@return the last sequence it finished} */
    public long sequence() {
        return get(ConsumerFigure.SEQUENCE);
    }

    /** {@return events it has handled since it first started} */
    public long processed() {
        return get(ConsumerFigure.PROCESSED);
    }

    /** {@return how far it is behind the ring's cursor (claimed sequences it has not finished)} */
    public long lag() {
        return get(ConsumerFigure.LAG);
    }

    /** {@return how many times its handler threw, retries included} */
    public long failures() {
        return get(ConsumerFigure.FAILURES);
    }

    /** {@return events it passed without handling them: skipped after a failure, or bypassed} */
    public long dropped() {
        return get(ConsumerFigure.DROPPED);
    }

    /** {@return whether it is running (a poller counts as running)} */
    public boolean running() {
        return running;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("consumer ").append(name).append(':');
        for (int i = 0; i < values.length; i++) {
            ConsumerFigure figure = ConsumerFigure.ALL.get(i);
            text.append(' ').append(figure.key()).append('=').append(figure.format(values[i]));
        }
        return text.append(running ? "" : " (stopped)").toString();
    }
}
