package io.sluice.bench.channel;

import io.sluice.backpressure.BackpressurePolicy;

import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Builds a contender by name: {@code sluice-<strategy>} (optionally {@code sluice-<strategy>@<policy>}),
 * {@code sluice-claim-<strategy>} (the same ring, sending through a producer handle's claim object),
 * {@code sluice-marked-<strategy>} and {@code sluice-claim-marked-<strategy>} (a single-producer ring
 * built with slot markers),
 * {@code records-<strategy>}, {@code records64-<strategy>}, {@code records-offer-<strategy>} (record
 * rings, see {@link #records}), {@code disruptor-<strategy>}, {@code agrona}, {@code jctools}, {@code abq} (their consumers yield when
 * empty), {@code agrona-busy-spin}, {@code agrona64-busy-spin} (56-byte messages), {@code jctools-busy-spin} (theirs spin), {@code speed-of-light}.
 */
public final class Contenders {
    /**
     * The ring or queue size every contender gets: 64K as in the Disruptor's own performance
     * tests, or the power of two given as {@code -Dbench.capacity=N}.
     */
    public static final int CAPACITY = capacity(System.getProperty("bench.capacity"));

    private Contenders() {
    }

    /**
     * @param value the {@code bench.capacity} property, or null for the default
     * @throws IllegalArgumentException if it is not a power of two of at least 2
     */
    static int capacity(String value) {
        if (value == null) {
            return 64 * 1024;
        }
        int capacity;
        try {
            capacity = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bench.capacity must be a whole number: \"" + value + "\"");
        }
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("bench.capacity must be a power of two, at least 2: " + capacity);
        }
        return capacity;
    }

    /** A contender whose consumer sums what it takes (the throughput benchmarks). */
    public static Channel create(String name, int producers, Topology topology) {
        return create(name, producers, topology, new Sum(), false);
    }

    /** A contender whose consumer hands every value, exactly, to {@code sink} (the latency harness). */
    public static Channel create(String name, int producers, Topology topology, LongConsumer sink) {
        return create(name, producers, topology, sink, true);
    }

    /**
     * A contender whose (last) consumer hands every value to {@code sink}, on its own thread.
     *
     * @param exactValues whether the sink needs each value as sent; if not, queues may carry a shared box
     * @throws IllegalArgumentException for an unknown name, or a topology or producer count it cannot do
     */
    private static Channel create(String name, int producers, Topology topology, LongConsumer sink, boolean exactValues) {
        if (name.startsWith("sluice-")) {
            int from = 7;
            boolean claims = name.startsWith("claim-", from);
            from += claims ? 6 : 0;
            boolean marked = name.startsWith("marked-", from);
            from += marked ? 7 : 0;
            int at = name.indexOf('@');
            String strategy = at < 0 ? name.substring(from) : name.substring(from, at);
            BackpressurePolicy policy = at < 0 ? null : sluicePolicy(name.substring(at + 1));
            if (claims && producers != 1) {
                throw new IllegalArgumentException(name + " sends through one producer handle: " + producers + " producers");
            }
            if (marked && producers != 1) {
                throw new IllegalArgumentException(name + " is a single-producer ring with slot markers: " + producers + " producers");
            }
            return new SluiceChannel(producers, sluiceStrategy(strategy), policy, topology, CAPACITY, sink, claims, marked);
        }
        if (name.startsWith("records")) {
            return records(name, producers, topology, sink);
        }
        if (name.startsWith("disruptor-")) {
            return new DisruptorChannel(producers, disruptorStrategy(name.substring(10)), topology, CAPACITY, sink);
        }
        if (topology != Topology.ONE) {
            throw new IllegalArgumentException(name + " has no " + topology + " consumers: only sluice-* and disruptor-* do");
        }
        return switch (name) {
            case "agrona" -> new AgronaChannel(producers, CAPACITY, sink, true);
            case "agrona-busy-spin" -> new AgronaChannel(producers, CAPACITY, sink, false);
            case "agrona64-busy-spin" -> new AgronaChannel(producers, CAPACITY, sink, false, 56);
            case "jctools" -> QueueChannel.jctools(producers, CAPACITY, sink, exactValues, true);
            case "jctools-busy-spin" -> QueueChannel.jctools(producers, CAPACITY, sink, exactValues, false);
            case "abq" -> QueueChannel.arrayBlockingQueue(CAPACITY, sink, exactValues);
            case "speed-of-light" -> {
                if (producers != 1) {
                    throw new IllegalArgumentException("speed-of-light is a single-producer ring: " + producers + " producers");
                }
                yield new SpeedOfLightRing(CAPACITY, sink);
            }
            default -> throw new IllegalArgumentException("unknown contender: " + name);
        };
    }

    /**
     * A record ring: {@code records-<strategy>} (8-byte records), {@code records64-<strategy>}
     * (64-byte records), {@code records-offer-<strategy>} (8-byte records offered through one
     * producer handle), {@code records-marked-<strategy>} and {@code records64-marked-<strategy>}
     * (a single-producer ring with slot markers); each may end in {@code @<policy>}.
     */
    private static Channel records(String name, int producers, Topology topology, LongConsumer sink) {
        int dash = name.indexOf('-');
        String length = name.substring(7, dash < 0 ? name.length() : dash);
        if (dash < 0 || !(length.isEmpty() || length.equals("64"))) {
            throw new IllegalArgumentException("a record contender is records-<strategy>, records64-<strategy> or "
                    + "records-offer-<strategy>: " + name);
        }
        boolean offers = name.startsWith("offer-", dash + 1);
        boolean marked = name.startsWith("marked-", dash + 1);
        int from = dash + 1 + (offers ? 6 : marked ? 7 : 0);
        int at = name.indexOf('@');
        String strategy = at < 0 ? name.substring(from) : name.substring(from, at);
        BackpressurePolicy policy = at < 0 ? null : sluicePolicy(name.substring(at + 1));
        if (offers && (producers != 1 || !length.isEmpty())) {
            throw new IllegalArgumentException(name + " offers 8-byte records through one producer handle: "
                    + producers + " producers");
        }
        if (marked && producers != 1) {
            throw new IllegalArgumentException(name + " is a single-producer ring with slot markers: " + producers
                    + " producers");
        }
        if (topology != Topology.ONE) {
            throw new IllegalArgumentException(name + " has one consumer: " + topology);
        }
        return new RecordChannel(producers, length.isEmpty() ? 8 : 64, sluiceStrategy(strategy), policy, CAPACITY, sink,
                offers, marked);
    }

    /**
     * A Sluice consumer wait strategy by name; {@code yielding-<n>} and {@code sleeping-<n>} spin
     * {@code n} times first (a sleeping one then yields 100 times and parks 100 ns at a time, as
     * its default does); {@code busy-spin-<n>} pauses {@code n} times after meeting a claim in
     * flight (its default 64; 0 looks again at once); {@code busy-spin-idle<n>} pauses {@code n}
     * times between two looks while nothing is available (its default 1).
     */
    public static io.sluice.wait.WaitStrategy sluiceStrategy(String name) {
        if (name.startsWith("busy-spin-idle")) {
            return new io.sluice.wait.BusySpinWaitStrategy(io.sluice.wait.BusySpinWaitStrategy.DEFAULT_IN_FLIGHT_PAUSES,
                    count("busy-spin-idle", name.substring(14), "idle pauses"));
        }
        if (name.startsWith("busy-spin-")) {
            return new io.sluice.wait.BusySpinWaitStrategy(count("busy-spin", name.substring(10), "in-flight pauses"));
        }
        if (name.startsWith("yielding-")) {
            return new io.sluice.wait.YieldingWaitStrategy(count("yielding", name.substring(9), "spin tries"));
        }
        if (name.startsWith("sleeping-")) {
            return new io.sluice.wait.SleepingWaitStrategy(count("sleeping", name.substring(9), "spin tries"), 100, 100,
                    TimeUnit.NANOSECONDS);
        }
        return switch (name) {
            case "busy-spin" -> new io.sluice.wait.BusySpinWaitStrategy();
            case "yielding" -> new io.sluice.wait.YieldingWaitStrategy();
            case "sleeping" -> new io.sluice.wait.SleepingWaitStrategy();
            case "blocking" -> new io.sluice.wait.BlockingWaitStrategy();
            case "timeout-blocking" -> new io.sluice.wait.TimeoutBlockingWaitStrategy(1, TimeUnit.MILLISECONDS);
            case "phased-backoff" -> io.sluice.wait.PhasedBackoffWaitStrategy.withBlocking(1, TimeUnit.MILLISECONDS);
            default -> throw new IllegalArgumentException("unknown wait strategy: " + name);
        };
    }

    /** {@return the {@code <n>} of a {@code strategy-<n>} name, or a message saying what it counts} */
    private static int count(String strategy, String value, String what) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(strategy + "-<n> needs a whole number of " + what + ": \"" + value + "\"");
        }
    }

    /**
     * The producer policy of a {@code sluice-<strategy>@<policy>} contender; without the suffix a
     * contender has the ring's default ({@link BackpressurePolicy#defaultFor} its wait strategy).
     */
    static BackpressurePolicy sluicePolicy(String name) {
        return switch (name) {
            case "park" -> BackpressurePolicy.park();
            case "spin-park" -> BackpressurePolicy.park(100, 0, 1, 100, TimeUnit.MICROSECONDS);
            case "park-at-once" -> BackpressurePolicy.park(0, 0, 1, 100, TimeUnit.MICROSECONDS);
            case "spin" -> BackpressurePolicy.spin();
            case "yielding" -> BackpressurePolicy.yielding();
            case "block" -> BackpressurePolicy.block();
            default -> throw new IllegalArgumentException("unknown producer policy: " + name
                    + " (park, spin-park, park-at-once, spin, yielding, block)");
        };
    }

    public static com.lmax.disruptor.WaitStrategy disruptorStrategy(String name) {
        return switch (name) {
            case "busy-spin" -> new com.lmax.disruptor.BusySpinWaitStrategy();
            case "yielding" -> new com.lmax.disruptor.YieldingWaitStrategy();
            case "sleeping" -> new com.lmax.disruptor.SleepingWaitStrategy();
            case "blocking" -> new com.lmax.disruptor.BlockingWaitStrategy();
            case "timeout-blocking" -> new com.lmax.disruptor.TimeoutBlockingWaitStrategy(1, TimeUnit.MILLISECONDS);
            case "phased-backoff" -> com.lmax.disruptor.PhasedBackoffWaitStrategy.withLock(1, 1, TimeUnit.MILLISECONDS);
            default -> throw new IllegalArgumentException("unknown wait strategy: " + name);
        };
    }
}
