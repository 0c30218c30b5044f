package org.rmichat.server.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import org.rmichat.server.core.RoomTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The rooms' topics in one Redis hash, by room key, so every server shows the same ones. */
final class RedisRoomTopics implements RoomTopics {
    private static final Logger log = LoggerFactory.getLogger(RedisRoomTopics.class);

    private final StatefulRedisConnection<String, byte[]> commands;
    private final String hash;

    RedisRoomTopics(StatefulRedisConnection<String, byte[]> commands, RedisKeys keys) {
        this.commands = commands;
        this.hash = keys.topics();
    }

    @Override
    public String topic(String roomKey) {
        try {
            byte[] topic = commands.sync().hget(hash, roomKey);
            return topic == null ? "" : new String(topic, StandardCharsets.UTF_8);
        } catch (RedisException e) {
            log.debug("could not read the topic of {}: {}", roomKey, e.toString());
            return "";
        }
    }

    @Override
    public void set(String roomKey, String topic) {
        if (topic.isEmpty()) {
            commands.sync().hdel(hash, roomKey);
        } else {
            commands.sync().hset(hash, roomKey, topic.getBytes(StandardCharsets.UTF_8));
        }
    }
}
