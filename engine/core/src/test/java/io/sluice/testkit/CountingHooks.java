package io.sluice.testkit;

import io.sluice.consumer.EventHandler;

import java.util.concurrent.atomic.AtomicLong;

/** A handler that counts its lifecycle callbacks, for the specs that they come in pairs. */
public final class CountingHooks implements EventHandler<LongEvent> {
    public final AtomicLong starts = new AtomicLong();
    public final AtomicLong shutdowns = new AtomicLong();

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
