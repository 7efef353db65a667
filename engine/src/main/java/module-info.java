/**
 * Sluice engine: pre-allocated rings, single- and multi-producer sequencers, sequence barriers,
 * wait strategies, backpressure policies and consumers. No runtime dependencies: JFR is part of
 * the JDK, and Agrona (for {@code io.sluice.agrona} only) is optional.
 */
module io.sluice {
    requires jdk.jfr;
    // Optional; transitive because io.sluice.agrona exposes Agrona types (IdleStrategy, CountersManager).
    requires static transitive org.agrona;

    exports io.sluice;
    exports io.sluice.consumer;
    exports io.sluice.agrona;
    exports io.sluice.flow;
}
