package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * One room as the whole chat sees it.
 *
 * @param room    its name as first given
 * @param members how many people are in it, on every server
 * @param topic   its topic, "" for none
 */
public record RoomInfo(String room, int members, String topic) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public RoomInfo {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(topic, "topic");
        if (members < 0) throw new IllegalArgumentException("members < 0: " + members);
    }
}
