package io.sluice.examples.trading;

import io.sluice.metrics.RingSnapshot;
import io.sluice.metrics.ProducerClassSnapshot;
import io.sluice.Producer;
import io.sluice.ProducerClass;
import io.sluice.backpressure.BackpressurePolicy;
import io.sluice.ProducerType;
import io.sluice.RingBuffer;
import io.sluice.RingBufferBuilder;
import io.sluice.pipeline.Pipeline;
import io.sluice.record.Records;
import io.sluice.pipeline.Stage;
import io.sluice.pipeline.StopResult;
import io.sluice.wait.BlockingWaitStrategy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An LMAX-style exchange core, wired with three rings:
 *
 * <pre>
 *  gateways ──▶ inbound ring ─┬─ journal ───┐
 *  (N threads)  ▲             └─ replicate ─┴─▶ match ──▶ outbound ring ──▶ reports (clients)
 *  market data ─┘                  │              └────▶ trade tape (record ring) ──▶ ticker
 *  (1 thread)                      └──▶ replica ring ──▶ replica book
 * </pre>
 *
 * Journal and replication run in parallel; matching runs after both (a diamond). Gateways claim
 * with a deadline: when matching lags, a claim that times out becomes a "busy" reject. With a
 * market-data feed, the inbound ring is shared out between two producer classes: the orders keep
 * a share of it that quotes never take, and quotes that find the rest full are shed. Every fill
 * also goes onto the trade tape, 32-byte records read by the market-data ticker; a trade that
 * finds the tape full is shed and counted, so market data never slows matching.
 */
final class Exchange {
    /** What to run. */
    record Options(int gateways, Duration duration, long ordersPerSecond, long deadlineMicros,
                   Journal.Fsync fsync, Path journal, int ringSize, long quotesPerSecond, double ordersShare) {
    }

    /** The inbound ring's producer classes, when a market-data feed runs. */
    static final String ORDERS = "orders";
    static final String MARKET_DATA = "market data";

    private Exchange() {
    }

    static ExchangeResult run(Options options) throws IOException, InterruptedException {
        Path journalPath = options.journal() != null ? options.journal() : Files.createTempFile("sluice-journal", ".bin");
        try {
            return run(options, journalPath);
        } finally {
            if (options.journal() == null) {
                Files.deleteIfExists(journalPath);
            }
        }
    }

    private static ExchangeResult run(Options options, Path journalPath) throws IOException, InterruptedException {
        // A claim waits at most the deadline for the slowest stage to free a slot; 0: wait as long as it takes.
        BackpressurePolicy gatewayPolicy = options.deadlineMicros() == 0 ? BackpressurePolicy.block()
                : BackpressurePolicy.park().withTimeout(options.deadlineMicros(), TimeUnit.MICROSECONDS);
        ProducerClass orders = ProducerClass.of(ORDERS, options.ordersShare());
        ProducerClass marketData = ProducerClass.of(MARKET_DATA, 0);
        RingBufferBuilder<OrderEvent> inboundBuilder = RingBuffer.builder(OrderEvent::new).name("inbound")
                .capacity(options.ringSize()).producerType(ProducerType.MULTI)
                .waitStrategy(new BlockingWaitStrategy()).backpressure(gatewayPolicy).blockingProducers();
        boolean feed = options.quotesPerSecond() > 0;
        RingBuffer<OrderEvent> inbound = (feed ? inboundBuilder.producerClasses(orders, marketData) : inboundBuilder).build();
        RingBuffer<OrderEvent> replicaRing = RingBuffer.builder(OrderEvent::new).name("replica")
                .capacity(options.ringSize()).producerType(ProducerType.SINGLE)
                .backpressure(BackpressurePolicy.block()).build();
        RingBuffer<ExecutionReport> outbound = RingBuffer.builder(ExecutionReport::new).name("outbound")
                .capacity(options.ringSize()).producerType(ProducerType.SINGLE)
                .backpressure(BackpressurePolicy.block()).build();

        // The replica and the clients each have their own ring and pipeline.
        ReplicaBook replica = new ReplicaBook();
        Pipeline.Builder<OrderEvent> replicaBuilder = Pipeline.builder(replicaRing);
        replicaBuilder.handler("replica-book", replica);
        Pipeline<OrderEvent> replicaSide = replicaBuilder.build();
        ReportSink reports = new ReportSink();
        Pipeline.Builder<ExecutionReport> clientBuilder = Pipeline.builder(outbound);
        clientBuilder.handler("reports", reports);
        Pipeline<ExecutionReport> clientSide = clientBuilder.build();
        TradeTape tape = new TradeTape(options.ringSize());
        TradeTape.Ticker ticker = new TradeTape.Ticker();
        Pipeline.Builder<Records> tapeBuilder = Pipeline.builder(tape.ring);
        tapeBuilder.handler("ticker", ticker);
        Pipeline<Records> marketDataSide = tapeBuilder.build();

        // The core: journal and replicate in parallel, then match.
        Journal journal = new Journal(journalPath, options.fsync());
        MatchingEngine matching = new MatchingEngine(outbound.newProducer("matching"), tape.writer());
        Pipeline.Builder<OrderEvent> core = Pipeline.builder(inbound);
        Stage<OrderEvent> journaling = core.handler("journal", journal);
        Stage<OrderEvent> replicating = core.forward("replicate", replicaRing,
                (OrderEvent slot, long sequence, OrderEvent order) -> slot.copy(order));
        core.handler("match", matching, journaling, replicating);
        Pipeline<OrderEvent> exchange = core.build();

        replicaSide.start();
        clientSide.start();
        marketDataSide.start();
        exchange.start();

        AtomicBoolean open = new AtomicBoolean(true);
        long periodNanos = options.ordersPerSecond() == 0 ? 0
                : Math.max(1, 1_000_000_000L * options.gateways() / options.ordersPerSecond());
        List<Gateway> gateways = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int g = 0; g < options.gateways(); g++) {
            Producer<OrderEvent> handle = feed ? inbound.newProducer("gateway-" + (g + 1), orders)
                    : inbound.newProducer("gateway-" + (g + 1));
            Gateway gateway = new Gateway(g + 1, handle, periodNanos, open, 42 + g);
            gateways.add(gateway);
            threads.add(new Thread(gateway, "gateway-" + (g + 1)));
        }
        MarketDataFeed quotes = null;
        if (feed) {
            quotes = new MarketDataFeed(inbound.newProducer("feed", BackpressurePolicy.shed(), marketData),
                    options.quotesPerSecond(), open);
            threads.add(new Thread(quotes, "market-data"));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(options.duration().toMillis());
        open.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;

        // Stop in flow order, each pipeline draining what the one before it sent.
        StopResult core1 = exchange.drainAndStop(Duration.ofSeconds(30));
        StopResult replica1 = replicaSide.drainAndStop(Duration.ofSeconds(30));
        StopResult clients1 = clientSide.drainAndStop(Duration.ofSeconds(30));
        StopResult tape1 = marketDataSide.drainAndStop(Duration.ofSeconds(30));
        RingSnapshot inboundFigures = inbound.snapshot(new RingSnapshot());
        ProducerClassSnapshot ordersFigures = feed ? inbound.snapshot(orders, new ProducerClassSnapshot()) : null;
        ProducerClassSnapshot quoteFigures = feed ? inbound.snapshot(marketData, new ProducerClassSnapshot()) : null;

        return new ExchangeResult(options, elapsed, gateways, quotes, journal, matching, replica, reports, ticker,
                inboundFigures, ordersFigures, quoteFigures,
                core1.drained() && replica1.drained() && clients1.drained() && tape1.drained(), Journal.replay(journalPath));
    }
}
