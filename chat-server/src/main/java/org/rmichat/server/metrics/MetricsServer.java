package org.rmichat.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of metrics: Prometheus's own {@link HTTPServer} serves {@code /metrics} (text format, or
 * protobuf/OpenMetrics when the scraper asks); {@code GET /health} is ours, on the same port: 200 {@code ok}
 * when the server takes joins and its bus answers, 503 with the reason otherwise, which is what a load
 * balancer or systemd watchdog script checks. Anything else is 404.
 *
 * <p>Two threads, named, on an executor this class owns and stops: a scrape is cheap, and a scraper that
 * hangs must not take more.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    private final HTTPServer server;
    private final ExecutorService executor;

    private MetricsServer(HTTPServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on {@code endpoint}; {@code unhealthy} says why the server is not fit, or nothing when it is. */
    public static MetricsServer start(MetricsEndpoint endpoint, PrometheusRegistry registry,
                                      Supplier<Optional<String>> unhealthy) throws IOException {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory named = r -> {
            Thread t = new Thread(r, "rmichat-metrics-" + n.incrementAndGet());
            t.setDaemon(true);   // a scrape in progress must not hold the JVM open after stop()
            return t;
        };
        ExecutorService executor = Executors.newFixedThreadPool(2, named);
        try {
            HTTPServer server = HTTPServer.builder()
                    .inetAddress(endpoint.bind())
                    .port(endpoint.port())
                    .registry(registry)
                    .executorService(executor)
                    .registerHealthHandler(false)
                    .defaultHandler(exchange -> route(exchange, unhealthy))
                    .buildAndStart();
            log.info("metrics on http://{}:{}/metrics, health on /health", endpoint.bind().getHostAddress(),
                    server.getPort());
            return new MetricsServer(server, executor);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    private static void route(HttpExchange exchange, Supplier<Optional<String>> unhealthy) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/health")) {
                respond(exchange, 404, "not found: /metrics and /health are served here\n");
            } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                respond(exchange, 405, "GET only\n");
            } else {
                Optional<String> problem = unhealthy.get();
                respond(exchange, problem.isPresent() ? 503 : 200, problem.orElse("ok") + "\n");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();   // stops accepting; waits for exchanges in progress
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
