/**
 * Sluice engine: pre-allocated rings, single- and multi-producer sequencers, sequence barriers,
 * wait strategies, backpressure policies and consumers. No runtime dependencies: JFR is part of
 * the JDK; Agrona (for {@code io.sluice.agrona}) and Aeron (for {@code io.sluice.aeron}) are optional.
 */
module io.sluice {
    requires jdk.jfr;
    // Optional; transitive because io.sluice.agrona exposes Agrona types (IdleStrategy, CountersManager).
    requires static transitive org.agrona;
    // Optional; transitive because io.sluice.aeron exposes Aeron types (Publication, Subscription).
    requires static transitive io.aeron.client;
    requires static io.aeron.driver;

    exports io.sluice;
    exports io.sluice.consumer;
    exports io.sluice.agrona;
    exports io.sluice.flow;
    exports io.sluice.aeron;
}
