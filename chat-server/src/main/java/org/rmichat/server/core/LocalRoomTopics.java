package org.rmichat.server.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One server alone keeps its rooms' topics in memory. */
public final class LocalRoomTopics implements RoomTopics {
    private final Map<String, String> topics = new ConcurrentHashMap<>();

    @Override
    public String topic(String roomKey) {
        return topics.getOrDefault(roomKey, "");
    }

    @Override
    public void set(String roomKey, String topic) {
        if (topic.isEmpty()) {
            topics.remove(roomKey);
        } else {
            topics.put(roomKey, topic);
        }
    }
}
