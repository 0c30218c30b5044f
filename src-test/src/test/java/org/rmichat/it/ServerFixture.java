package org.rmichat.it;

import java.rmi.registry.LocateRegistry;
import org.rmichat.api.ChatService;
import org.rmichat.client.HostPort;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;
import org.rmichat.server.metrics.MetricsEndpoint;
import org.rmichat.server.redis.RedisConfig;
import org.rmichat.server.rmi.ConnectionLimits;
import org.rmichat.server.rmi.FloodLimits;

/** A real server on 127.0.0.1 and an ephemeral port, in this JVM, reached over real RMI. */
public final class ServerFixture implements AutoCloseable {
    private final ChatServer server;

    private ServerFixture(ChatServer server) {
        this.server = server;
    }

    public static ServerFixture start() throws Exception {
        return start(RoomConfig.defaults().withRateLimit(0, 1));
    }

    public static ServerFixture start(RoomConfig room) throws Exception {
        return new ServerFixture(new ChatServer(ServerConfig.loopback(room)).start());
    }

    /**
     * With no join or line limit per address or server beyond each session's own: for load tests, whose clients
     * all come from 127.0.0.1 and would otherwise share one address's part.
     */
    public static ServerFixture startUnthrottled(RoomConfig room) throws Exception {
        return new ServerFixture(new ChatServer(ServerConfig.loopback(room)
                .withConnectionLimits(ConnectionLimits.defaults().withFlood(FloodLimits.none()))).start());
    }

    /** One server of a cluster on {@code redis}, which it shares with every other server started on it. */
    public static ServerFixture clustered(RedisServerFixture redis, RoomConfig room) throws Exception {
        return new ServerFixture(ChatServer.clustered(ServerConfig.loopback(room),
                RedisConfig.of(redis.uri(), room.sessionTimeout())).start());
    }

    /** With /metrics and /health on 127.0.0.1 and any free port; see {@link #metricsPort()}. */
    public static ServerFixture withMetrics(RoomConfig room) throws Exception {
        return new ServerFixture(new ChatServer(ServerConfig.loopback(room).withMetrics(MetricsEndpoint.loopback(0)))
                .start());
    }

    /** One server of a cluster on {@code redis}, with metrics. */
    public static ServerFixture clusteredWithMetrics(RedisServerFixture redis, RoomConfig room) throws Exception {
        return new ServerFixture(ChatServer.clustered(ServerConfig.loopback(room)
                .withMetrics(MetricsEndpoint.loopback(0)), RedisConfig.of(redis.uri(), room.sessionTimeout())).start());
    }

    public int metricsPort() {
        return server.metricsPort();
    }

    public int port() {
        return server.port();
    }

    public HostPort address() {
        return new HostPort("127.0.0.1", port());
    }

    public ChatServer server() {
        return server;
    }

    /** A fresh stub, as a client looks it up. */
    public ChatService service() throws Exception {
        return (ChatService) LocateRegistry.getRegistry("127.0.0.1", port()).lookup(ChatService.REGISTRY_NAME);
    }

    @Override
    public void close() {
        server.stop();
    }
}
