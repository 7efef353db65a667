/**
 * Sluice core: pre-allocated rings, single- and multi-producer sequencers, sequence barriers,
 * backpressure policies, wait strategies, consumers, pipelines, metrics, JFR events and
 * {@link java.util.concurrent.Flow} adapters. No dependency beyond the JDK: JFR is part of it.
 * Integrations that need a library live in their own modules, which require this one: Agrona
 * ({@code io.sluice.agrona}) and Aeron ({@code io.sluice.aeron}).
 */
module io.sluice {
    requires jdk.jfr;

    exports io.sluice;
    exports io.sluice.consumer;
    exports io.sluice.flow;
}
