/**
 * Sluice core: pre-allocated rings, single- and multi-producer sequencers, sequence barriers,
 * backpressure policies and rate limiting ({@code io.sluice.backpressure}), wait strategies ({@code io.sluice.wait}), consumers
 * ({@code io.sluice.consumer}), pipelines ({@code io.sluice.pipeline}), the counter catalogue ({@code io.sluice.metrics})
 * {@link java.util.concurrent.Flow} adapters ({@code io.sluice.flow}), record rings ({@code io.sluice.record})
 * and a {@link java.util.concurrent.BlockingQueue} on a ring ({@code io.sluice.queue}). No dependency beyond the JDK: JFR is part of it.
 * Integrations that need a library live in their own modules, which require this one: Agrona
 * ({@code io.sluice.agrona}) and Aeron ({@code io.sluice.aeron}).
 */
module io.sluice {
    requires jdk.jfr;

    exports io.sluice;
    exports io.sluice.backpressure;
    exports io.sluice.wait;
    exports io.sluice.metrics;
    exports io.sluice.consumer;
    exports io.sluice.pipeline;
    exports io.sluice.flow;
    exports io.sluice.record;
    exports io.sluice.queue;
    // Not exported: io.sluice.access (VarHandle lookups), io.sluice.signal (the counted monitor),
    // io.sluice.jfr (JFR events and the registry of rings that report statistics).
}
