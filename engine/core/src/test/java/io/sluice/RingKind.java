package io.sluice;

/**
 * The three sequencers a ring can be built on, for contract tests every one of them must pass: a
 * single producer publishing through its cursor, a single producer marking each slot
 * ({@link RingBufferBuilder#slotMarkers()}), and many producers.
 */
public enum RingKind {
    SINGLE(ProducerType.SINGLE, false),
    SINGLE_SLOT_MARKERS(ProducerType.SINGLE, true),
    MULTI(ProducerType.MULTI, false);

    private final ProducerType producerType;
    private final boolean slotMarkers;

    RingKind(ProducerType producerType, boolean slotMarkers) {
        this.producerType = producerType;
        this.slotMarkers = slotMarkers;
    }

    /** {@return how many threads may produce} */
    public ProducerType producerType() {
        return producerType;
    }

    /** Sets the producer type, and slot markers where this kind has them, on {@code builder}. */
    public <E> RingBufferBuilder<E> configure(RingBufferBuilder<E> builder) {
        builder.producerType(producerType);
        return slotMarkers ? builder.slotMarkers() : builder;
    }
}
