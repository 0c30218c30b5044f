package org.rmichat.server.core;

import org.rmichat.api.RoomNames;

/**
 * Who receives an event. {@link #includes} is the one rule that decides delivery: the live fan-out, presence
 * digests and the replay on resume all ask it, and nothing else decides who gets an event. It names client ids
 * (the id a client draws once per process, the same on every server of a cluster) and rooms, never user ids.
 */
public sealed interface Audience {

    /** Whether {@code recipient} receives the event. */
    boolean includes(Recipient recipient);

    /**
     * Whether the client that caused the event, reading history, may see it again: the live fan-out leaves it out
     * only because its client showed it already. Its own private line yes; its own room line while a member.
     */
    boolean includesSender(Recipient sender);

    /** Everyone but the client that caused the event: its own line never comes back to it. */
    static Audience allBut(long clientId) {
        return new AllBut(clientId);
    }

    /** Exactly one client, such as the addressee of a private line. */
    static Audience only(long clientId) {
        return new Only(clientId);
    }

    /** The members of one room but {@code except} ({@link Envelope#NO_ORIGIN} to exclude nobody). */
    static Audience room(String room, long except) {
        return new Room(RoomNames.key(room), except);
    }

    record AllBut(long clientId) implements Audience {
        @Override
        public boolean includes(Recipient recipient) {
            return recipient.clientId() != clientId;
        }

        @Override
        public boolean includesSender(Recipient sender) {
            return true;
        }
    }

    record Only(long clientId) implements Audience {
        @Override
        public boolean includes(Recipient recipient) {
            return recipient.clientId() == clientId;
        }

        @Override
        public boolean includesSender(Recipient sender) {
            return true;
        }
    }

    /** @param roomKey the room's key, its name in lower case */
    record Room(String roomKey, long except) implements Audience {
        @Override
        public boolean includes(Recipient recipient) {
            return recipient.clientId() != except && recipient.receivesRoom(roomKey);
        }

        @Override
        public boolean includesSender(Recipient sender) {
            return sender.receivesRoom(roomKey);
        }
    }
}
