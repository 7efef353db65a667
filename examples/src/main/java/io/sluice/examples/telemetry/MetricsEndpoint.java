package io.sluice.examples.telemetry;

import io.sluice.micrometer.SluiceMeterBinder;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves the bound Sluice meters at {@code /metrics} in the Prometheus text format, through
 * Micrometer's Prometheus registry and the JDK's HTTP server, on the loopback address: point a
 * Prometheus scrape job (and so Grafana) at it. Thread-safe.
 */
final class MetricsEndpoint implements AutoCloseable {
    // docs:start
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<SluiceMeterBinder> binders = new ArrayList<>();
    private final HttpServer server;

    private MetricsEndpoint(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Binds one source's meters (a ring, a handle, a pipeline) to the endpoint's registry. */
    synchronized void bind(SluiceMeterBinder binder) {
        binder.bindTo(registry);
        binders.add(binder);
    }
    // docs:end

    /**
     * Starts serving on {@code port} of the loopback address; 0 picks a free port.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    static MetricsEndpoint start(int port) {
        try {
            return new MetricsEndpoint(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve /metrics on port " + port, e);
        }
    }

    /** {@return the port it serves on} */
    int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving and removes every bound meter. */
    @Override
    public synchronized void close() {
        server.stop(0);
        binders.forEach(SluiceMeterBinder::close);
        registry.close();
    }
}
