package io.sluice.bench.channel;

import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.consumer.EventPoller;
import io.sluice.pipeline.Pipeline;
import io.sluice.record.Records;
import io.sluice.wait.BusySpinWaitStrategy;

import com.lmax.disruptor.EventPoller.PollState;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jctools.queues.SpscArrayQueue;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A ping-pong between two threads: the caller sends a value one way, an echo thread sends it
 * back the other way, and the caller spins until it has it. Two threads, two channels, spinning
 * on both sides: a round trip is two hand-offs and nothing else.
 */
public interface RoundTrip {
    long roundTrip(long value) throws Exception;

    void close() throws InterruptedException;

    static RoundTrip create(String name) {
        return switch (name) {
            case "sluice" -> new SluiceRoundTrip();
            case "records" -> new RecordsRoundTrip();
            case "disruptor" -> new DisruptorRoundTrip();
            case "agrona" -> new AgronaRoundTrip();
            case "jctools" -> new QueueRoundTrip(new SpscArrayQueue<>(1024), new SpscArrayQueue<>(1024));
            case "abq" -> new QueueRoundTrip(new ArrayBlockingQueue<>(1024), new ArrayBlockingQueue<>(1024));
            default -> throw new IllegalArgumentException("unknown contender: " + name);
        };
    }

    /** Sluice: a ping ring whose echo stage busy-spins, a pong ring the caller reads with a poller. */
    final class SluiceRoundTrip implements RoundTrip {
        private final RingBuffer<SluiceChannel.Slot> ping = RingBuffer.builder(SluiceChannel.Slot::new).capacity(1024)
                .producerType(ProducerType.SINGLE).waitStrategy(new BusySpinWaitStrategy()).build();
        private final RingBuffer<SluiceChannel.Slot> pong = RingBuffer.builder(SluiceChannel.Slot::new).capacity(1024)
                .producerType(ProducerType.SINGLE).build();
        private final EventPoller<SluiceChannel.Slot> poller = EventPoller.create(pong);
        private final EventPoller.Handler<SluiceChannel.Slot> take = (slot, sequence, end) -> {
            received = slot.value;
            return false;
        };
        private final Pipeline<SluiceChannel.Slot> echo;
        private long received;

        SluiceRoundTrip() {
            pong.addGatingSequence(poller.sequence());
            Pipeline.Builder<SluiceChannel.Slot> b = Pipeline.builder(ping).threadFactory(SluiceChannel::daemon);
            b.handler("echo", (slot, sequence, end) -> {
                long s = pong.next();
                pong.get(s).value = slot.value;
                pong.publish(s);
            });
            echo = b.build();
            echo.start();
        }

        @Override
        public long roundTrip(long value) throws Exception {
            long s = ping.next();
            ping.get(s).value = value;
            ping.publish(s);
            while (poller.poll(take) != EventPoller.State.PROCESSING) {
                Thread.onSpinWait();
            }
            return received;
        }

        @Override
        public void close() {
            echo.halt();
        }
    }

    /** Sluice's record rings (8-byte records off the heap): the same shape as {@link SluiceRoundTrip}. */
    final class RecordsRoundTrip implements RoundTrip {
        private final RingBuffer<Records> ping = Records.offHeap(8).capacity(1024)
                .producerType(ProducerType.SINGLE).waitStrategy(new BusySpinWaitStrategy()).build();
        private final RingBuffer<Records> pong = Records.offHeap(8).capacity(1024)
                .producerType(ProducerType.SINGLE).build();
        private final Records pings = ping.get(0);
        private final EventPoller<Records> poller = EventPoller.create(pong);
        private final EventPoller.Handler<Records> take = (records, sequence, end) -> {
            received = records.getLong(sequence, 0);
            return false;
        };
        private final Pipeline<Records> echo;
        private long received;

        RecordsRoundTrip() {
            pong.addGatingSequence(poller.sequence());
            Records pongs = pong.get(0);
            Pipeline.Builder<Records> b = Pipeline.builder(ping).threadFactory(SluiceChannel::daemon);
            b.handler("echo", (records, sequence, end) -> {
                long s = pong.next();
                pongs.putLong(s, 0, records.getLong(sequence, 0));
                pong.publish(s);
            });
            echo = b.build();
            echo.start();
        }

        @Override
        public long roundTrip(long value) throws Exception {
            long s = ping.next();
            pings.putLong(s, 0, value);
            ping.publish(s);
            while (poller.poll(take) != EventPoller.State.PROCESSING) {
                Thread.onSpinWait();
            }
            return received;
        }

        @Override
        public void close() {
            echo.halt();
        }
    }

    /** The Disruptor: the same shape with its batch processor (busy-spin) and its poller. */
    final class DisruptorRoundTrip implements RoundTrip {
        private final com.lmax.disruptor.RingBuffer<SluiceChannel.Slot> ping = com.lmax.disruptor.RingBuffer
                .createSingleProducer(SluiceChannel.Slot::new, 1024, new com.lmax.disruptor.BusySpinWaitStrategy());
        private final com.lmax.disruptor.RingBuffer<SluiceChannel.Slot> pong = com.lmax.disruptor.RingBuffer
                .createSingleProducer(SluiceChannel.Slot::new, 1024, new com.lmax.disruptor.BusySpinWaitStrategy());
        private final com.lmax.disruptor.EventPoller<SluiceChannel.Slot> poller = pong.newPoller();
        private final com.lmax.disruptor.EventPoller.Handler<SluiceChannel.Slot> take = (slot, sequence, end) -> {
            received = slot.value;
            return false;
        };
        private final com.lmax.disruptor.BatchEventProcessor<SluiceChannel.Slot> echo;
        private long received;

        DisruptorRoundTrip() {
            pong.addGatingSequences(poller.getSequence());
            echo = new com.lmax.disruptor.BatchEventProcessorBuilder().build(ping, ping.newBarrier(), (slot, sequence, end) -> {
                long s = pong.next();
                pong.get(s).value = slot.value;
                pong.publish(s);
            });
            ping.addGatingSequences(echo.getSequence());
            SluiceChannel.daemon(echo).start();
        }

        @Override
        public long roundTrip(long value) throws Exception {
            long s = ping.next();
            ping.get(s).value = value;
            ping.publish(s);
            while (poller.poll(take) != PollState.PROCESSING) {
                Thread.onSpinWait();
            }
            return received;
        }

        @Override
        public void close() {
            echo.halt();
        }
    }

    /** Agrona: two one-to-one ring buffers; the echo thread spins reading one and writing the other. */
    final class AgronaRoundTrip implements RoundTrip {
        private final OneToOneRingBuffer ping = buffer();
        private final OneToOneRingBuffer pong = buffer();
        private final Thread echo;
        private volatile boolean running = true;
        private long received;
        private boolean got;
        /** Handlers made once: a lambda that captures this, made per poll, would allocate per poll. */
        private final org.agrona.concurrent.MessageHandler forward = (type, buffer, index, length) -> AgronaChannel.write(pong, buffer.getLong(index));
        private final org.agrona.concurrent.MessageHandler take = (type, buffer, index, length) -> {
            received = buffer.getLong(index);
            got = true;
        };

        AgronaRoundTrip() {
            echo = SluiceChannel.daemon(() -> {
                while (running) {
                    ping.read(forward, 1);
                }
            });
            echo.start();
        }

        private static OneToOneRingBuffer buffer() {
            return new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024 + RingBufferDescriptor.TRAILER_LENGTH)));
        }

        @Override
        public long roundTrip(long value) {
            AgronaChannel.write(ping, value);
            got = false;
            while (!got) {
                pong.read(take, 1);
            }
            return received;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            echo.join();
        }
    }

    /** A pair of queues (JCTools SPSC, or ArrayBlockingQueue) with pre-allocated boxes; both sides spin. */
    final class QueueRoundTrip implements RoundTrip {
        private static final Long[] BOXES = new Long[1024];

        static {
            for (int i = 0; i < BOXES.length; i++) {
                BOXES[i] = (long) i;
            }
        }

        private final Queue<Long> ping;
        private final Queue<Long> pong;
        private final Thread echo;
        private volatile boolean running = true;

        QueueRoundTrip(Queue<Long> ping, Queue<Long> pong) {
            this.ping = ping;
            this.pong = pong;
            echo = SluiceChannel.daemon(() -> {
                while (running) {
                    Long value = ping.poll();
                    if (value != null) {
                        while (!pong.offer(value)) {
                            Thread.onSpinWait();
                        }
                    }
                }
            });
            echo.start();
        }

        @Override
        public long roundTrip(long value) {
            while (!ping.offer(BOXES[(int) (value & (BOXES.length - 1))])) {
                Thread.onSpinWait();
            }
            Long back;
            while ((back = pong.poll()) == null) {
                Thread.onSpinWait();
            }
            return back;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            echo.join();
        }
    }
}
