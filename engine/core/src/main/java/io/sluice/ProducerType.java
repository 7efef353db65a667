package io.sluice;

/** Which threads may claim and publish on a ring. */
public enum ProducerType {
    /**
     * One thread at a time claims and publishes: the claim is a plain read and a release store,
     * with no atomic read-modify-write. Claims from two threads at once corrupt the ring.
     */
    SINGLE,
    /** Any number of threads claim and publish concurrently: an atomic compare-and-set per claim. */
    MULTI
}
