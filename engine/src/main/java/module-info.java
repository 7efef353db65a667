/**
 * Sluice engine: pre-allocated rings, single- and multi-producer sequencers, sequence barriers,
 * wait strategies and consumers. No runtime dependencies.
 */
module io.sluice {
    requires jdk.jfr;

    exports io.sluice;
    exports io.sluice.consumer;
}
