package io.sluice.aeron;

import io.sluice.Producer;
import io.sluice.RingBuffer;
import io.sluice.RingClosedException;

import io.aeron.ControlledFragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Polls an Aeron subscription into a ring, pull-based: each poll takes at most as many
 * fragments as the ring has free slots, and a message that finds the ring full is left in Aeron
 * ({@code ABORT}: it is delivered again on the next poll). So a slow local consumer stops the
 * polling, the subscription's position stops, and Aeron's flow control pushes back on the remote
 * publisher, instead of anything buffering without bound. Messages longer than a frame are
 * reassembled first.
 *
 * <p>{@link #run()} is the polling loop, for a thread of its own; {@link #poll()} is one duty
 * cycle, for a caller's loop. Stops when {@link #close()}d or when the ring closes. The figures
 * are readable from any thread; polling allocates nothing.
 *
 * @param <E> the ring's event type
 */
public final class AeronInbound<E> implements Runnable, AutoCloseable {
    private static final VarHandle RECEIVED;
    private static final VarHandle HELD_BACK;
    private static final VarHandle BYTES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RECEIVED = lookup.findVarHandle(AeronInbound.class, "received", long.class);
            HELD_BACK = lookup.findVarHandle(AeronInbound.class, "heldBack", long.class);
            BYTES = lookup.findVarHandle(AeronInbound.class, "bytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Subscription subscription;
    private final RingBuffer<E> ring;
    private final Producer<E> producer;
    private final EventDecoder<? super E> decoder;
    private final IdleStrategy idle;
    private final int fragmentLimit;
    private final ControlledFragmentAssembler assembler = new ControlledFragmentAssembler(this::onMessage);
    private volatile boolean running = true;
    @SuppressWarnings("unused")
    private long received;
    @SuppressWarnings("unused")
    private long heldBack;
    @SuppressWarnings("unused")
    private long bytes;

    /**
     * An inbound bridge that polls up to 64 fragments at a time and idles with a back-off
     * strategy (spin, yield, then park up to 100 µs) when there is nothing to do.
     *
     * @param subscription what to poll
     * @param ring where to publish
     * @param decoder reads a message into a slot
     */
    public AeronInbound(Subscription subscription, RingBuffer<E> ring, EventDecoder<? super E> decoder) {
        this(subscription, ring, decoder, new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1),
                TimeUnit.MICROSECONDS.toNanos(100)), 64);
    }

    /**
     * Creates a bridge from a subscription into a ring.
     *
     * @param subscription what to poll
     * @param ring where to publish; the bridge claims through its own producer handle
     * @param decoder reads a message into a slot
     * @param idle how to wait when a poll found nothing, or the ring had no room
     * @param fragmentLimit the most fragments per poll; positive
     * @throws IllegalArgumentException if {@code fragmentLimit} is not positive
     */
    public AeronInbound(Subscription subscription, RingBuffer<E> ring, EventDecoder<? super E> decoder,
                        IdleStrategy idle, int fragmentLimit) {
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.ring = Objects.requireNonNull(ring, "ring");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.idle = Objects.requireNonNull(idle, "idle");
        if (fragmentLimit < 1) {
            throw new IllegalArgumentException("fragmentLimit must be > 0: " + fragmentLimit);
        }
        this.fragmentLimit = fragmentLimit;
        this.producer = ring.newProducer("aeron-inbound:" + subscription.channel() + ":" + subscription.streamId());
    }

    /** Polls until {@link #close()}d or the ring closes. */
    @Override
    public void run() {
        try {
            while (running) {
                idle.idle(poll());
            }
        } catch (RingClosedException closed) {
            // the ring's pipeline stopped
        } finally {
            producer.close();
        }
    }

    /**
     * One duty cycle: takes as many fragments as the ring has room for, up to the fragment limit.
     *
     * @return how many fragments were taken
     * @throws RingClosedException if the ring closed
     */
    public int poll() {
        int room = (int) Math.min(fragmentLimit, ring.remainingCapacity());
        if (room == 0) {
            if (ring.isClosed()) {
                throw ring.closedReason();
            }
            return 0;
        }
        return subscription.controlledPoll(assembler, room);
    }

    private ControlledFragmentHandler.Action onMessage(DirectBuffer buffer, int offset, int length, Header header) {
        long sequence = producer.tryNext();
        if (sequence < 0) {
            // Another producer took the room: leave the message in Aeron, it comes again next poll.
            add(HELD_BACK, 1);
            return ControlledFragmentHandler.Action.ABORT;
        }
        try {
            decoder.decode(buffer, offset, length, ring.get(sequence));
        } finally {
            producer.publish(sequence);
        }
        add(RECEIVED, 1);
        add(BYTES, length);
        return ControlledFragmentHandler.Action.CONTINUE;
    }

    /** Single writer (the polling thread): plain read, opaque store, so readers see whole values. */
    private void add(VarHandle counter, long n) {
        counter.setOpaque(this, (long) counter.get(this) + n);
    }

    /** {@return messages published into the ring} */
    public long received() {
        return (long) RECEIVED.getOpaque(this);
    }

    /** {@return messages left in Aeron because the ring had no room when they came} */
    public long heldBack() {
        return (long) HELD_BACK.getOpaque(this);
    }

    /** {@return message bytes received} */
    public long bytes() {
        return (long) BYTES.getOpaque(this);
    }

    /** Ends {@link #run()} after the poll in hand. */
    @Override
    public void close() {
        running = false;
    }

    /**
     * {@return the bridge's figures by name, as suppliers readable from any thread: to export them
     *     next to the ring's, {@code countersExport.addFigures("ring/stage", bridge.figures())}}
     */
    public Map<String, LongSupplier> figures() {
        Map<String, LongSupplier> figures = new LinkedHashMap<>();
        figures.put("received", this::received);
        figures.put("bytes", this::bytes);
        figures.put("held back", this::heldBack);
        return figures;
    }

    @Override
    public String toString() {
        return "aeron inbound " + subscription.channel() + " stream " + subscription.streamId() + ": received="
                + received() + " bytes=" + bytes() + " heldBack=" + heldBack();
    }
}
