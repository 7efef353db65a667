package io.sluice.stress;

/** The event every stress test's ring holds: one value, 0 until written. */
public final class Slot {
    public long value;
}
