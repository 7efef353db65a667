package io.sluice.consumer;

import io.sluice.RingBuffer;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.StopResult;
import io.sluice.testkit.LongEvent;
import io.sluice.wait.BlockingWaitStrategy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exception policies and lifecycle settings: what they say, and bad values rejected with the value named. */
class ExceptionPolicyTest {
    @Test
    void retryWaitsTwiceAsLongBeforeEachNextRetryThenDoesWhatItsFallbackDoes() {
        ExceptionPolicy policy = ExceptionPolicy.retry(3, 2, TimeUnit.MILLISECONDS, ExceptionPolicy.skip());
        assertEquals(3, policy.retries());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(2), policy.backoffNanos(1));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(4), policy.backoffNanos(2));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(8), policy.backoffNanos(3));
        assertTrue(policy.skipsWhenExhausted());
        assertFalse(ExceptionPolicy.retry(1, 0, TimeUnit.SECONDS, ExceptionPolicy.stop()).skipsWhenExhausted());
        assertEquals("retry(3, backoff 2000000 ns, then skip)", policy.toString());
        assertEquals("stop", ExceptionPolicy.stop().toString());
    }

    @Test
    void badRetrySettingsAreRejectedNamingTheValue() {
        assertMessage("from 1 to 30: 0", assertThrows(IllegalArgumentException.class,
                () -> ExceptionPolicy.retry(0, 1, TimeUnit.MILLISECONDS, ExceptionPolicy.stop())));
        assertMessage("from 1 to 30: 31", assertThrows(IllegalArgumentException.class,
                () -> ExceptionPolicy.retry(31, 1, TimeUnit.MILLISECONDS, ExceptionPolicy.stop())));
        assertMessage(">= 0: -1", assertThrows(IllegalArgumentException.class,
                () -> ExceptionPolicy.retry(1, -1, TimeUnit.MILLISECONDS, ExceptionPolicy.stop())));
        ExceptionPolicy retry = ExceptionPolicy.retry(1, 1, TimeUnit.MILLISECONDS, ExceptionPolicy.stop());
        assertMessage("not another retry", assertThrows(IllegalArgumentException.class,
                () -> ExceptionPolicy.retry(1, 1, TimeUnit.MILLISECONDS, retry)));
    }

    @Test
    void badLifecycleSettingsAreRejectedNamingTheValue() {
        RingBuffer<LongEvent> ring = RingBuffer.createMultiProducer(LongEvent.FACTORY, 8, new BlockingWaitStrategy());
        Pipeline.Builder<LongEvent> b = Pipeline.builder(ring);
        assertMessage("positive: PT0S", assertThrows(IllegalArgumentException.class, () -> b.stopTimeout(Duration.ZERO)));
        b.handler("h", (event, sequence, end) -> { });
        Pipeline<LongEvent> pipeline = b.build();
        pipeline.start();
        assertMessage(">= 0: PT-1S", assertThrows(IllegalArgumentException.class,
                () -> pipeline.drainAndStop(Duration.ofSeconds(-1))));
        assertMessage("no stage named nope", assertThrows(IllegalArgumentException.class, () -> pipeline.stage("nope")));
        assertMessage("not a poller", assertThrows(IllegalStateException.class, () -> pipeline.stage("h").poller()));
        StopResult result = pipeline.drainAndStop(Duration.ofSeconds(10));
        assertMessage("no stage named nope", assertThrows(IllegalArgumentException.class, () -> result.left("nope")));
    }

    private static void assertMessage(String expected, Throwable thrown) {
        assertTrue(thrown.getMessage().contains(expected), "message '" + thrown.getMessage() + "' lacks '" + expected + "'");
    }
}
