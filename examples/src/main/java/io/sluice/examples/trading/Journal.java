package io.sluice.examples.trading;

import io.sluice.consumer.EventHandler;

import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The journal stage: appends every order to a file, in ring order, before matching sees it,
 * so replaying the file rebuilds the same book. Records are 40 bytes, buffered and written at
 * the end of each batch; {@link Fsync} says when the file is forced to disk.
 */
final class Journal implements EventHandler<OrderEvent> {
    /** When the journal forces what it wrote to the disk. */
    enum Fsync {
        /** Never: the OS writes back when it likes (fastest; a power cut loses the tail). */
        NONE,
        /** Once per batch the ring hands over: group commit. */
        BATCH,
        /** After every order (slowest: a disk flush each). */
        EVERY
    }

    static final int RECORD_BYTES = 40;

    private final FileChannel file;
    private final Fsync fsync;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    final Histogram latency = new Histogram(60_000_000_000L, 3);
    long orders;

    Journal(Path path, Fsync fsync) throws IOException {
        this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.fsync = fsync;
    }

    @Override
    public void onEvent(OrderEvent order, long sequence, boolean endOfBatch) throws IOException {
        if (order.type == OrderEvent.Type.QUOTE) {
            if (endOfBatch) {
                flush();
            }
            return; // market data is not journaled: a replay rebuilds the book from orders alone
        }
        if (buffer.remaining() < RECORD_BYTES) {
            write();
        }
        buffer.put((byte) order.type.ordinal()).put((byte) order.side.ordinal()).putShort((short) 0).putInt(0)
                .putLong(order.orderId).putLong(order.targetId).putLong(order.price).putLong(order.quantity);
        orders++;
        latency.recordValue(Math.max(0, System.nanoTime() - order.createdNanos));
        if (endOfBatch || fsync == Fsync.EVERY) {
            flush();
        }
    }

    /** Writes what is buffered and, unless fsync is none, forces it to disk. */
    private void flush() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        write();
        if (fsync != Fsync.NONE) {
            file.force(false);
        }
    }

    private void write() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void onShutdown() {
        try {
            write();
            file.force(false);
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the journal", e);
        }
    }

    /** What a replay found. */
    record Replay(long orders, long submittedQuantity, OrderBook book, ExecutionDigest digest) {
    }

    /** Rebuilds a book from the journal: every order, in order, through a fresh book. */
    static Replay replay(Path path) throws IOException {
        long size = Files.size(path);
        if (size % RECORD_BYTES != 0) {
            throw new IOException("journal " + path + " ends in a partial record: " + size + " bytes");
        }
        OrderBook book = new OrderBook();
        ExecutionDigest digest = new ExecutionDigest();
        long submitted = 0;
        OrderEvent.Type[] types = OrderEvent.Type.values();
        Side[] sides = Side.values();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
            for (long i = 0; i < size / RECORD_BYTES; i++) {
                OrderEvent.Type type = types[in.readByte()];
                Side side = sides[in.readByte()];
                in.readShort(); // padding, as written
                in.readInt();
                long orderId = in.readLong();
                long targetId = in.readLong();
                long price = in.readLong();
                long quantity = in.readLong();
                submitted += digest.apply(book, type, orderId, targetId, side, price, quantity);
            }
        }
        return new Replay(size / RECORD_BYTES, submitted, book, digest);
    }
}
