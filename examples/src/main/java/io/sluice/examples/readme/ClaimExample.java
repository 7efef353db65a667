package io.sluice.examples.readme;

import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.examples.readme.QuickStart.Trade;

/** A claim of several slots, committed at once; docs/GUIDE.md quotes the part between the markers. */
public final class ClaimExample {
    private ClaimExample() {
    }

    // docs:start
    /** Publishes {@code prices} as one claim; returns how many were published. */
    static int publishAll(Producer<Trade> producer, long[] prices) throws InterruptedException {
        Claim<Trade> claim = producer.claim(prices.length); // or claim(), tryClaim(), tryClaim(n)
        if (!claim.isClaimed()) {
            // TIMED_OUT, DROPPED or INSUFFICIENT_CAPACITY: nothing was claimed, and get() would throw
            System.err.println("prices not published: " + claim.outcome());
            return 0;
        }
        for (int i = 0; i < claim.size(); i++) {
            claim.get(i).price = prices[i];
        }
        claim.commit();                                     // publishes all of them at once
        return prices.length;
    }
    // docs:end
}
