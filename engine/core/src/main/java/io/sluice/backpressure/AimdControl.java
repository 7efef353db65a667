package io.sluice.backpressure;

/** {@link RateControl#aimd}: the ring's fill as the congestion signal. Immutable. */
final class AimdControl implements RateControl {
    private final double targetFill;
    private final double decreaseFactor;
    private final long increasePerWindow;

    AimdControl(double targetFill, double decreaseFactor, long increasePerWindow) {
        if (!(targetFill > 0 && targetFill < 1)) {
            throw new IllegalArgumentException("targetFill must be more than 0 and less than 1: " + targetFill);
        }
        if (!(decreaseFactor > 0 && decreaseFactor < 1)) {
            throw new IllegalArgumentException("decreaseFactor must be more than 0 and less than 1: " + decreaseFactor);
        }
        if (increasePerWindow < 0) {
            throw new IllegalArgumentException("increasePerWindow must be 0 (a twentieth of the maximum rate) or more: "
                    + increasePerWindow);
        }
        this.targetFill = targetFill;
        this.decreaseFactor = decreaseFactor;
        this.increasePerWindow = increasePerWindow;
    }

    @Override
    public long nextRate(FlowWindow window) {
        if (window.fill() > targetFill) {
            // Behind: decrease while the queue still grows; hold while it drains, so that a queue
            // which is already shrinking does not drive the rate far below the consumers' capacity.
            return window.admitted() >= window.consumed() ? (long) (window.rate() * decreaseFactor) : window.rate();
        }
        long step = increasePerWindow > 0 ? increasePerWindow : Math.max(1, window.maxRate() / 20);
        return window.rate() + step;
    }

    @Override
    public String toString() {
        return "aimd(targetFill " + targetFill + ", decrease x" + decreaseFactor + ", increase "
                + (increasePerWindow > 0 ? increasePerWindow + "/s" : "max/20") + " per window)";
    }
}
