/**
 * A bridge between rings in different processes or hosts over Aeron, carrying backpressure
 * across: {@link io.sluice.aeron.AeronOutbound} is a ring stage that offers events to an Aeron
 * publication and holds the ring back while Aeron answers {@code BACK_PRESSURED} or
 * {@code NOT_CONNECTED}; {@link io.sluice.aeron.AeronInbound} polls a subscription into a ring
 * no faster than the ring has room for. Needs {@code io.aeron:aeron-client} (and
 * {@code aeron-driver} for the embedded media driver of {@link io.sluice.aeron.AeronConnection}),
 * optional dependencies of the engine; Agrona's JVM flag applies.
 */
package io.sluice.aeron;
