package io.sluice;

import java.util.Objects;

/**
 * A class of producer handles on a ring, with a share of the ring's capacity kept for it: a
 * trading gateway's orders beside its market data, a telemetry pipeline's alerts beside its debug
 * metrics. Give the classes to the ring when it is built
 * ({@link RingBufferBuilder#producerClasses}), then a handle its class
 * ({@link RingBuffer#newProducer(String, BackpressurePolicy, ProducerClass)}).
 *
 * <p>The rules, in the design's terms: of a ring of capacity {@code C}, each class keeps
 * {@code floor(share × C)} slots (its <em>reserve</em>); the rest, {@code C − Σ reserves}, is
 * room any handle claims from. A claim is admitted while it leaves every other class's unused
 * reserve free; so a class whose claimed, not yet consumed slots stay within its reserve is not
 * refused because of another class (but for the instant between another handle's claim and its
 * note, which the guide describes), and a class may borrow any room the others leave unused. A
 * claim that would take another class's reserve is refused, and the handle's own policy decides
 * what then happens (wait, time out, fail fast, shed), as for a full ring. The guide's table
 * "Producer classes" gives each case.
 *
 * <p>The share holds for a rate limit too: a handle of a class whose policy rate-limits takes its
 * permits through the class's {@linkplain io.sluice.backpressure.RateLimiter#share share} of
 * that limiter, so a class within {@code share} of the rate is not refused a permit because
 * other classes took them (as for slots, but for the same instant), and borrows the rate others
 * leave unused. Under shedding on delay, a handle of a class within its reserve is not shed: the
 * wait it would be shed for is one other classes made.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param name how the class appears in snapshots, JFR events and exported counters; unique on its ring
 * @param share the fraction of the ring's capacity kept for the class, from 0 (the class only
 *     borrows) to 1
 */
public record ProducerClass(String name, double share) {
    /**
     * Checks the class.
     *
     * @param name unique on its ring
     * @param share from 0 to 1
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank or {@code share} is not from 0 to 1
     */
    public ProducerClass {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a producer class needs a name that is not blank: '" + name + "'");
        }
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share of producer class " + name + " must be from 0 to 1: " + share);
        }
    }

    /**
     * A class with {@code share} of its ring kept for it.
     *
     * @param name unique on its ring
     * @param share from 0 to 1
     * @return the class
     * @throws IllegalArgumentException if {@code name} is blank or {@code share} is not from 0 to 1
     */
    public static ProducerClass of(String name, double share) {
        return new ProducerClass(name, share);
    }

    /**
     * {@return the slots this class keeps on a ring of {@code capacity}: {@code floor(share × capacity)}}
     *
     * @param capacity the ring's capacity
     */
    public int reservedSlots(int capacity) {
        return (int) Math.floor(share * capacity);
    }
}
