package io.sluice.examples.telemetry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** One scrape of a {@code /metrics} endpoint in the Prometheus text format, read as Prometheus reads it. */
final class Scrape {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String text;

    private Scrape(String text) {
        this.text = text;
    }

    /** Scrapes {@code http://127.0.0.1:port/metrics} until {@code done} holds of a scrape; fails after a minute. */
    static Scrape until(int port, Predicate<Scrape> done, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            Scrape scrape = new Scrape(response.body());
            if (done.test(scrape)) {
                return scrape;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what + "; last scrape:\n" + scrape.text);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** {@return the whole scrape} */
    String text() {
        return text;
    }

    /** {@return whether a sample of the metric is in the scrape} */
    boolean has(String metric) {
        return text.lines().anyMatch(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "));
    }

    /** {@return the value of the sample of {@code metric} carrying (at least) {@code labels}, or -1 if there is none} */
    double value(String metric, Map<String, String> labels) {
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (!line.startsWith(metric + "{")) {
                continue;
            }
            int close = line.indexOf('}');
            Map<String, String> found = new HashMap<>();
            for (String pair : line.substring(metric.length() + 1, close).split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    found.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
                }
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                return Double.parseDouble(line.substring(close + 1).trim().split(" ")[0]);
            }
        }
        return -1;
    }
}
