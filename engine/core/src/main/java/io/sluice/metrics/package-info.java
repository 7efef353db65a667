/**
 * The counter catalogue: every figure Sluice reports about a ring ({@link io.sluice.metrics.RingFigure}),
 * a producer ({@link io.sluice.metrics.ProducerCounter}), a producer class
 * ({@link io.sluice.metrics.ClassFigure}) or a consumer
 * ({@link io.sluice.metrics.ConsumerFigure}), declared once with its names, unit and aggregation.
 * Snapshots, the JFR statistics event and the Agrona counters export all iterate it.
 */
package io.sluice.metrics;
