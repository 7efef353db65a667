package io.sluice.metrics;

import java.util.List;

/**
 * The counter catalogue's consumer figures: a consumer's or a pipeline stage's progress at one
 * moment. A {@code ConsumerSnapshot} holds one value per constant.
 *
 * <p>To add a figure: add a constant here and set it where the consumer fills its snapshot; the
 * snapshot's text and the counters export pick it up from here.
 */
public enum ConsumerFigure implements Figure {
    /** The last sequence it finished. */
    SEQUENCE("sequence", "sequence", "Sequence", FigureUnit.SEQUENCE, Aggregation.NONE,
            "the last sequence it finished"),
    /** Events it has processed. */
    PROCESSED("processed", "processed", "Processed", FigureUnit.COUNT, Aggregation.SUM,
            "sequences it has finished since it first started: handled, dropped, or passed over as aborted"),
    /** How far it is behind the cursor. */
    LAG("lag", "lag", "Lag", FigureUnit.COUNT, Aggregation.NONE,
            "claimed sequences it has not finished: how far it is behind the cursor"),
    /** Handler failures. */
    FAILURES("failures", "failures", "Failures", FigureUnit.COUNT, Aggregation.SUM,
            "how many times its handler threw, retries included"),
    /** Events passed without handling. */
    DROPPED("dropped", "dropped", "Dropped", FigureUnit.COUNT, Aggregation.SUM,
            "events it passed without handling them: skipped after a failure, bypassed, or shed by a chained ring");

    /** Every consumer figure, in index order; an unmodifiable list, read by index without allocating. */
    public static final List<ConsumerFigure> ALL = List.of(values());
    /** How many consumer figures there are. */
    public static final int COUNT = ALL.size();

    private final FigureDescriptor descriptor;

    ConsumerFigure(String key, String label, String title, FigureUnit unit, Aggregation aggregation, String description) {
        this.descriptor = new FigureDescriptor(key, label, title, unit, aggregation, description);
    }

    @Override
    public FigureDescriptor descriptor() {
        return descriptor;
    }
}
