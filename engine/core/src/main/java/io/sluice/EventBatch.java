package io.sluice;

import java.util.Objects;

/**
 * A batch publish's arguments: checked before anything is claimed, then handed to the
 * translator event by event. The batch forms of {@link EventSink} take the events
 * {@code batchStartsAt} to {@code batchStartsAt + batchSize - 1} of their arrays.
 */
final class EventBatch {
    private EventBatch() {
    }

    /**
     * Refuses a batch that cannot be claimed, naming the bad value; called before the claim, so a
     * refused batch claims nothing.
     */
    static void checkSize(int batchStartsAt, int batchSize, int capacity) {
        if (batchStartsAt < 0) {
            throw new IllegalArgumentException("batchStartsAt must be >= 0: " + batchStartsAt);
        }
        if (batchSize < 1 || batchSize > capacity) {
            throw new IllegalArgumentException("batchSize must be from 1 to the capacity " + capacity + ": " + batchSize);
        }
    }

    /** Refuses an argument array (or the translators) that does not hold the whole batch, naming it. */
    static void checkArray(int batchStartsAt, int batchSize, Object[] array, String name) {
        Objects.requireNonNull(array, name);
        if ((long) batchStartsAt + batchSize > array.length) {
            throw new IllegalArgumentException("batchStartsAt " + batchStartsAt + " + batchSize " + batchSize
                    + " runs past the end of " + name + " (length " + array.length + ")");
        }
    }

    /** Refuses a null translator among those of the batch, before anything is claimed. */
    static void checkTranslators(Object[] translators, int batchStartsAt, int batchSize) {
        for (int i = batchStartsAt; i < batchStartsAt + batchSize; i++) {
            if (translators[i] == null) {
                throw new NullPointerException("translators[" + i + "]");
            }
        }
    }

    /**
     * Calls a translator of one kind for the batch's {@code index}-th event. The adapters capture
     * nothing, so each is one shared instance; the public forms' signatures keep the types
     * checked, so the casts cannot fail.
     */
    @FunctionalInterface
    interface Translation {
        void translate(Object event, long sequence, Object translator, int index, Object[] a0, Object[] a1, Object[] a2);
    }

    /** Each event its own translator: {@code a0} holds the translators. */
    @SuppressWarnings("unchecked")
    static final Translation EACH_OWN = (event, sequence, translator, index, a0, a1, a2) ->
            ((EventTranslator<Object>) a0[index]).translateTo(event, sequence);
    @SuppressWarnings("unchecked")
    static final Translation ONE_ARG = (event, sequence, translator, index, a0, a1, a2) ->
            ((EventTranslatorOneArg<Object, Object>) translator).translateTo(event, sequence, a0[index]);
    @SuppressWarnings("unchecked")
    static final Translation TWO_ARGS = (event, sequence, translator, index, a0, a1, a2) ->
            ((EventTranslatorTwoArg<Object, Object, Object>) translator).translateTo(event, sequence, a0[index], a1[index]);
    @SuppressWarnings("unchecked")
    static final Translation THREE_ARGS = (event, sequence, translator, index, a0, a1, a2) ->
            ((EventTranslatorThreeArg<Object, Object, Object, Object>) translator)
                    .translateTo(event, sequence, a0[index], a1[index], a2[index]);
    /** {@code a0} holds each event's own argument array. */
    @SuppressWarnings("unchecked")
    static final Translation VARARGS = (event, sequence, translator, index, a0, a1, a2) ->
            ((EventTranslatorVararg<Object>) translator).translateTo(event, sequence, (Object[]) a0[index]);
}
