package io.sluice.stress;

import io.sluice.Claim;
import io.sluice.Producer;
import io.sluice.ProducerClass;
import io.sluice.RingBuffer;
import io.sluice.Sequence;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Producer classes under racing claims: a class's unused reserve stays free however other
 * classes' claims interleave, and a class within its reserve is admitted while others claim.
 * On an 8-slot ring whose consumer never moves, "orders" keep 2 slots and "bulk" keeps none.
 */
public final class ProducerClassTests {
    private static final ProducerClass ORDERS = ProducerClass.of("orders", 0.25);
    private static final ProducerClass BULK = ProducerClass.of("bulk", 0);

    private ProducerClassTests() {
    }

    private static RingBuffer<Slot> ring() {
        RingBuffer<Slot> ring = RingBuffer.builder(Slot::new).capacity(8).producerClasses(ORDERS, BULK).build();
        ring.addGatingSequence(new Sequence()); // a consumer that has read nothing
        return ring;
    }

    /** Claims one slot at a time until refused, at most {@code most}; returns how many. */
    private static long claimUntilRefused(Producer<Slot> producer, int most) {
        long claimed = 0;
        Claim<Slot> claim;
        while (claimed < most && (claim = producer.tryClaim()).isClaimed()) {
            claim.commit();
            claimed++;
        }
        return claimed;
    }

    /**
     * Two bulk handles race to fill the ring; they share the 6 slots outside the orders'
     * reserve, however their claims interleave, and the orders then get their 2.
     * r1, r2: slots each bulk handle got; r3: slots the orders got after.
     */
    @JCStressTest
    @Outcome(id = {"0, 6, 2", "1, 5, 2", "2, 4, 2", "3, 3, 2", "4, 2, 2", "5, 1, 2", "6, 0, 2"}, expect = ACCEPTABLE,
            desc = "bulk shared the 6 unreserved slots; the orders' 2 stayed free")
    @Outcome(expect = FORBIDDEN, desc = "bulk took part of the orders' reserve, or left unreserved room unused")
    @State
    public static class RacingBorrowersLeaveTheReserveFree {
        private final RingBuffer<Slot> ring = ring();
        private final Producer<Slot> bulkA = ring.newProducer("bulk-a", BULK);
        private final Producer<Slot> bulkB = ring.newProducer("bulk-b", BULK);
        private final Producer<Slot> orders = ring.newProducer("orders", ORDERS);

        @Actor
        public void first(JJJ_Result r) {
            r.r1 = claimUntilRefused(bulkA, 8);
        }

        @Actor
        public void second(JJJ_Result r) {
            r.r2 = claimUntilRefused(bulkB, 8);
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            r.r3 = claimUntilRefused(orders, 8);
        }
    }

    /**
     * The orders claim their 2 while bulk fills the ring: the orders always get both. Bulk gets
     * the other 6, or fewer if it read the orders' count between a claim and its noting, which
     * only ever makes bulk stricter. r1: slots bulk got; r2: slots the orders got; r3: free slots after.
     */
    @JCStressTest
    @Outcome(id = {"6, 2, 0"}, expect = ACCEPTABLE, desc = "both classes got their room")
    @Outcome(id = {"4, 2, 2", "5, 2, 1"}, expect = ACCEPTABLE_INTERESTING,
            desc = "bulk stopped early: it read the orders' count before their latest claim was noted (the safe way to err)")
    @Outcome(expect = FORBIDDEN, desc = "an order within its reserve was refused, or a slot was handed out twice")
    @State
    public static class AClassWithinItsReserveIsAdmittedWhileAnotherBorrows {
        private final RingBuffer<Slot> ring = ring();
        private final Producer<Slot> bulk = ring.newProducer("bulk", BULK);
        private final Producer<Slot> orders = ring.newProducer("orders", ORDERS);

        @Actor
        public void bulk(JJJ_Result r) {
            r.r1 = claimUntilRefused(bulk, 8);
        }

        @Actor
        public void orders(JJJ_Result r) {
            r.r2 = claimUntilRefused(orders, 2);
        }

        @Arbiter
        public void arbiter(JJJ_Result r) {
            r.r3 = ring.remainingCapacity();
        }
    }

    /**
     * Bulk has filled the 6 unreserved slots; two order handles then claim one slot each at once.
     * Both are within the orders' reserve of 2, so both get it: a handle is never held back by a
     * fellow handle of its own class, whose claim it may not yet see noted. r1, r2: slots each
     * order handle got.
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both orders within the reserve were admitted")
    @Outcome(expect = FORBIDDEN, desc = "an order within its class's reserve was refused")
    @State
    public static class HandlesOfOneClassShareItsReserveWithoutHoldingEachOtherBack {
        private final RingBuffer<Slot> ring = ring();
        private final Producer<Slot> first = ring.newProducer("orders-1", ORDERS);
        private final Producer<Slot> second = ring.newProducer("orders-2", ORDERS);

        public HandlesOfOneClassShareItsReserveWithoutHoldingEachOtherBack() {
            claimUntilRefused(ring.newProducer("bulk", BULK), 8);
        }

        @Actor
        public void first(JJ_Result r) {
            r.r1 = claimUntilRefused(first, 1);
        }

        @Actor
        public void second(JJ_Result r) {
            r.r2 = claimUntilRefused(second, 1);
        }
    }
}
