package io.sluice.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link Pipeline#drainAndStop} or {@link Pipeline#halt()} left behind: the ring's final
 * sequence, and for each stage how many events up to it the stage had not finished. Immutable.
 */
public final class StopResult {
    private final boolean drained;
    private final boolean threadsEnded;
    private final long finalSequence;
    private final Map<String, Long> left;

    StopResult(boolean drained, boolean threadsEnded, long finalSequence, Map<String, Long> left) {
        this.drained = drained;
        this.threadsEnded = threadsEnded;
        this.finalSequence = finalSequence;
        this.left = Collections.unmodifiableMap(new LinkedHashMap<>(left));
    }

    /** {@return whether every stage finished every event up to {@link #finalSequence()}} */
    public boolean drained() {
        return drained;
    }

    /** {@return whether every stage thread ended within the timeout (a handler stuck in a call may keep one alive)} */
    public boolean threadsEnded() {
        return threadsEnded;
    }

    /** {@return the last sequence claimed before the ring closed; -1 if none was} */
    public long finalSequence() {
        return finalSequence;
    }

    /**
     * Tells how many events a stage left unfinished.
     *
     * @param stage a stage name
     * @return how many events up to the final sequence the stage had not finished
     * @throws IllegalArgumentException if the pipeline has no such stage
     */
    public long left(String stage) {
        Long n = left.get(stage);
        if (n == null) {
            throw new IllegalArgumentException("no stage named " + stage + "; stages: " + left.keySet());
        }
        return n;
    }

    /** {@return events left per stage, in the order the stages were added} */
    public Map<String, Long> leftByStage() {
        return left;
    }

    @Override
    public String toString() {
        return (drained ? "drained" : "not drained") + " to sequence " + finalSequence + ", left per stage " + left
                + (threadsEnded ? "" : ", some stage threads still running");
    }
}
