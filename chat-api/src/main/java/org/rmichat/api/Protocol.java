package org.rmichat.api;

/**
 * The version of the protocol this build speaks. A client says its version when it joins and the server says
 * its own in the {@link Session}; a server refuses a client older than {@link #OLDEST_CLIENT} with a one-line
 * error naming both, instead of sending it replies it cannot read. Clients of before versions existed send
 * none, which reads as {@link #UNVERSIONED}.
 */
public final class Protocol {
    /**
     * Today's: streamed poll replies ({@link ChatService#pollStream}), history ({@link ChatService#history}) and
     * away/whois, all of one release. 3: rooms ({@link RoomJoined}, {@link RoomLeft}, {@link TopicChanged}, a room
     * on each line).
     */
    public static final int VERSION = 4;
    /** The first with streamed poll replies: a client calls {@link ChatService#pollStream} only on such a server. */
    public static final int STREAM = 4;
    /** The first with {@link ChatService#history}: a client never calls it on an older server, which lacks it. */
    public static final int HISTORY = 4;
    /** The first with rooms: a server sends a client older than this no event of a room, and lines of the default room only. */
    public static final int ROOMS = 3;
    /** The first with {@link ChatService#away} and {@link ChatService#whois}: a client asks no older server for them. */
    public static final int AWAY = 4;
    /** The default room's name unless the server is told otherwise. */
    public static final String DEFAULT_ROOM = "#lobby";
    /** The oldest client version this server can answer: 2, events through {@link EventCodec}. */
    public static final int OLDEST_CLIENT = 2;
    /** The oldest server version this client can use. */
    public static final int OLDEST_SERVER = 2;
    /** What a join or session of a build from before versions reads as. */
    public static final int UNVERSIONED = 0;

    private Protocol() {
    }

    /** "protocol 2", or "no protocol version (rmichat before 0.2)" for an unversioned peer. */
    public static String describe(int version) {
        return version == UNVERSIONED ? "no protocol version (an rmichat from before versions)"
                : "protocol " + version;
    }
}
