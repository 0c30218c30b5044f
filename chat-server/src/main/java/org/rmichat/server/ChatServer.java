package org.rmichat.server;

import java.io.IOException;
import java.rmi.RemoteException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.rmichat.api.Notice;
import org.rmichat.server.core.ChatMetrics;
import org.rmichat.server.core.ChatRoom;
import org.rmichat.server.core.EventBus;
import org.rmichat.server.core.InMemoryEventBus;
import org.rmichat.server.core.LocalPresence;
import org.rmichat.server.core.LocalRoomTopics;
import org.rmichat.server.core.RoomTopics;
import org.rmichat.server.core.Presence;
import org.rmichat.server.core.Ticker;
import org.rmichat.server.history.HistoryConfig;
import org.rmichat.server.history.HistoryUnavailableException;
import org.rmichat.server.history.SqliteHistoryLog;
import org.rmichat.server.metrics.MetricsEndpoint;
import org.rmichat.server.metrics.MetricsServer;
import org.rmichat.server.metrics.PrometheusChatMetrics;
import org.rmichat.server.redis.RedisConfig;
import org.rmichat.server.redis.RedisCluster;
import org.rmichat.server.rmi.RmiEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: a chat room behind an RMI endpoint. Owns its lifecycle: {@link #start}, {@link #stop},
 * {@link #awaitTermination}. The shutdown hook lives in {@link ServerMain}, so tests that start many servers
 * do not stack hooks.
 */
public final class ChatServer {
    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);
    private static final long SHUTDOWN_NOTICE_GRACE_MILLIS = 2_000;

    private final ServerConfig config;
    private final ChatRoom room;
    private final AutoCloseable owned;   // what this server created for its room and closes after it
    private final PrometheusChatMetrics metrics;   // null without --metrics-port
    private MetricsServer metricsServer;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final FatalStop fatalStop = new FatalStop(this::stop);
    private RmiEndpoint endpoint;

    /** A server alone, on a bus of its own. */
    public ChatServer(ServerConfig config) {
        this(config, new InMemoryEventBus());
    }

    private ChatServer(ServerConfig config, InMemoryEventBus bus) {
        this(config, bus, new LocalPresence(bus), new LocalRoomTopics(), bus);
    }

    /** On {@code bus}, which the caller created and closes. */
    public ChatServer(ServerConfig config, EventBus bus) {
        this(config, bus, new LocalPresence(bus), new LocalRoomTopics(), null);
    }

    private ChatServer(ServerConfig config, EventBus bus, Presence presence, RoomTopics topics,
                       AutoCloseable owned) {
        this.config = config;
        this.metrics = config.metrics().isPresent() ? new PrometheusChatMetrics() : null;
        this.room = new ChatRoom(config.room(), config.rooms(), bus, presence, topics, Ticker.system(),
                metrics == null ? ChatMetrics.NONE : metrics, fatalStop);
        this.owned = owned;
        if (metrics != null) metrics.observe(() -> room, bus);
    }

    /**
     * A server alone whose history is kept in {@code history}'s data directory, across restarts: lines are written
     * in batches by the log's writer, and a send returns once its line is committed.
     *
     * @throws HistoryUnavailableException the data directory or its database cannot be used (one line naming it)
     */
    public static ChatServer withHistory(ServerConfig config, HistoryConfig history) throws HistoryUnavailableException {
        SqliteHistoryLog log = SqliteHistoryLog.open(history);
        InMemoryEventBus bus = new InMemoryEventBus(log, System::currentTimeMillis);
        ChatServer server = new ChatServer(config, bus, new LocalPresence(bus), new LocalRoomTopics(), () -> {
            bus.close();
            log.close();
        });
        log.onPauseChange(new SqliteHistoryLog.Listener() {
            @Override
            public void paused(String reason) {
                server.room.noticeAll(new Notice(Notice.HISTORY_PAUSED));
            }

            @Override
            public void resumed() {
                server.room.noticeAll(new Notice(Notice.HISTORY_RESUMED));
            }
        });
        if (server.metrics != null) server.metrics.observeHistory(log::sizeBytes);
        return server;
    }

    /** One server of a cluster on the Redis in {@code redis}. Fails at once if Redis cannot be reached. */
    public static ChatServer clustered(ServerConfig config, RedisConfig redis) {
        RedisCluster cluster = RedisCluster.connect(redis);
        return new ChatServer(config, cluster.bus(), cluster.presence(), cluster.topics(), cluster);
    }

    public synchronized ChatServer start() throws RemoteException {
        room.start();
        try {
            endpoint = RmiEndpoint.open(room, config.bindAddress(), config.port(), config.tls(), config.connections());
        } catch (RemoteException | RuntimeException e) {
            closeRoom();
            throw e;
        }
        if (metrics != null) {
            try {
                metricsServer = MetricsServer.start(config.metrics().get(), metrics.registry(), room::notAcceptingJoins);
            } catch (IOException | RuntimeException e) {
                stop();
                throw new java.io.UncheckedIOException("cannot serve metrics on port "
                        + config.metrics().get().port(), e instanceof IOException io ? io : new IOException(e));
            }
        }
        return this;
    }

    /** Logs where it listens and warns when anyone may join; called once the banner is out. */
    public synchronized void logStartup() {
        log.info("listening on {}:{}, {} ({})", config.bindAddress().map(a -> a.getHostAddress()).orElse("*"),
                endpoint.port(), config.describeSecurity(), config.room());
        if (config.isWideOpen()) {
            log.warn("listening on all interfaces without TLS or a password: anyone who can reach port {}"
                    + " can join and read the chat (see --bind, --tls, --password-file)", endpoint.port());
        }
    }

    public synchronized int port() {
        if (endpoint == null) throw new IllegalStateException("not started");
        return endpoint.port();
    }

    public ChatRoom room() {
        return room;
    }

    /** The port of /metrics and /health; for tests that asked for any free one. */
    public synchronized int metricsPort() {
        if (metricsServer == null) throw new IllegalStateException("no metrics");
        return metricsServer.port();
    }

    /** Tells clients, stops accepting calls, stops the threads. Safe to call more than once. */
    public synchronized void stop() {
        if (endpoint == null) return;
        try {
            room.announceShutdown(SHUTDOWN_NOTICE_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endpoint.close();
        endpoint = null;
        if (metricsServer != null) metricsServer.close();
        metricsServer = null;
        closeRoom();
        terminated.countDown();
        log.info("stopped");
    }

    private void closeRoom() {
        try {
            room.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeOwned();
        }
    }

    private void closeOwned() {
        if (owned == null) return;
        try {
            owned.close();
        } catch (Exception e) {
            log.warn("could not close the chat bus: {}", e.toString());
        }
    }

    /**
     * What stopped this server, if something did (an Error, or whatever killed the broadcaster): a thread it cannot do without died, and the server stopped
     * itself rather than go on accepting lines it could not deliver. {@link ServerMain} then exits non-zero.
     */
    public Optional<Throwable> failure() {
        return fatalStop.failure();
    }

    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    public void blockUntilShutdown() throws InterruptedException {
        terminated.await();
    }
}
