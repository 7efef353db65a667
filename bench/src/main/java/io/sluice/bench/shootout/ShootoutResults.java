package io.sluice.bench.shootout;

import io.sluice.bench.run.MachineLoad;
import io.sluice.bench.report.Spread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shootout's figures from every round, gathered from the rounds' lines
 * ({@link ShootoutRound}): per throughput cell, each contender's events/s and the ratio
 * Sluice/Disruptor of each round (both taken in the same JVM, back to back); per stall policy,
 * its four figures; per flow-control policy and phase, its figures, and the first round's series;
 * per cell of orders against bulk, its figures;
 * and for every figure the share of the cores other processes used meanwhile.
 */
public final class ShootoutResults {
    /** One scenario and wait strategy, over the rounds. */
    static final class ThroughputCell {
        final String scenario;
        final String strategy;
        final Map<Integer, Double> sluice = new TreeMap<>();
        /** Sluice's record ring; empty in results from before it ran in the shootout. */
        final Map<Integer, Double> records = new TreeMap<>();
        final Map<Integer, Double> disruptor = new TreeMap<>();
        final Map<Integer, Double> othersShare = new TreeMap<>();

        ThroughputCell(String scenario, String strategy) {
            this.scenario = scenario;
            this.strategy = strategy;
        }

        Spread sluice() {
            return Spread.of(new ArrayList<>(sluice.values()));
        }

        Spread disruptor() {
            return Spread.of(new ArrayList<>(disruptor.values()));
        }

        Spread records() {
            return Spread.of(new ArrayList<>(records.values()));
        }

        /** {@return Sluice's object ring over the Disruptor in each round that measured both, in round order} */
        List<Double> ratios() {
            return ratiosOver(sluice);
        }

        Spread ratio() {
            return Spread.of(ratios());
        }

        /** {@return the record ring over the Disruptor in each round that measured both, in round order} */
        List<Double> recordRatios() {
            return ratiosOver(records);
        }

        Spread recordRatio() {
            return Spread.of(recordRatios());
        }

        private List<Double> ratiosOver(Map<Integer, Double> rates) {
            List<Double> ratios = new ArrayList<>();
            for (Map.Entry<Integer, Double> e : rates.entrySet()) {
                Double d = disruptor.get(e.getKey());
                if (d != null) {
                    ratios.add(e.getValue() / d);
                }
            }
            return ratios;
        }

        double othersShareMax() {
            return maxShare(othersShare);
        }

        /** {@return how many rounds shared the machine with others beyond {@link MachineLoad#NOISY_SHARE}} */
        long noisyRounds() {
            return noisyRoundsOf(othersShare);
        }

        String name() {
            return scenario + " " + strategy;
        }
    }

    /** One stalled-producer policy, over the rounds. */
    static final class StallCell {
        final String policy;
        final List<Double> cpuMillisPerStallSecond = new ArrayList<>();
        final List<Double> resumeP50Micros = new ArrayList<>();
        final List<Double> resumeP99Micros = new ArrayList<>();
        final List<Double> recoveredEventsPerSecond = new ArrayList<>();
        final Map<Integer, Double> othersShare = new TreeMap<>();

        StallCell(String policy) {
            this.policy = policy;
        }

        double othersShareMax() {
            return maxShare(othersShare);
        }

        long noisyRounds() {
            return noisyRoundsOf(othersShare);
        }
    }

    /** One flow-control policy in one phase, over the rounds. */
    static final class FlowCell {
        final String policy;
        final int phase;
        final List<Double> delivered = new ArrayList<>();
        final List<Double> drops = new ArrayList<>();
        final List<Double> p50Micros = new ArrayList<>();
        final List<Double> p99Micros = new ArrayList<>();
        final List<Double> p999Micros = new ArrayList<>();
        final List<Double> convergeMillis = new ArrayList<>();
        final List<Double> oscillation = new ArrayList<>();
        final List<Double> bandShare = new ArrayList<>();
        final List<Double> lowestShare = new ArrayList<>();
        final List<Double> stepP99Micros = new ArrayList<>();
        final List<Double> settledP99Micros = new ArrayList<>();
        final Map<Integer, Double> othersShare = new TreeMap<>();

        FlowCell(String policy, int phase) {
            this.policy = policy;
            this.phase = phase;
        }

        long noisyRounds() {
            return noisyRoundsOf(othersShare);
        }

        /** {@return the rounds in which the admitted rate never settled within 10%} */
        long unsettledRounds() {
            return convergeMillis.stream().filter(v -> Double.isNaN(v)).count();
        }
    }

    /** One cell of orders against bulk, over the rounds. */
    static final class ClassesCell {
        final String cell;
        final List<Double> ordersOffered = new ArrayList<>();
        final List<Double> ordersRefused = new ArrayList<>();
        final List<Double> p50Micros = new ArrayList<>();
        final List<Double> p99Micros = new ArrayList<>();
        final List<Double> p999Micros = new ArrayList<>();
        final List<Double> bulkDelivered = new ArrayList<>();
        final List<Double> bulkDrops = new ArrayList<>();
        final List<Double> bulkHeldBack = new ArrayList<>();
        final Map<Integer, Double> othersShare = new TreeMap<>();

        ClassesCell(String cell) {
            this.cell = cell;
        }

        long noisyRounds() {
            return noisyRoundsOf(othersShare);
        }
    }

    private final Map<String, ThroughputCell> throughput = new LinkedHashMap<>();
    private final Map<String, ClassesCell> classes = new LinkedHashMap<>();
    private final Map<String, FlowCell> flow = new LinkedHashMap<>();
    private final Map<String, List<FlowScenario.Point>> flowSeries = new LinkedHashMap<>();
    private final Map<String, StallCell> stalls = new LinkedHashMap<>();
    private String jvmFlags = "";

    /**
     * Takes one line a round printed.
     *
     * @throws IllegalArgumentException naming the line if it is not one a round prints
     */
    public void accept(int round, String line) {
        String[] f = line.split("\t", -1);
        try {
            switch (f[0]) {
                case "jvm" -> jvmFlags = f.length > 1 ? f[1] : "";
                case "throughput" -> {
                    expectFields(f, 6, line);
                    ThroughputCell cell = throughput.computeIfAbsent(f[1] + "\t" + f[2], k -> new ThroughputCell(f[1], f[2]));
                    double rate = Double.parseDouble(f[4]);
                    switch (f[3]) {
                        case "sluice" -> cell.sluice.put(round, rate);
                        case "records" -> cell.records.put(round, rate);
                        case "disruptor" -> cell.disruptor.put(round, rate);
                        default -> throw new IllegalArgumentException("unknown contender");
                    }
                    cell.othersShare.merge(round, Double.parseDouble(f[5]), ShootoutResults::larger);
                }
                case "stall" -> {
                    expectFields(f, 7, line);
                    StallCell cell = stalls.computeIfAbsent(f[1], StallCell::new);
                    cell.cpuMillisPerStallSecond.add(Double.parseDouble(f[2]));
                    cell.resumeP50Micros.add(Double.parseDouble(f[3]));
                    cell.resumeP99Micros.add(Double.parseDouble(f[4]));
                    cell.recoveredEventsPerSecond.add(Double.parseDouble(f[5]));
                    cell.othersShare.merge(round, Double.parseDouble(f[6]), ShootoutResults::larger);
                }
                case "flow" -> {
                    expectFields(f, 15, line);
                    FlowCell cell = flow.computeIfAbsent(f[1] + "\t" + f[2], k -> new FlowCell(f[1], Integer.parseInt(f[2])));
                    cell.delivered.add(Double.parseDouble(f[3]));
                    cell.drops.add(Double.parseDouble(f[4]));
                    cell.p50Micros.add(Double.parseDouble(f[5]));
                    cell.p99Micros.add(Double.parseDouble(f[6]));
                    cell.p999Micros.add(Double.parseDouble(f[7]));
                    cell.convergeMillis.add(Double.parseDouble(f[8]));
                    cell.oscillation.add(Double.parseDouble(f[9]));
                    cell.bandShare.add(Double.parseDouble(f[10]));
                    cell.lowestShare.add(Double.parseDouble(f[11]));
                    cell.stepP99Micros.add(Double.parseDouble(f[12]));
                    cell.settledP99Micros.add(Double.parseDouble(f[13]));
                    cell.othersShare.merge(round, Double.parseDouble(f[14]), ShootoutResults::larger);
                }
                case "flowseries" -> {
                    expectFields(f, 5, line);
                    flowSeries.computeIfAbsent(f[1], k -> new ArrayList<>())
                            .add(new FlowScenario.Point(Long.parseLong(f[2]), Double.parseDouble(f[3]), Long.parseLong(f[4])));
                }
                case "classes" -> {
                    expectFields(f, 11, line);
                    ClassesCell cell = classes.computeIfAbsent(f[1], ClassesCell::new);
                    cell.ordersOffered.add(Double.parseDouble(f[2]));
                    cell.ordersRefused.add(Double.parseDouble(f[3]));
                    cell.p50Micros.add(Double.parseDouble(f[4]));
                    cell.p99Micros.add(Double.parseDouble(f[5]));
                    cell.p999Micros.add(Double.parseDouble(f[6]));
                    cell.bulkDelivered.add(Double.parseDouble(f[7]));
                    cell.bulkDrops.add(Double.parseDouble(f[8]));
                    cell.bulkHeldBack.add(Double.parseDouble(f[9]));
                    cell.othersShare.merge(round, Double.parseDouble(f[10]), ShootoutResults::larger);
                }
                default -> throw new IllegalArgumentException("unknown kind");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a shootout round's line (" + e.getMessage() + "): " + line, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a shootout round's line (" + e.getMessage() + "): " + line, e);
        }
    }

    List<ThroughputCell> throughput() {
        return List.copyOf(throughput.values());
    }

    /** {@return the policies in the order a round with Sluice first measures them} */
    List<StallCell> stalls() {
        List<StallCell> ordered = new ArrayList<>();
        for (String policy : ShootoutRound.STALL_POLICIES) {
            StallCell cell = stalls.get(policy);
            if (cell != null) {
                ordered.add(cell);
            }
        }
        return ordered;
    }

    /** {@return the flow cells, policy by policy in the scenario's order, each policy's phases in order} */
    List<FlowCell> flow() {
        List<FlowCell> ordered = new ArrayList<>();
        for (FlowScenario.Cell c : FlowScenario.CELLS) {
            String policy = c.name();
            for (int phase = 0; phase < FlowScenario.PHASES; phase++) {
                FlowCell cell = flow.get(policy + "\t" + phase);
                if (cell != null) {
                    ordered.add(cell);
                }
            }
        }
        return ordered;
    }

    /** {@return each policy's series of the first round, in the scenario's order} */
    Map<String, List<FlowScenario.Point>> flowSeries() {
        Map<String, List<FlowScenario.Point>> ordered = new LinkedHashMap<>();
        for (FlowScenario.Cell c : FlowScenario.CELLS) {
            String policy = c.name();
            List<FlowScenario.Point> series = flowSeries.get(policy);
            if (series != null) {
                ordered.put(policy, series);
            }
        }
        return ordered;
    }

    /** {@return the orders-against-bulk cells, in the scenario's order} */
    List<ClassesCell> classes() {
        List<ClassesCell> ordered = new ArrayList<>();
        for (String name : ClassesScenario.CELLS) {
            ClassesCell cell = classes.get(name);
            if (cell != null) {
                ordered.add(cell);
            }
        }
        return ordered;
    }

    String jvmFlags() {
        return jvmFlags;
    }

    /** {@return the largest share of the cores others used while any figure was taken; NaN if unknown} */
    double othersShareMax() {
        double max = Double.NaN;
        for (ThroughputCell c : throughput.values()) {
            max = larger(max, c.othersShareMax());
        }
        for (StallCell c : stalls.values()) {
            max = larger(max, c.othersShareMax());
        }
        for (FlowCell c : flow.values()) {
            max = larger(max, maxShare(c.othersShare));
        }
        for (ClassesCell c : classes.values()) {
            max = larger(max, maxShare(c.othersShare));
        }
        return max;
    }

    /** {@return how many cells had a noisy round} */
    long noisyCells() {
        return throughput.values().stream().filter(c -> c.noisyRounds() > 0).count()
                + stalls.values().stream().filter(c -> c.noisyRounds() > 0).count()
                + flow.values().stream().filter(c -> c.noisyRounds() > 0).count()
                + classes.values().stream().filter(c -> c.noisyRounds() > 0).count();
    }

    private static void expectFields(String[] fields, int count, String line) {
        if (fields.length != count) {
            throw new IllegalArgumentException(count + " fields expected, " + fields.length + " found");
        }
    }

    /** {@return how many rounds' shares are above {@link MachineLoad#NOISY_SHARE}} */
    private static long noisyRoundsOf(Map<Integer, Double> shares) {
        return shares.values().stream().filter(MachineLoad::noisy).count();
    }

    private static double maxShare(Map<Integer, Double> shares) {
        double max = Double.NaN;
        for (double share : shares.values()) {
            max = larger(max, share);
        }
        return max;
    }

    /** The larger of two shares, an unknown (NaN) one giving way to a known one. */
    private static double larger(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
