package org.rmichat.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.rmichat.api.UserLeft;
import org.rmichat.server.core.ChatMetrics;
import org.rmichat.server.core.ChatRoom;
import org.rmichat.server.core.EventBus;

/**
 * The room's counters as Prometheus metrics, in a registry of this server's own: two servers in one JVM (tests,
 * the bench) never share a counter. Names follow Prometheus's conventions: {@code _total} for counters, base
 * units (seconds), one label per dimension with a bounded set of values (a leave reason, a refusal reason).
 */
public final class PrometheusChatMetrics implements ChatMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter joins = Counter.builder().name("rmichat_joins_total")
            .help("Sessions that joined or came back").register(registry);
    private final Counter leaves = Counter.builder().name("rmichat_leaves_total")
            .help("Sessions that ended, by reason: quit, timed_out, too_slow (evicted)")
            .labelNames("reason").register(registry);
    private final Counter lines = Counter.builder().name("rmichat_lines_received_total")
            .help("Lines accepted from this server's clients and handed to the bus").register(registry);
    private final Counter deliveries = Counter.builder().name("rmichat_deliveries_total")
            .help("Events handed to this server's clients in poll replies").register(registry);
    private final Counter rejected = Counter.builder().name("rmichat_rejected_calls_total")
            .help("Calls refused, by call and reason (rate_limited, invalid_message, name_taken, ...)")
            .labelNames("call", "reason").register(registry);
    private final Histogram pollSeconds = Histogram.builder().name("rmichat_poll_duration_seconds")
            .help("Time from a poll's arrival to its reply, the long-poll wait included")
            .classicOnly().classicUpperBounds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    private final Histogram pollBatch = Histogram.builder().name("rmichat_poll_batch_size")
            .help("Events in one poll reply")
            .classicOnly().classicUpperBounds(0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
            .register(registry);

    public PrometheusChatMetrics() {
        for (UserLeft.Reason reason : UserLeft.Reason.values()) leaves.labelValues(label(reason));   // show zeros
        JvmMetrics.builder().register(registry);
    }

    /** Gauges read from the room and the bus at each scrape; call once, when both exist. */
    public void observe(Supplier<ChatRoom> room, EventBus bus) {
        GaugeWithCallback.builder().name("rmichat_sessions").help("Sessions connected to this server")
                .callback(cb -> cb.call(room.get().online())).register(registry);
        GaugeWithCallback.builder().name("rmichat_queue_depth_max")
                .help("Most events queued for one session and not yet polled")
                .callback(cb -> cb.call(room.get().queueDepth().max())).register(registry);
        GaugeWithCallback.builder().name("rmichat_queue_depth_sum")
                .help("Events queued for all sessions of this server and not yet polled")
                .callback(cb -> cb.call(room.get().queueDepth().sum())).register(registry);
        GaugeWithCallback.builder().name("rmichat_bus_up").help("1 when the chat bus answered its last read")
                .callback(cb -> cb.call(bus.isAvailable() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("rmichat_bus_lag_seconds")
                .help("How far this server's reader is behind the newest event of the shared stream (Redis only)")
                .callback(cb -> {
                    OptionalLong lag = bus.lagMillis();
                    if (lag.isPresent()) cb.call(lag.getAsLong() / 1000.0);
                }).register(registry);
    }

    /** The history's size on disk (a server alone keeping history); read at each scrape. */
    public void observeHistory(java.util.function.LongSupplier bytes) {
        GaugeWithCallback.builder().name("rmichat_history_bytes")
                .help("Bytes the history database takes on disk (database, write-ahead log, index)")
                .callback(cb -> cb.call(bytes.getAsLong())).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void joined() {
        joins.inc();
    }

    @Override
    public void left(UserLeft.Reason reason) {
        leaves.labelValues(label(reason)).inc();
    }

    @Override
    public void lineReceived() {
        lines.inc();
    }

    @Override
    public void rejected(String call, String reason) {
        rejected.labelValues(call, reason).inc();
    }

    @Override
    public void pollAnswered(long nanos, int events) {
        pollSeconds.observe(nanos / 1e9);
        pollBatch.observe(events);
        deliveries.inc(events);
    }

    private static String label(UserLeft.Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }
}
