package io.sluice.flow;

import io.sluice.RingBuffer;
import io.sluice.testkit.LongEvent;

import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;

import java.util.concurrent.Flow;

/** The Reactive Streams TCK's subscriber rules, on {@link RingSubscriber} (black box: through its signals only). */
public class RingSubscriberTckTest extends FlowSubscriberBlackboxVerification<Long> {
    public RingSubscriberTckTest() {
        super(new TestEnvironment(500));
    }

    @Override
    public Flow.Subscriber<Long> createFlowSubscriber() {
        // No consumer gates this ring, so it never fills: the subscriber's requests are what is tested.
        RingBuffer<LongEvent> ring = RingBuffer.builder(LongEvent.FACTORY).capacity(64).build();
        return new RingSubscriber<Long, LongEvent>(ring, (event, sequence, value) -> event.value = value);
    }

    @Override
    public Long createElement(int element) {
        return (long) element;
    }
}
