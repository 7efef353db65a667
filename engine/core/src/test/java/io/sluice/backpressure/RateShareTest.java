package io.sluice.backpressure;

import io.sluice.FakeClock;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shares of a rate limiter, on a clock the test moves: a limiter of 1000 permits a second and a
 * burst of 100; "orders" keep a quarter of it (a reserve of 25 permits, refilled at 250/s).
 */
class RateShareTest {
    private final FakeClock clock = new FakeClock();
    private final RateLimiter limiter = new RateLimiter(1000, 100, clock);
    private final RateLimiter.Share orders = limiter.share("orders", 0.25);

    private static int drain(RateLimiter limiter) {
        int granted = 0;
        while (limiter.tryAcquire(1)) {
            granted++;
        }
        return granted;
    }

    private static int drain(RateLimiter.Share share) {
        int granted = 0;
        while (share.tryAcquire(1)) {
            granted++;
        }
        return granted;
    }

    @Test
    void aShareKeepsItsReserveInTheBucketAgainstClaimersOutsideIt() {
        assertEquals(25, orders.reserve());
        assertEquals(75, drain(limiter));
        assertEquals(25, drain(orders));
    }

    @Test
    void aShareBorrowsTheWholeBucketWhenNobodyElseKeepsAReserve() {
        assertEquals(100, drain(orders));
        clock.advance(10, TimeUnit.MILLISECONDS);
        assertEquals(10, drain(orders), "and the whole rate");
    }

    @Test
    void aShareWithinItsRateIsNeverRefusedWhileOthersTakeEverythingElse() {
        int others = drain(limiter);
        int refused = 0;
        for (int millisecond = 1; millisecond <= 1_000; millisecond++) {
            clock.advance(1, TimeUnit.MILLISECONDS);
            if (millisecond % 4 == 0 && !orders.tryAcquire(1)) { // 250 a second: the share's rate
                refused++;
            }
            others += drain(limiter);
        }
        assertEquals(0, refused);
        // The share's use is counted in whole permits, rounded in its favour: one either way.
        assertTrue(Math.abs(others - (75 + 750)) <= 1,
                "the others get the burst outside the reserve, then the rest of the rate: " + others);
    }

    @Test
    void aShareThatUsedUpItsReserveGetsItBackAtItsOwnRate() {
        drain(limiter);
        assertEquals(25, drain(orders));
        clock.advance(4, TimeUnit.MILLISECONDS);
        assertEquals(3, drain(limiter), "of the 4 permits earned, 1 is the orders' again: 250 a second");
        assertEquals(1, drain(orders));
        assertFalse(orders.tryAcquire(1));
    }

    @Test
    void twoSharesFlatOutEachGetAtLeastTheirRate() {
        RateLimiter.Share alerts = limiter.share("alerts", 0.5);
        int ordersGranted = 0;
        int alertsGranted = 0;
        for (int millisecond = 1; millisecond <= 1_000; millisecond++) {
            clock.advance(1, TimeUnit.MILLISECONDS);
            // Alternate who asks first, so neither always takes the unreserved part.
            if (millisecond % 2 == 0) {
                ordersGranted += drain(orders);
                alertsGranted += drain(alerts);
            } else {
                alertsGranted += drain(alerts);
                ordersGranted += drain(orders);
            }
        }
        assertTrue(ordersGranted >= 250, "orders got " + ordersGranted);
        assertTrue(alertsGranted >= 500, "alerts got " + alertsGranted);
        int total = ordersGranted + alertsGranted;
        assertTrue(total <= 1_100 && total >= 1_098, "the burst and the rate, nothing more (less a permit or two"
                + " kept for a share whose use is rounded in its favour): " + total);
    }

    @Test
    void aRefundGoesBackToTheSharesReserve() {
        drain(limiter);
        assertTrue(orders.tryAcquire(10));
        orders.refund(10);
        assertEquals(0, drain(limiter), "the refunded permits are the orders' reserve again");
        assertEquals(25, drain(orders));
    }

    @Test
    void theLargestAcquireLeavesTheOtherSharesReserves() {
        assertEquals(100, orders.largestAcquire());
        assertEquals(75, limiter.unreservedBurst());
        RateLimiter.Share alerts = limiter.share("alerts", 0.5);
        assertEquals(50, orders.largestAcquire());
        assertEquals(75, alerts.largestAcquire());
        assertEquals(25, limiter.unreservedBurst());
    }

    @Test
    void sharesSummingToMoreThanTheWholeRateAreRefusedNamingTheSum() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> limiter.share("bulk", 0.8));
        assertTrue(e.getMessage().contains("would sum to 1.05"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> limiter.share("none", 0));
        assertThrows(IllegalArgumentException.class, () -> limiter.share("nan", Double.NaN));
    }
}
