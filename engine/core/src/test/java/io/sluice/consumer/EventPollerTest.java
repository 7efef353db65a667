package io.sluice.consumer;

import io.sluice.EventTranslator;
import io.sluice.RingBuffer;
import io.sluice.Sequence;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventPollerTest {
    private final RingBuffer<LongEvent> ring =
            RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());

    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            assertTrue(ring.tryPublishEvent(STAMP));
        }
    }

    private static final EventTranslator<LongEvent> STAMP = (event, sequence) -> event.value = sequence;

    @Test
    void anEmptyRingPollsIdle() throws Exception {
        EventPoller<LongEvent> poller = EventPoller.create(ring);
        ring.addGatingSequence(poller.sequence());
        assertEquals(EventPoller.State.IDLE, poller.poll((event, sequence, end) -> true));
    }

    @Test
    void aPollHandsOverEverythingAvailableAndAdvancesTheSequence() throws Exception {
        EventPoller<LongEvent> poller = EventPoller.create(ring);
        ring.addGatingSequence(poller.sequence());
        publish(3);
        List<String> seen = new ArrayList<>();
        assertEquals(EventPoller.State.PROCESSING, poller.poll((event, sequence, end) -> {
            seen.add(event.value + (end ? " end" : ""));
            return true;
        }));
        assertEquals(List.of("0", "1", "2 end"), seen);
        assertEquals(2, poller.sequence().getVolatile());
        assertEquals(EventPoller.State.IDLE, poller.poll((event, sequence, end) -> true));
    }

    @Test
    void aHandlerThatReturnsFalseEndsThePollAfterThatEvent() throws Exception {
        EventPoller<LongEvent> poller = EventPoller.create(ring);
        ring.addGatingSequence(poller.sequence());
        publish(3);
        assertEquals(EventPoller.State.PROCESSING, poller.poll((event, sequence, end) -> false));
        assertEquals(0, poller.sequence().getVolatile());
        assertEquals(EventPoller.State.PROCESSING, poller.poll((event, sequence, end) -> true));
        assertEquals(2, poller.sequence().getVolatile());
    }

    @Test
    void aPollerBehindAnUpstreamConsumerReportsGating() throws Exception {
        Sequence upstream = new Sequence();
        ring.addGatingSequence(upstream);
        EventPoller<LongEvent> poller = EventPoller.create(ring, upstream);
        publish(2);
        assertEquals(EventPoller.State.GATING, poller.poll((event, sequence, end) -> true));
        upstream.setRelease(0);
        assertEquals(EventPoller.State.PROCESSING, poller.poll((event, sequence, end) -> true));
        assertEquals(0, poller.sequence().getVolatile());
    }

    @Test
    void aHandlerThatThrowsLeavesTheFailedEventUnconsumed() {
        EventPoller<LongEvent> poller = EventPoller.create(ring);
        ring.addGatingSequence(poller.sequence());
        publish(4);
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> poller.poll((event, sequence, end) -> {
            if (sequence == 2) {
                throw boom;
            }
            return true;
        }));
        assertSame(boom, thrown);
        assertEquals(1, poller.sequence().getVolatile());
    }
}
