package org.rmichat.server.core;

import java.util.List;

/**
 * What a presence store needs to know of a session, as a value: stores never hold the session itself.
 *
 * @param clientId       the client's identity in the cluster
 * @param userId         its id on its server, for display
 * @param name           the name it holds
 * @param joinedAtMillis when it joined, by the wall clock the servers share (orders {@code /who})
 * @param lastSentMillis when it last sent a line (or joined), by the same clock (its idle time)
 * @param rooms          the rooms it is in, names as given
 */
public record PresenceClaim(long clientId, long userId, String name, long joinedAtMillis, long lastSentMillis,
                            List<String> rooms) {
    public PresenceClaim {
        rooms = List.copyOf(rooms);
    }

    /** In the default room only. */
    public PresenceClaim(long clientId, long userId, String name, long joinedAtMillis, long lastSentMillis) {
        this(clientId, userId, name, joinedAtMillis, lastSentMillis, List.of());
    }
}
