package io.sluice.bench.channel;

/** How consumers are arranged behind the producers (public: JMH's generated code reads the parameter). */
public enum Topology {
    /** One consumer takes every value. */
    ONE,
    /** Three consumers each see every value (multicast). */
    MULTICAST,
    /** Three stages, one after another. */
    PIPELINE,
    /** Two stages in parallel, then one after both. */
    DIAMOND
}
