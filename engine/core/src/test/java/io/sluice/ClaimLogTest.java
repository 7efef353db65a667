package io.sluice;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A handle's claim log counts its sequences above a head: exactly below its reserve, at least the reserve above. */
class ClaimLogTest {
    @Test
    void anEmptyLogHasNothingInFlight() {
        assertEquals(0, new ClaimLog(4).inFlight(-1));
    }

    @Test
    void claimsAboveTheHeadAreInFlightAndThoseAtOrBelowAreNot() {
        ClaimLog log = new ClaimLog(8);
        log.noteClaim(0, 1);
        log.noteClaim(5, 1);
        log.noteClaim(9, 1);
        assertEquals(3, log.inFlight(-1));
        assertEquals(2, log.inFlight(0));
        assertEquals(1, log.inFlight(5));
        assertEquals(0, log.inFlight(9));
    }

    @Test
    void aClaimOfSeveralThatConsumersArePartWayThroughCountsItsTail() {
        ClaimLog log = new ClaimLog(16);
        log.noteClaim(0, 2);
        log.noteClaim(2, 8); // 2..9
        assertEquals(6, log.inFlight(3));
        assertEquals(1, log.inFlight(8));
    }

    @Test
    void theCountStaysExactAfterTheLogWrapsManyTimes() {
        ClaimLog log = new ClaimLog(4);
        for (long s = 0; s < 10_000; s++) {
            log.noteClaim(s, 1);
        }
        assertEquals(3, log.inFlight(9_996));
        assertEquals(0, log.inFlight(9_999));
    }

    @Test
    void whenEveryKeptClaimIsInFlightTheCountIsAtLeastTheReserve() {
        ClaimLog log = new ClaimLog(4);
        for (long s = 0; s < 1_000; s++) {
            log.noteClaim(s, 1);
        }
        long count = log.inFlight(-1);
        assertTrue(count >= 4, "count " + count);
        assertTrue(count <= 1_000, "count " + count);
    }

    @Test
    void forgettingTheLatestClaimRemovesOnlyIt() {
        ClaimLog log = new ClaimLog(8);
        log.noteClaim(0, 2);
        log.noteClaim(2, 3);
        log.forgetLatest();
        assertEquals(2, log.inFlight(-1));
        log.noteClaim(2, 1);
        assertEquals(3, log.inFlight(-1));
    }

    @Test
    void aClosedLogIsSpentOnlyOnceConsumersPassedItsClaims() {
        ClaimLog log = new ClaimLog(8);
        log.noteClaim(0, 2);
        log.close();
        assertFalse(log.isSpent(0));
        assertTrue(log.isSpent(1));
    }
}
