package io.sluice;

/**
 * What a {@link Claim} attempt came to. Only {@link #CLAIMED} gives slots to write; every other
 * outcome claimed nothing and left the ring as it was, and a claim in that state refuses
 * {@link Claim#get()} and {@link Claim#commit()} with an {@link IllegalStateException} naming it,
 * so a failed claim can never be used as a slot.
 */
public enum ClaimOutcome {
    /** The sequences are claimed: write their slots, then commit or abort. */
    CLAIMED,
    /** A {@code tryClaim} found too little free capacity, or no rate-limiter permit. */
    INSUFFICIENT_CAPACITY,
    /** The policy's deadline passed before capacity or permits freed. */
    TIMED_OUT,
    /** The policy ({@code shed()}) dropped the event; the drop is counted. */
    DROPPED;

    /** Maps a raw claim's result: a sequence, or one of the ring's negative outcomes. */
    static ClaimOutcome of(long result) {
        if (result >= 0) {
            return CLAIMED;
        }
        if (result == RingBuffer.TIMED_OUT) {
            return TIMED_OUT;
        }
        if (result == RingBuffer.DROPPED) {
            return DROPPED;
        }
        return INSUFFICIENT_CAPACITY;
    }
}
