package io.sluice.bench.channel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every ping-pong pair hands each value there and back unchanged. */
class RoundTripTest {
    @ParameterizedTest
    @ValueSource(strings = {"sluice", "records", "disruptor", "agrona", "jctools", "abq"})
    void everyValueComesBackAsSent(String pair) throws Exception {
        RoundTrip roundTrip = RoundTrip.create(pair);
        try {
            // Under 1,024: the queue pairs send preallocated boxes of the value's low ten bits.
            for (int lap = 0; lap < 10; lap++) {
                for (long v = 0; v < 1_000; v++) {
                    assertEquals(v, roundTrip.roundTrip(v), pair);
                }
            }
        } finally {
            roundTrip.close();
        }
    }
}
