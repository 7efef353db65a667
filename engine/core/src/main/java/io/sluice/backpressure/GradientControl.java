package io.sluice.backpressure;

import java.time.Duration;
import java.util.Objects;

/** {@link RateControl#gradient}: the consumers' throughput, corrected toward a queueing-delay target. Immutable. */
final class GradientControl implements RateControl {
    private final long targetDelayNanos;
    private final double smoothing;
    private final int correctionWindows;
    private final double probe;

    GradientControl(Duration targetDelay, double smoothing, int correctionWindows, double probe) {
        Objects.requireNonNull(targetDelay, "targetDelay");
        if (targetDelay.isNegative() || targetDelay.isZero()) {
            throw new IllegalArgumentException("targetDelay must be positive: " + targetDelay);
        }
        if (!(smoothing > 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("smoothing must be more than 0 and at most 1: " + smoothing);
        }
        if (correctionWindows < 1) {
            throw new IllegalArgumentException("correctionWindows must be at least 1: " + correctionWindows);
        }
        if (!(probe > 1)) {
            throw new IllegalArgumentException("probe must be more than 1: " + probe);
        }
        this.targetDelayNanos = targetDelay.toNanos();
        this.smoothing = smoothing;
        this.correctionWindows = correctionWindows;
        this.probe = probe;
    }

    @Override
    public long nextRate(FlowWindow window) {
        long delay = window.queueingDelayNanos();
        if (delay < targetDelayNanos / 2) {
            // Events barely wait: the consumers have room the rate does not use. Probe upward.
            return (long) Math.ceil(window.rate() * probe);
        }
        double mu = window.consumerRate();
        double targetQueue = targetDelayNanos * mu / 1e9;
        double correction = (targetQueue - window.occupancy()) * 1e9 / ((double) correctionWindows * window.windowNanos());
        double aim = Math.max(mu / 2, Math.min(2 * mu, mu + correction));
        return (long) (window.rate() + smoothing * (aim - window.rate()));
    }

    @Override
    public String toString() {
        return "gradient(target delay " + targetDelayNanos + "ns, smoothing " + smoothing + ", correction over "
                + correctionWindows + " windows, probe x" + probe + ")";
    }
}
