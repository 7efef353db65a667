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
 * <p>A consumer that has caught up with a fast producer can instead wait {@code idlePauses}
 * pauses between two looks ({@link #BusySpinWaitStrategy(int, int)}). Each look at the ring reads a
 * line the producer is writing and takes it from the producer's core; a consumer that keeps
 * looking at every pause keeps the two cores trading that line once per event, and on a 2-vCPU
 * host that state is stable: both slow down, and the consumer stays at the producer's heels
 * (docs/BENCHMARKS.md, "1P1C busy spin, by regime"). Pausing longer lets the producer write
 * several slots before the consumer looks, which then takes them as one batch. The price is
 * latency while the consumer is idle: an event published during the pauses waits for them to end.
 * The default, one pause per look, is the Disruptor's.
 *
 * <p>Thread-safe and immutable; allocation-free. Notices an alert or an interrupt on every spin.
 */
public final class BusySpinWaitStrategy implements WaitStrategy {
    /** The pauses before a consumer looks again at a sequence claimed but not yet published. */
    public static final int DEFAULT_IN_FLIGHT_PAUSES = 64;

    private final int inFlightPauses;
    private final int idlePauses;

    /**
     * Creates the strategy with {@link #DEFAULT_IN_FLIGHT_PAUSES} and one pause between looks; one
     * instance can serve any number of rings.
     */
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
        this(inFlightPauses, 1);
    }

    /**
     * Creates the strategy with its own back-off for claims in flight and its own pause between
     * looks while nothing is available.
     *
     * @param inFlightPauses as in {@link #BusySpinWaitStrategy(int)}
     * @param idlePauses the {@link Thread#onSpinWait()} calls a consumer makes between two looks at
     *     what it waits for, while it is not available; 1 (the default) looks after every pause
     * @throws IllegalArgumentException if {@code inFlightPauses} is negative or {@code idlePauses} below 1
     */
    public BusySpinWaitStrategy(int inFlightPauses, int idlePauses) {
        if (inFlightPauses < 0) {
            throw new IllegalArgumentException("inFlightPauses must be >= 0: " + inFlightPauses);
        }
        if (idlePauses < 1) {
            throw new IllegalArgumentException("idlePauses must be >= 1: " + idlePauses);
        }
        this.inFlightPauses = inFlightPauses;
        this.idlePauses = idlePauses;
    }

    @Override
    public long waitFor(long sequence, SequenceBarrier barrier) throws AlertException, InterruptedException {
        long available;
        while ((available = barrier.highestAvailable(sequence)) < sequence) {
            barrier.checkAlert();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            for (int i = 0; i < idlePauses; i++) {
                Thread.onSpinWait();
            }
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

    /** {@return the pauses between two looks while nothing is available} */
    public int idlePauses() {
        return idlePauses;
    }

    @Override
    public String toString() {
        return "BusySpinWaitStrategy{inFlightPauses=" + inFlightPauses + ", idlePauses=" + idlePauses + '}';
    }
}
