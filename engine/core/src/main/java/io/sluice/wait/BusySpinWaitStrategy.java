package io.sluice.wait;

import io.sluice.SequenceBarrier;

/**
 * Spins with {@link Thread#onSpinWait()} until the sequence is available: the lowest latency,
 * and a whole core burnt per waiting consumer. Use it only with a core to spare for each
 * spinning thread; with more spinning threads than cores, they steal time from the threads they
 * wait for.
 *
 * <p>On a multi-producer ring a consumer that has caught up with the producers finds sequences
 * claimed but not yet published ({@link SequenceBarrier#isClaimInFlight}). Each time it does, it
 * pauses {@code inFlightPauses} more times before it looks again: polling every few nanoseconds
 * would read the cursor, marker and slot lines the producers are writing, slowing the very
 * publish it waits for (measured in docs/BENCHMARKS.md: 3P1C on two cores, about 9 M events/s polling at
 * once, about 19 M with 64 pauses). The pauses cost latency only when the consumer meets a claim
 * in flight, and only on multi-producer rings: 64 pauses are roughly 1 to 3 µs, as the
 * processor's pause takes 20 to 45 ns. A consumer waiting for a publish that has not been claimed
 * yet, or for an upstream consumer, polls at once as before.
 *
 * <p>Thread-safe and immutable; allocation-free. Notices an alert or an interrupt on every spin.
 */
public final class BusySpinWaitStrategy implements WaitStrategy {
    /** The pauses before a consumer looks again at a sequence claimed but not yet published. */
    public static final int DEFAULT_IN_FLIGHT_PAUSES = 64;

    private final int inFlightPauses;

    /** Creates the strategy with {@link #DEFAULT_IN_FLIGHT_PAUSES}; one instance can serve any number of rings. */
    public BusySpinWaitStrategy() {
        this(DEFAULT_IN_FLIGHT_PAUSES);
    }

    /**
     * Creates the strategy with its own back-off for claims in flight.
     *
     * @param inFlightPauses the {@link Thread#onSpinWait()} calls a consumer makes, after meeting a
     *     sequence claimed but not yet published, before it looks again; 0 to look at once
     * @throws IllegalArgumentException if {@code inFlightPauses} is negative
     */
    public BusySpinWaitStrategy(int inFlightPauses) {
        if (inFlightPauses < 0) {
            throw new IllegalArgumentException("inFlightPauses must be >= 0: " + inFlightPauses);
        }
        this.inFlightPauses = inFlightPauses;
    }

    @Override
    public long waitFor(long sequence, SequenceBarrier barrier) throws AlertException, InterruptedException {
        long available;
        while ((available = barrier.highestAvailable(sequence)) < sequence) {
            barrier.checkAlert();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
            if (inFlightPauses > 0 && barrier.isClaimInFlight(sequence)) {
                for (int i = 0; i < inFlightPauses; i++) {
                    Thread.onSpinWait();
                }
            }
        }
        return available;
    }

    @Override
    public void signalAll() {
    }

    /** {@return the pauses before a consumer looks again at a claim in flight} */
    public int inFlightPauses() {
        return inFlightPauses;
    }

    @Override
    public String toString() {
        return "BusySpinWaitStrategy{inFlightPauses=" + inFlightPauses + '}';
    }
}
