package org.rmichat.server.core;

/** The rooms' topics, where every server of the chat reads the same ones. */
public interface RoomTopics {
    /** The topic of the room with this key; "" for none. */
    String topic(String roomKey);

    /** Sets it; "" clears it. */
    void set(String roomKey, String topic);
}
