package io.sluice.consumer;

import io.sluice.testkit.LongEvent;

import java.util.concurrent.atomic.AtomicLong;

/** A handler that counts its lifecycle callbacks, for the specs that they come in pairs. */
final class CountingHooks implements EventHandler<LongEvent> {
    final AtomicLong starts = new AtomicLong();
    final AtomicLong shutdowns = new AtomicLong();

    @Override
    public void onEvent(LongEvent event, long sequence, boolean endOfBatch) {
    }

    @Override
    public void onStart() {
        starts.incrementAndGet();
    }

    @Override
    public void onShutdown() {
        shutdowns.incrementAndGet();
    }
}
