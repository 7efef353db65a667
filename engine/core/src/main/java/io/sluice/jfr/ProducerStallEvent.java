package io.sluice.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR event for one producer stall: created at the start of a stall and committed at its end,
 * only on the stall slow path, so a claim that finds capacity never touches it. Its duration is
 * the stall. Nothing is allocated while no recording enables it. Recorded by default from 1 ms;
 * set {@code io.sluice.ProducerStall#threshold=0 ms} in the recording settings for every stall.
 */
@Name("io.sluice.ProducerStall")
@Label("Producer Stall")
@Category({"Sluice", "Backpressure"})
@Description("A claim that found too little free capacity and waited for consumers")
@StackTrace(false)
@Threshold("1 ms")
public final class ProducerStallEvent extends Event {
    /** An event not yet begun; the stall path fills and commits it. */
    public ProducerStallEvent() {
    }

    /** The ring's name. */
    @Label("Ring")
    public String ring;

    /** The handle's name. */
    @Label("Producer")
    public String producer;

    /** The handle's policy, as text. */
    @Label("Policy")
    public String policy;

    /** Sequences the claim asked for. */
    @Label("Claimed")
    @Description("Sequences the stalled claim asked for")
    public int claimSize;

    /** The ring's capacity. */
    @Label("Capacity")
    public int capacity;

    /** Occupancy when the stall began. */
    @Label("Lag")
    @Description("Slots claimed but not yet consumed by the slowest gating consumer, when the stall began")
    public long lag;

    /** How the stall ended. */
    @Label("Outcome")
    public String outcome;
}
