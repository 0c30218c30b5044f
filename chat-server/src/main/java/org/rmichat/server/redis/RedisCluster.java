package org.rmichat.server.redis;

import java.security.SecureRandom;
import org.rmichat.server.core.EventBus;
import org.rmichat.server.core.Presence;
import org.rmichat.server.core.RoomTopics;

/**
 * One server's part of a cluster on one Redis: the connections, and the bus and presence that share them.
 * Whoever connects it closes it, after the room that uses it has stopped.
 */
public final class RedisCluster implements AutoCloseable {
    private final RedisConnections connections;
    private final RedisEventBus bus;
    private final RedisPresence presence;
    private final RedisRoomTopics topics;

    private RedisCluster(RedisConnections connections, RedisEventBus bus, RedisPresence presence,
                         RedisRoomTopics topics) {
        this.connections = connections;
        this.bus = bus;
        this.presence = presence;
        this.topics = topics;
    }

    /** Connects; fails at once when Redis cannot be reached, so a misconfigured server does not start. */
    public static RedisCluster connect(RedisConfig config) {
        return connect(config, "rmichat:");
    }

    /** With a key prefix of its own, so tests can keep clusters on one Redis apart. */
    public static RedisCluster connect(RedisConfig config, String prefix) {
        RedisConnections connections = RedisConnections.open(config, RedisEventBus.BLOCK);
        try {
            RedisKeys keys = new RedisKeys(prefix);
            String serverId = Long.toHexString(new SecureRandom().nextLong());
            HeldAppends appends = new HeldAppends(connections.commands(), config.maxHeld());
            RedisEventBus bus = new RedisEventBus(config, keys, serverId, connections, appends, null);
            RedisPresence presence = new RedisPresence(config, keys, serverId, connections.commands(), appends,
                    bus::isAvailable, bus::outages);
            return new RedisCluster(connections, bus, presence, new RedisRoomTopics(connections.commands(), keys));
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    public EventBus bus() {
        return bus;
    }

    public Presence presence() {
        return presence;
    }

    public RoomTopics topics() {
        return topics;
    }

    @Override
    public void close() {
        connections.close();
    }
}
