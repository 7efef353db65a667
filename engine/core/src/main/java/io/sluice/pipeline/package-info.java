/**
 * Pipelines and their lifecycle: a {@link io.sluice.pipeline.Pipeline} turns handlers into a
 * graph of {@link io.sluice.pipeline.Stage stages} over one ring (chains, multicast, diamonds,
 * worker pools, pollers, chained rings), starts their threads, adds and removes stages while
 * running, and drains and stops without losing what was published
 * ({@link io.sluice.pipeline.StopResult}).
 */
package io.sluice.pipeline;
