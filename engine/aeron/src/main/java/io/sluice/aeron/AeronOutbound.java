package io.sluice.aeron;

import io.sluice.consumer.EventHandler;

import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A ring stage that sends each event to an Aeron publication, carrying backpressure across:
 * while Aeron answers {@code BACK_PRESSURED} (the slowest receiver is a window behind) or
 * {@code NOT_CONNECTED} (no receiver yet), the stage waits on the event in hand with its idle
 * strategy and its sequence does not advance, so the ring fills and the ring's own producer policy
 * applies: a slow remote consumer slows, blocks or sheds local producers, as they chose.
 * {@code ADMIN_ACTION} is retried at once. {@code CLOSED} and {@code MAX_POSITION_EXCEEDED}, and
 * a receiver missing for longer than the not-connected timeout, fail the stage: its exception
 * policy and containment apply (by default the ring closes to producers, naming the stage).
 *
 * <p>A message that fits one frame is written by the encoder straight into the term buffer
 * ({@code tryClaim}); a longer one is encoded into a scratch buffer and offered (Aeron fragments it).
 *
 * <p>Runs on its stage's thread; the figures ({@link #sent()}, {@link #backPressured()},
 * {@link #notConnectedNanos()}, {@link #bytes()}) are readable from any thread. {@link #close()}
 * makes a wait for the remote give up, so a halt does not hang on a receiver that is gone.
 * The send path allocates nothing.
 *
 * @param <E> the ring's event type
 */
public final class AeronOutbound<E> implements EventHandler<E>, AutoCloseable {
    private static final VarHandle SENT;
    private static final VarHandle BACK_PRESSURED;
    private static final VarHandle NOT_CONNECTED_NANOS;
    private static final VarHandle BYTES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SENT = lookup.findVarHandle(AeronOutbound.class, "sent", long.class);
            BACK_PRESSURED = lookup.findVarHandle(AeronOutbound.class, "backPressured", long.class);
            NOT_CONNECTED_NANOS = lookup.findVarHandle(AeronOutbound.class, "notConnectedNanos", long.class);
            BYTES = lookup.findVarHandle(AeronOutbound.class, "bytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Publication publication;
    private final EventEncoder<? super E> encoder;
    private final IdleStrategy idle;
    private final long notConnectedTimeoutNanos;
    private final BufferClaim claim = new BufferClaim();
    private final UnsafeBuffer scratch;
    private volatile boolean closed;
    @SuppressWarnings("unused")
    private long sent;
    @SuppressWarnings("unused")
    private long backPressured;
    @SuppressWarnings("unused")
    private long notConnectedNanos;
    @SuppressWarnings("unused")
    private long bytes;

    /**
     * A stage that waits for the remote with a back-off idle strategy (spin, yield, then park up
     * to 100 µs) and gives up after 10 s without a receiver.
     *
     * @param publication where to send
     * @param encoder writes an event as a message
     */
    public AeronOutbound(Publication publication, EventEncoder<? super E> encoder) {
        this(publication, encoder, new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1),
                TimeUnit.MICROSECONDS.toNanos(100)), 10, TimeUnit.SECONDS);
    }

    /**
     * Creates a stage that sends a ring's events to a publication.
     *
     * @param publication where to send
     * @param encoder writes an event as a message
     * @param idle how to wait while the remote pushes back
     * @param notConnectedTimeout how long the stage waits for a receiver before it fails; positive
     * @param unit the unit of {@code notConnectedTimeout}
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public AeronOutbound(Publication publication, EventEncoder<? super E> encoder, IdleStrategy idle,
                         long notConnectedTimeout, TimeUnit unit) {
        this.publication = Objects.requireNonNull(publication, "publication");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.idle = Objects.requireNonNull(idle, "idle");
        if (notConnectedTimeout <= 0) {
            throw new IllegalArgumentException("notConnectedTimeout must be > 0: " + notConnectedTimeout);
        }
        Objects.requireNonNull(unit, "unit");
        this.notConnectedTimeoutNanos = unit.toNanos(notConnectedTimeout);
        this.scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(publication.maxMessageLength()));
    }

    @Override
    public void onEvent(E event, long sequence, boolean endOfBatch) {
        int length = encoder.length(event);
        if (length <= 0 || length > publication.maxMessageLength()) {
            throw new IllegalArgumentException("encoded length must be from 1 to the publication's max message length "
                    + publication.maxMessageLength() + ": " + length + " (sequence " + sequence + ")");
        }
        boolean fitsOneFrame = length <= publication.maxPayloadLength();
        if (!fitsOneFrame) {
            encoder.encode(event, scratch, 0);
        }
        long notConnectedSince = 0;
        idle.reset();
        while (true) {
            long result = fitsOneFrame ? publication.tryClaim(length, claim) : publication.offer(scratch, 0, length);
            if (result > 0) {
                if (fitsOneFrame) {
                    commit(event);
                }
                break;
            }
            if (result == Publication.ADMIN_ACTION) {
                continue;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
                throw new IllegalStateException("Aeron publication " + publication.channel() + " stream "
                        + publication.streamId() + " answered " + (result == Publication.CLOSED ? "CLOSED" : "MAX_POSITION_EXCEEDED")
                        + " at sequence " + sequence);
            }
            long now = System.nanoTime();
            if (result == Publication.NOT_CONNECTED) {
                if (notConnectedSince == 0) {
                    notConnectedSince = now;
                } else if (now - notConnectedSince > notConnectedTimeoutNanos) {
                    add(NOT_CONNECTED_NANOS, now - notConnectedSince);
                    throw new IllegalStateException("no receiver on Aeron " + publication.channel() + " stream "
                            + publication.streamId() + " for " + TimeUnit.NANOSECONDS.toMillis(now - notConnectedSince)
                            + " ms, at sequence " + sequence);
                }
            } else {
                if (notConnectedSince != 0) {
                    add(NOT_CONNECTED_NANOS, now - notConnectedSince);
                    notConnectedSince = 0;
                }
                add(BACK_PRESSURED, 1);
            }
            if (closed) {
                throw new IllegalStateException("outbound to " + publication.channel() + " closed while waiting to send sequence " + sequence);
            }
            idle.idle();
        }
        if (notConnectedSince != 0) {
            add(NOT_CONNECTED_NANOS, System.nanoTime() - notConnectedSince);
        }
        add(SENT, 1);
        add(BYTES, length);
    }

    private void commit(E event) {
        try {
            encoder.encode(event, claim.buffer(), claim.offset());
        } catch (RuntimeException | Error e) {
            claim.abort(); // the receiver sees a padding frame, not half a message
            throw e;
        }
        claim.commit();
    }

    /** Single writer (the stage's thread): plain read, opaque store, so readers see whole values. */
    private void add(VarHandle counter, long n) {
        counter.setOpaque(this, (long) counter.get(this) + n);
    }

    /** {@return messages sent} */
    public long sent() {
        return (long) SENT.getOpaque(this);
    }

    /** {@return offers Aeron answered {@code BACK_PRESSURED}: how often the remote pushed back} */
    public long backPressured() {
        return (long) BACK_PRESSURED.getOpaque(this);
    }

    /** {@return time spent waiting for a receiver ({@code NOT_CONNECTED}), in nanoseconds} */
    public long notConnectedNanos() {
        return (long) NOT_CONNECTED_NANOS.getOpaque(this);
    }

    /** {@return message bytes sent} */
    public long bytes() {
        return (long) BYTES.getOpaque(this);
    }

    /** Makes a wait for the remote give up (the stage fails at the event in hand); sending otherwise goes on. */
    @Override
    public void close() {
        closed = true;
    }

    /**
     * {@return the bridge's figures by name, as suppliers readable from any thread: to export them
     *     next to the ring's, {@code countersExport.addFigures("ring/stage", bridge.figures())}}
     */
    public Map<String, LongSupplier> figures() {
        Map<String, LongSupplier> figures = new LinkedHashMap<>();
        figures.put("sent", this::sent);
        figures.put("bytes", this::bytes);
        figures.put("back-pressured offers", this::backPressured);
        figures.put("not-connected ns", this::notConnectedNanos);
        return figures;
    }

    @Override
    public String toString() {
        return "aeron outbound " + publication.channel() + " stream " + publication.streamId() + ": sent=" + sent()
                + " bytes=" + bytes() + " backPressured=" + backPressured()
                + " notConnected=" + TimeUnit.NANOSECONDS.toMillis(notConnectedNanos()) + "ms";
    }
}
