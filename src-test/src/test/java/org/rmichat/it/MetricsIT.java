package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.InvalidMessageException;
import org.rmichat.server.core.RoomConfig;

/** /metrics and /health scraped over HTTP on 127.0.0.1 while clients chat through real RMI. */
@Timeout(60)
class MetricsIT {
    // an executor of our own: Java 17's HttpClient cannot be closed, but its threads can be stopped
    private final ExecutorService httpThreads = Executors.newSingleThreadExecutor(r -> new Thread(r, "metrics-it-http"));
    private final HttpClient http = HttpClient.newBuilder().executor(httpThreads)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void closeHttp() throws InterruptedException {
        httpThreads.shutdown();
        assertTrue(httpThreads.awaitTermination(5, TimeUnit.SECONDS));
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one sample, {@code name} with its labels as printed ({@code rmichat_leaves_total{reason="quit"}}). */
    private static Optional<Double> sample(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    private static double value(String scrape, String name) {
        return sample(scrape, name).orElseThrow(() -> new AssertionError(name + " not in:\n" + scrape));
    }

    private String scrape(ServerFixture server) throws Exception {
        HttpResponse<String> response = get(server.metricsPort(), "/metrics");
        assertEquals(200, response.statusCode());
        return response.body();
    }

    @Test
    void countersMoveAsClientsChat() throws Exception {
        try (var server = ServerFixture.withMetrics(RoomConfig.defaults().withRateLimit(0, 1))) {
            String before = scrape(server);
            assertEquals(0, value(before, "rmichat_sessions"));
            assertEquals(0, value(before, "rmichat_joins_total"));
            assertTrue(before.contains("jvm_memory_used_bytes"), "no JVM metrics");

            try (var alice = TestClient.join(server.service(), "alice");
                 var bob = TestClient.join(server.service(), "bob")) {
                alice.send("one");
                alice.send("two");
                alice.send("three");
                assertEquals(List.of("alice: one", "alice: two", "alice: three"), bob.nextMessages(3));
                assertThrows(InvalidMessageException.class, () -> alice.send("x".repeat(2_001)));

                String during = scrape(server);
                assertEquals(2, value(during, "rmichat_sessions"));
                assertEquals(2, value(during, "rmichat_joins_total"));
                assertEquals(3, value(during, "rmichat_lines_received_total"));
                assertTrue(value(during, "rmichat_deliveries_total") >= 3);
                assertTrue(value(during, "rmichat_poll_batch_size_count") >= 1);
                assertTrue(value(during, "rmichat_poll_duration_seconds_count") >= 1);
                assertEquals(1, value(during,
                        "rmichat_rejected_calls_total{call=\"send\",reason=\"invalid_message\"}"));
                assertEquals(0, value(during, "rmichat_leaves_total{reason=\"quit\"}"));
                sample(during, "rmichat_queue_depth_max").orElseThrow();
                sample(during, "rmichat_queue_depth_sum").orElseThrow();
                assertEquals(1, value(during, "rmichat_bus_up"));
                assertTrue(sample(during, "rmichat_bus_lag_seconds").isEmpty(), "no lag on a bus in memory");

                alice.close();   // leaves
                assertEquals(List.of("🔴 alice left"), bob.nextLines(1));
                String after = scrape(server);
                assertEquals(1, value(after, "rmichat_leaves_total{reason=\"quit\"}"));
                assertEquals(1, value(after, "rmichat_sessions"));
            }
        }
    }

    @Test
    void healthIsOkAndOtherPathsAreNotFound() throws Exception {
        try (var server = ServerFixture.withMetrics(RoomConfig.defaults())) {
            HttpResponse<String> health = get(server.metricsPort(), "/health");
            assertEquals(200, health.statusCode());
            assertEquals("ok\n", health.body());
            assertEquals(404, get(server.metricsPort(), "/nothing").statusCode());
        }
    }

    @Test
    void healthIs503WithTheReasonWhileRedisIsAwayAndBusLagIsExported() throws Exception {
        RoomConfig room = RoomConfig.defaults().withRateLimit(0, 1);
        try (var redis = RedisServerFixture.start(); var server = ServerFixture.clusteredWithMetrics(redis, room)) {
            assertEquals(200, get(server.metricsPort(), "/health").statusCode());
            try (var alice = TestClient.join(server.service(), "alice")) {
                alice.send("hello");
                assertTrue(value(scrape(server), "rmichat_bus_lag_seconds") >= 0);

                redis.stop();
                HttpResponse<String> down = awaitHealth(server, 503);
                assertEquals("chat bus unavailable\n", down.body());
                assertEquals(0, value(scrape(server), "rmichat_bus_up"));

                redis.restart();
                awaitHealth(server, 200);
            }
        }
    }

    /** Asks until /health answers {@code status}; the bus notices Redis going and coming within its read timeout. */
    private HttpResponse<String> awaitHealth(ServerFixture server, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> response = get(server.metricsPort(), "/health");
            if (response.statusCode() == status) return response;
            if (System.nanoTime() > deadline) throw new AssertionError("health stayed " + response.statusCode());
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());   // not a timing assumption: ask politely
        }
    }
}
