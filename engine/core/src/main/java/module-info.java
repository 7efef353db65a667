/**
 * Sluice core: pre-allocated rings, single- and multi-producer sequencers, sequence barriers,
 * backpressure policies and rate limiting ({@code io.sluice.backpressure}), wait strategies ({@code io.sluice.wait}), consumers
 * ({@code io.sluice.consumer}), pipelines ({@code io.sluice.pipeline}), the counter catalogue ({@code io.sluice.metrics})
 * {@link java.util.concurrent.Flow} adapters ({@code io.sluice.flow}), record rings ({@code io.sluice.record})
 * a {@link java.util.concurrent.BlockingQueue} on a ring ({@code io.sluice.queue}) and JMX MBeans on request
 * ({@code io.sluice.jmx}). No dependency beyond the JDK: JFR and JMX are part of it.
 * Integrations that need a library live in their own modules, which require this one: Agrona
 * ({@code io.sluice.agrona}) and Aeron ({@code io.sluice.aeron}).
 */
module io.sluice {
    requires jdk.jfr;
    requires transitive java.management; // io.sluice.jmx takes and returns its types

    exports io.sluice;
    exports io.sluice.backpressure;
    exports io.sluice.wait;
    exports io.sluice.metrics;
    exports io.sluice.consumer;
    exports io.sluice.pipeline;
    exports io.sluice.flow;
    exports io.sluice.record;
    exports io.sluice.queue;
    exports io.sluice.jmx;
    // Not exported: io.sluice.access (VarHandle lookups), io.sluice.signal (the parked waiters),
    // io.sluice.jfr (JFR events and the registry of rings that report statistics).
}
