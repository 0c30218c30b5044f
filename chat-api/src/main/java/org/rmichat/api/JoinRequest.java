package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Asks to enter the chat.
 *
 * @param name           the requested display name, or {@code null} for the server's default {@code User N}
 * @param password       the server's shared secret, or {@code null} when it has none; never printed
 * @param clientId       the client's identity: a random number the client draws once per process, or 0 to let
 *                       the server draw one. The same on every server of a cluster: its own lines never come
 *                       back to it, its sends are numbered per client id, and a join with the client id that
 *                       holds a name takes the name over quietly (a fail-over, not a second user)
 * @param resumeAfter    the {@link PollResult#position()} of the last event the client showed, to receive what
 *                       came after it; {@code null} for a fresh start
 * @param protocol       the {@link Protocol} version the client speaks; a client from before versions sends
 *                       none, which reads as {@link Protocol#UNVERSIONED}
 * @param clientSecret   a random secret the client draws with its client id and sends only at join; the server
 *                       knows the client by the two together, so knowing the id alone takes over nothing and
 *                       receives nothing. {@code null} from a client of before secrets; never printed
 * @param rooms          the rooms besides the default one the client was in, to be back in them quietly after
 *                       a reconnect or a fail-over; null or empty for none
 */
public record JoinRequest(String name, String password, long clientId, String resumeAfter, int protocol,
                          String clientSecret, List<String> rooms) implements Serializable {
    @Serial private static final long serialVersionUID = 2L;
    /** Most rooms a rejoin may ask to be back in: more than any server lets one person be in. */
    public static final int MAX_ROOMS = 64;

    public JoinRequest {
        RequestLimits.bounded("name", name, RequestLimits.MAX_NAME_LENGTH);
        RequestLimits.bounded("password", password, RequestLimits.MAX_PASSWORD_LENGTH);
        RequestLimits.bounded("resume position", resumeAfter, RequestLimits.MAX_POSITION_LENGTH);
        RequestLimits.bounded("client secret", clientSecret, RequestLimits.MAX_SECRET_LENGTH);
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        if (rooms.size() > MAX_ROOMS) throw new IllegalArgumentException("more than " + MAX_ROOMS + " rooms");
        for (String room : rooms) RequestLimits.bounded("room", room, RequestLimits.MAX_NAME_LENGTH);
    }

    public JoinRequest(String name, String password) {
        this(name, password, 0, null);
    }

    /** A join in this build's protocol, without a client secret. */
    public JoinRequest(String name, String password, long clientId, String resumeAfter) {
        this(name, password, clientId, resumeAfter, Protocol.VERSION, null, List.of());
    }

    /** A join in this build's protocol, proving the client id with its secret. */
    public JoinRequest(String name, String password, long clientId, String resumeAfter, String clientSecret) {
        this(name, password, clientId, resumeAfter, Protocol.VERSION, clientSecret, List.of());
    }

    /** A join in {@code protocol}, without a client secret. */
    public JoinRequest(String name, String password, long clientId, String resumeAfter, int protocol) {
        this(name, password, clientId, resumeAfter, protocol, null, List.of());
    }

    /** A join in {@code protocol}, without a client secret, back in {@code rooms}. */
    public JoinRequest(String name, String password, long clientId, String resumeAfter, int protocol,
                       List<String> rooms) {
        this(name, password, clientId, resumeAfter, protocol, null, rooms);
    }

    public static JoinRequest anonymous() {
        return new JoinRequest(null, null);
    }

    public Optional<String> requestedName() {
        return Optional.ofNullable(name);
    }

    public Optional<String> resumePosition() {
        return Optional.ofNullable(resumeAfter);
    }

    @Override
    public String toString() {
        return "JoinRequest[name=" + name + ", password=" + (password == null ? "none" : "redacted")
                + ", clientId=" + Long.toHexString(clientId) + ", resumeAfter=" + resumeAfter + ", protocol=" + protocol
                + ", clientSecret=" + (clientSecret == null ? "none" : "redacted") + ", rooms=" + rooms + "]";
    }
}
