package io.sluice.bench.channel;

/**
 * What the throughput benchmarks measure, the same way for every contender: producer threads
 * {@link #send} values, which wait while the contender is full, and consumer threads (started
 * with the channel) take every value. The benchmark counts sends per second: once the
 * contender is full, that is how fast its consumers drain it.
 */
public interface Channel {
    /** Sends one value, waiting (the contender's own way) while there is no room. */
    void send(long value) throws InterruptedException;

    /** Stops the consumer threads. */
    void close() throws InterruptedException;
}
