package io.sluice;

import io.sluice.backpressure.RateLimiter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A ring's capacity shared out among its {@link ProducerClass producer classes}: each class's
 * reserve, the room no class keeps, and the rule a claim is admitted by. Built with the ring,
 * immutable but for each class's list of claim logs; thread-safe.
 *
 * <p><b>The rule.</b> Let {@code R_k} be class k's reserve and {@code o_k} its slots claimed and
 * not yet consumed. The ring keeps {@code Σ max(o_k, R_k) ≤ C}: every class's unused reserve is
 * always free. A claim of {@code n} by class i is admitted when occupancy after it is at most
 * {@code C − Σ_{k≠i} max(0, R_k − o_k)}: the other classes' unused reserves stay free. That keeps
 * the sum: with {@code O} the others' slots in flight, the claim needs
 * {@code O + o_i + n + Σ_{k≠i} unused_k ≤ C} for the case where it takes class i past its reserve,
 * and {@code Σ_{k≠i} max(o_k, R_k) + R_i ≤ C} for the case where it does not, which held before.
 * So class i's own count is not needed, and a handle is never held back by a fellow handle's
 * claim of its own class; {@link #limitFor} reads only the others'. Below {@link #commonRoom}
 * ({@code C − Σ R_k}) every claim keeps the sum within {@code C} whatever the classes hold, so a
 * claim that leaves occupancy there is admitted without a look at the classes. A class within its
 * reserve ({@code o_i + n ≤ R_i}) is always admitted: occupancy after is at most
 * {@code O + R_i}, within the limit by the sum the ring keeps.
 *
 * <p><b>Why concurrent claims cannot break it.</b> Occupancy and every {@code o_k} are measured
 * from one head, the consumers' minimum the claimer read, and the sequencer admits the claim
 * against that same head in the compare-and-set that takes it ({@link Sequencer#claimWithin}).
 * Consumers moving on since only lower the sum. A class's count may miss a claim another handle
 * has just been granted (it is noted after), which overstates that class's unused reserve and
 * makes the rule stricter, never looser.
 */
final class ClassShares {
    final int capacity;
    /** Room no class keeps: {@code capacity - Σ reserves}. */
    final long commonRoom;
    private final List<ProducerClass> classes;
    private final Account[] accounts;
    /** The accounts with a reserve: the only ones the rule reads. */
    private final Account[] reserving;
    /** Handles without a class, and the ring's own claims: no reserve, they only borrow. */
    final Account unclassed;

    ClassShares(List<ProducerClass> classes, int capacity, String ringName) {
        this.capacity = capacity;
        this.classes = List.copyOf(classes);
        this.accounts = new Account[classes.size()];
        List<Account> withReserve = new ArrayList<>();
        double shares = 0;
        long reserved = 0;
        for (int i = 0; i < accounts.length; i++) {
            ProducerClass producerClass = this.classes.get(i);
            for (int j = 0; j < i; j++) {
                if (accounts[j].producerClass.name().equals(producerClass.name())) {
                    throw new IllegalArgumentException("producer class " + producerClass.name()
                            + " is given twice to ring " + ringName + ": " + this.classes);
                }
            }
            shares += producerClass.share();
            accounts[i] = new Account(producerClass, producerClass.reservedSlots(capacity));
            reserved += accounts[i].reserve;
            if (accounts[i].reserve > 0) {
                withReserve.add(accounts[i]);
            }
        }
        // A little slack for shares such as 0.1 + 0.2 + 0.7 that sum to just over 1 in binary.
        if (shares > 1 + 1e-9) {
            throw new IllegalArgumentException("the shares of the producer classes of ring " + ringName
                    + " must sum to at most 1: they sum to " + shares + " in " + this.classes);
        }
        this.commonRoom = capacity - reserved;
        this.reserving = withReserve.toArray(new Account[0]);
        this.unclassed = new Account(null, 0);
    }

    /** {@return the classes, in the order given} */
    List<ProducerClass> classes() {
        return classes;
    }

    /**
     * The account of {@code producerClass}.
     *
     * @throws IllegalArgumentException if it is not one of this ring's classes
     */
    Account account(ProducerClass producerClass, String ringName) {
        for (Account account : accounts) {
            if (account.producerClass.equals(producerClass)) {
                return account;
            }
        }
        throw new IllegalArgumentException(producerClass + " is not a producer class of ring " + ringName
                + "; its classes are " + classes);
    }

    /**
     * The most occupancy, measured from {@code head} and the claim included, that a claim by
     * {@code own} may leave: the capacity less every other class's unused reserve. At least
     * {@link #commonRoom}. Reads the other reserving classes' claim logs: the slow path, once a
     * claim would leave the common room.
     */
    long limitFor(Account own, long head) {
        long limit = capacity;
        for (Account account : reserving) {
            if (account != own) {
                long unused = account.reserve - account.inFlight(head);
                if (unused > 0) {
                    limit -= unused;
                }
            }
        }
        return limit;
    }

    /**
     * One class's reserve and the claim logs of its handles; the handles without a class share
     * one with no reserve.
     */
    static final class Account {
        private static final ClaimLog[] NO_LOGS = new ClaimLog[0];
        /** Null for the handles without a class. */
        final ProducerClass producerClass;
        final int reserve;
        /** Counters of the class's closed handles; any thread adds to them atomically. */
        final ProducerCounters retired = new ProducerCounters();
        /** The class's shares of rate limiters its handles use; under this account's lock. */
        private RateLimiter.Share[] rateShares = new RateLimiter.Share[0];
        /** Copy-on-write: replaced under this account's lock, read without it. */
        private volatile ClaimLog[] logs = NO_LOGS;

        Account(ProducerClass producerClass, int reserve) {
            this.producerClass = producerClass;
            this.reserve = reserve;
        }

        /** {@return a log for a new handle of this class, or null if the class keeps no reserve (nobody reads its count)} */
        synchronized ClaimLog newLog() {
            if (reserve == 0) {
                return null;
            }
            ClaimLog log = new ClaimLog(reserve);
            ClaimLog[] grown = Arrays.copyOf(logs, logs.length + 1);
            grown[logs.length] = log;
            logs = grown;
            return log;
        }

        /**
         * {@return the class's claimed sequences above {@code head}, summed over its handles'
         * logs: exact below the reserve, and never above the truth} A closed handle's log counts
         * until consumers have passed its claims, and is dropped then.
         */
        long inFlight(long head) {
            long sum = 0;
            boolean spent = false;
            for (ClaimLog log : logs) {
                long count = log.inFlight(head);
                sum += count;
                spent |= count == 0 && log.isSpent(head);
            }
            if (spent) {
                dropSpent(head);
            }
            return sum;
        }

        private synchronized void dropSpent(long head) {
            ClaimLog[] current = logs;
            int keep = 0;
            ClaimLog[] kept = new ClaimLog[current.length];
            for (ClaimLog log : current) {
                if (!log.isSpent(head)) {
                    kept[keep++] = log;
                }
            }
            logs = Arrays.copyOf(kept, keep);
        }

        /**
         * {@return where a handle of this class takes permits from {@code limiter}: the class's
         * share of it, made on the class's first handle under it, or the limiter itself for a
         * class with no share}
         */
        synchronized Permits permitsFrom(RateLimiter limiter) {
            if (producerClass == null || producerClass.share() == 0) {
                return new Permits.FromLimiter(limiter);
            }
            for (RateLimiter.Share share : rateShares) {
                if (share.limiter() == limiter) {
                    return new Permits.FromShare(share);
                }
            }
            RateLimiter.Share share = limiter.share(producerClass.name(), producerClass.share());
            rateShares = Arrays.copyOf(rateShares, rateShares.length + 1);
            rateShares[rateShares.length - 1] = share;
            return new Permits.FromShare(share);
        }

        /** {@return whether a claim of {@code n} keeps the class within its reserve, counted from {@code head}} */
        boolean withinReserve(int n, long head) {
            return reserve > 0 && inFlight(head) + n <= reserve;
        }

        /** {@return the class's name, or "" for the handles without one} */
        String name() {
            return producerClass == null ? "" : producerClass.name();
        }
    }
}
