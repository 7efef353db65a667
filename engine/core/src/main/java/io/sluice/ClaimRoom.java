package io.sluice;

/**
 * How a producer handle measures room in its ring: the whole ring, or on a ring whose capacity is
 * shared out among producer classes, what the other classes' unused reserves leave
 * ({@link ClassedRoom}). The one way from a handle's policy to the sequencer, on a claim's first
 * try and on every retry while the policy waits. Chosen when the handle is built.
 *
 * <p>Thread-safety: as the handle that owns it; one thread at a time.
 */
sealed interface ClaimRoom permits ClaimRoom.WholeRing, ClassedRoom {
    /**
     * What {@link #claim} returns when the ring had room but the reserves of other producer
     * classes held it back; counted as {@link io.sluice.metrics.ProducerCounter#OVER_SHARE} and
     * then treated as a full ring. Never returned from a public method.
     */
    long HELD_BACK = -5L;

    /**
     * Claims {@code n} sequences if there is room for them now; never waits.
     *
     * @return the highest claimed sequence, {@link RingBuffer#INSUFFICIENT_CAPACITY},
     *     {@link #HELD_BACK} or {@link Sequencer#CLOSED}
     */
    long claim(int n);

    /**
     * Whether a claim of {@code n} that shedding on delay would drop may be dropped: always, but
     * for a handle of a class still within its reserve, which is never shed because others made
     * the wait long. Asked only when the shedder decided to drop.
     */
    boolean mayShedOnDelay(int n);

    /** The whole ring: the sequencer's own claim. */
    record WholeRing(Sequencer sequencer) implements ClaimRoom {
        @Override
        public long claim(int n) {
            return sequencer.claimIfFree(n);
        }

        @Override
        public boolean mayShedOnDelay(int n) {
            return true;
        }
    }
}
