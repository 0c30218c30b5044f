package org.rmichat.server.core;

/**
 * Who receives an event, by client id (the id a client draws once per process, the same on every server of a
 * cluster). {@link #includes} is the one rule that decides delivery: the live fan-out, presence digests and the
 * replay on resume all ask it, and nothing else decides who gets an event. Rooms will add a member.
 */
public sealed interface Audience {

    /** Whether the client with this id receives the event. */
    boolean includes(long clientId);

    /** Everyone but the client that caused the event: its own line never comes back to it. */
    static Audience allBut(long clientId) {
        return new AllBut(clientId);
    }

    /** Exactly one client, such as the addressee of a private line. */
    static Audience only(long clientId) {
        return new Only(clientId);
    }

    record AllBut(long clientId) implements Audience {
        @Override
        public boolean includes(long candidate) {
            return candidate != clientId;
        }
    }

    record Only(long clientId) implements Audience {
        @Override
        public boolean includes(long candidate) {
            return candidate == clientId;
        }
    }
}
