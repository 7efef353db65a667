package io.sluice.testkit;

import io.sluice.EventFactory;

/** A mutable slot payload for tests. */
public final class LongEvent {
    public long value;
    public long tag;

    public static final EventFactory<LongEvent> FACTORY = LongEvent::new;
}
