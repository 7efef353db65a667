package io.sluice;

import io.sluice.access.FieldHandles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The recent claims of one producer handle whose class keeps a reserve: where each claim began
 * and how many sequences the handle had claimed when it ended, so that any thread can count the
 * handle's claimed sequences that consumers have not yet passed ({@link #inFlight}). One writer,
 * the handle's thread, which notes each claim after the sequencer granted it; any readers.
 *
 * <p><b>Why it need not hold every claim.</b> The count only matters below the class's reserve
 * {@code R}: at or above it, the class has no unused reserve to keep free. The log keeps
 * {@code R + 1 + MARGIN} entries; if every entry a reader may use is still in flight, the handle
 * has at least {@code R} sequences in flight, and the reader returns a figure of at least that.
 * Below that, the figure is exact.
 *
 * <p><b>Memory ordering.</b> The writer stores an entry's two longs plain, then the count of
 * entries written with release; a reader acquires the count, reads entries, and after a
 * load-load fence reads the count again: an entry the writer may have begun to overwrite since
 * (one a whole log length below the new count) is not used, and the read is retried (a
 * sequence lock's check, without a lock: the writer never waits). Entries a reader does use
 * were written before the count it acquired and are not written again until the count passes
 * them by the log's length, which the second read rules out.
 *
 * <p><b>Which way it errs.</b> A claim granted but not yet noted is missing from the figure, and
 * a claim of several that consumers are part-way through counts in full only when its
 * predecessor is still in the log. So the figure may understate the handle's sequences in flight
 * for an instant, never overstate them: other classes then leave the class more room, not less.
 */
final class ClaimLog {
    /** Entries kept beyond the reserve, so a reader racing a writer still has {@code R + 1} to use. */
    static final int MARGIN = 64;
    private static final VarHandle WRITTEN =
            FieldHandles.field(MethodHandles.lookup(), ClaimLog.class, "written", long.class);
    private static final int ATTEMPTS = 4;

    /** At {@code 2i}, the first sequence of claim {@code i}; at {@code 2i + 1}, claims counted after it. */
    private final long[] entries;
    /** How many entries the log holds. */
    private final int length;
    /** Entries written ever; stored with release by the writer, read with acquire. */
    private long written;
    /** Sequences claimed and noted; the writer's own. */
    private long noted;
    /** The index of the next entry's storage; the writer's own. */
    private int next;
    /** Set (release) when the handle has closed: once nothing of it is in flight, it may be forgotten. */
    private volatile boolean closed;

    /** A log for a handle whose class keeps {@code reserve} slots. */
    ClaimLog(int reserve) {
        this.length = reserve + 1 + MARGIN;
        this.entries = new long[2 * length];
    }

    /** Notes the claim {@code first .. first + n - 1}, just granted. The writer's thread only. */
    void noteClaim(long first, int n) {
        int i = next << 1;
        noted += n;
        entries[i] = first;
        entries[i + 1] = noted;
        next = next + 1 == length ? 0 : next + 1;
        // Release: a reader that acquires the new count sees the entry whole.
        WRITTEN.setRelease(this, written + 1);
    }

    /**
     * Forgets the latest claim, which the sequencer took back (a single-producer ring's abort of
     * its latest claim). Only on a single-producer ring, whose one thread is every reader's thread
     * too, so no reader can be between the two halves of this.
     */
    void forgetLatest() {
        next = next == 0 ? length - 1 : next - 1;
        noted = written == 1 ? 0 : entryNoted(written - 2);
        WRITTEN.setRelease(this, written - 1);
    }

    /** Marks the log's handle closed: its claims still count until consumers pass them. */
    void close() {
        closed = true;
    }

    /** {@return whether the handle closed and nothing it claimed is in flight after {@code head}} */
    boolean isSpent(long head) {
        return closed && inFlight(head) == 0;
    }

    /**
     * Counts the handle's claimed sequences above {@code head} (not yet passed by the consumers):
     * exact while the count is below the reserve, at least the reserve otherwise, and never above
     * the truth (see the class comment). Any thread; never waits.
     *
     * @param head the consumers' gating minimum the caller works from
     * @return the count
     */
    long inFlight(long head) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long count = (long) WRITTEN.getAcquire(this);
            if (count == 0) {
                return 0;
            }
            // The oldest entry to use: one MARGIN newer than the oldest held, so that the writer
            // may note MARGIN claims during the read before an entry used here is overwritten.
            long oldest = Math.max(0, count - length + MARGIN);
            long figure = countAbove(head, oldest, count - 1);
            // Load-load: the entries above are read before the count is read again.
            VarHandle.loadLoadFence();
            long now = (long) WRITTEN.getAcquire(this);
            // Entry j's storage is rewritten by entry j + length, begun once the count reaches it.
            if (now < oldest + length) {
                return figure;
            }
        }
        // The writer outran every attempt: it notes claims faster than a reader reads a few
        // dozen longs. Zero understates, which is the safe way to err (see the class comment).
        return 0;
    }

    /** The count over entries {@code oldest .. newest}, all written: a binary search for the newest claim starting at or below head. */
    private long countAbove(long head, long oldest, long newest) {
        long newestNoted = entryNoted(newest);
        long lo = oldest;
        long hi = newest;
        long found = -1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            if (entryFirst(mid) <= head) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            // Every entry used is in flight. Claims before the oldest one count only if the log has them all.
            return oldest == 0 ? newestNoted : newestNoted - entryNoted(oldest) + 1;
        }
        long notedAtFound = entryNoted(found);
        long inFlight = newestNoted - notedAtFound;
        if (found == 0 || found > oldest) {
            // The claim at found began at or below head; its tail above head is in flight.
            long size = notedAtFound - (found == 0 ? 0 : entryNoted(found - 1));
            long last = entryFirst(found) + size - 1;
            inFlight += Math.max(0, last - head);
        }
        return inFlight;
    }

    private long entryFirst(long entry) {
        return entries[(int) (entry % length) << 1];
    }

    private long entryNoted(long entry) {
        return entries[((int) (entry % length) << 1) + 1];
    }
}
