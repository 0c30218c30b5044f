package org.rmichat.server.core;

/** What an {@link Audience} asks of a session to decide whether it receives an event. */
public interface Recipient {
    /** Its client's identity in the cluster. */
    long clientId();

    /** Whether it receives the lines of the room with this key ({@link org.rmichat.api.RoomNames#key}). */
    boolean receivesRoom(String roomKey);
}
