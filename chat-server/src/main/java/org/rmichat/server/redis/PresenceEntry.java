package org.rmichat.server.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What the presence hash holds for one name: {@code clientId|userId|joinedMillis|server|lastSentMillis|rooms|name}
 * (client id in hex; rooms comma-separated, which room names cannot hold; the name last, since it is the only
 * field that is free text).
 */
record PresenceEntry(long clientId, long userId, long joinedMillis, String serverId, long lastSentMillis,
                     List<String> rooms, String name) {

    byte[] toBytes() {
        return (Long.toHexString(clientId) + "|" + userId + "|" + joinedMillis + "|" + serverId + "|"
                + lastSentMillis + "|" + String.join(",", rooms) + "|" + name).getBytes(StandardCharsets.UTF_8);
    }

    /** The entry, or empty for one this server cannot read (written by an older server: its renewal rewrites it). */
    static Optional<PresenceEntry> parse(byte[] value) {
        String[] parts = new String(value, StandardCharsets.UTF_8).split("\\|", 7);
        if (parts.length < 7) return Optional.empty();
        try {
            List<String> rooms = parts[5].isEmpty() ? List.of() : List.of(parts[5].split(","));
            return Optional.of(new PresenceEntry(Long.parseUnsignedLong(parts[0], 16), Long.parseLong(parts[1]),
                    Long.parseLong(parts[2]), parts[3], Long.parseLong(parts[4]), rooms, parts[6]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
