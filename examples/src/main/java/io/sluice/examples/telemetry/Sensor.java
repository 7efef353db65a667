package io.sluice.examples.telemetry;

import io.sluice.EventTranslatorOneArg;
import io.sluice.Producer;
import io.sluice.RingClosedException;
import io.sluice.examples.Schedule;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One sensor thread: emits readings on a fixed schedule through its own {@link Producer} handle.
 * Under {@code shed()} a reading the ring has no room for is dropped at once and counted by the
 * handle, so the sensor never waits and never falls behind its schedule; under a rate limit,
 * readings beyond the permitted rate are dropped and counted the same way.
 */
final class Sensor implements Runnable {
    private static final EventTranslatorOneArg<Sample, Sample> COPY = (slot, sequence, reading) -> {
        slot.sensor = reading.sensor;
        slot.metric = reading.metric;
        slot.value = reading.value;
    };

    private final int id;
    private final Producer<Sample> producer;
    private final int metrics;
    private final long periodNanos;
    private final AtomicBoolean running;
    private final SplittableRandom random;
    /** The next reading, reused: the translator copies it into the slot, nothing is boxed or allocated. */
    private final Sample reading = new Sample();
    /** Readings this sensor emitted: published or dropped. */
    long emitted;

    Sensor(int id, Producer<Sample> producer, int metrics, long periodNanos, AtomicBoolean running) {
        this.id = id;
        this.producer = producer;
        this.metrics = metrics;
        this.periodNanos = periodNanos;
        this.running = running;
        this.random = new SplittableRandom(id);
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        try {
            for (long i = 0; running.get(); i++) {
                if (periodNanos > 0) {
                    Schedule.waitUntil(start + i * periodNanos);
                }
                reading.sensor = id;
                reading.metric = random.nextInt(metrics);
                // Around 100 × (metric + 1), with a long tail now and then.
                reading.value = (reading.metric + 1) * 100L + random.nextInt(50) + (random.nextInt(1000) == 0 ? 5_000 : 0);
                producer.publishEvent(COPY, reading); // false: dropped, and counted by the handle
                emitted++;
            }
        } catch (RingClosedException | InterruptedException stopped) {
            // shutting down
        }
    }
}
