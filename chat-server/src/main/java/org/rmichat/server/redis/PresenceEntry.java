package org.rmichat.server.redis;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the presence hash holds for one name: {@code clientId|userId|joinedMillis|server|lastSentMillis|name}
 * (client id in hex; the name last, since it is the only field that is free text).
 */
record PresenceEntry(long clientId, long userId, long joinedMillis, String serverId, long lastSentMillis,
                     String name) {

    byte[] toBytes() {
        return (Long.toHexString(clientId) + "|" + userId + "|" + joinedMillis + "|" + serverId + "|"
                + lastSentMillis + "|" + name).getBytes(StandardCharsets.UTF_8);
    }

    /** The entry, or empty for one this server cannot read (written by an older server: its renewal rewrites it). */
    static Optional<PresenceEntry> parse(byte[] value) {
        String[] parts = new String(value, StandardCharsets.UTF_8).split("\\|", 6);
        if (parts.length < 6) return Optional.empty();
        try {
            return Optional.of(new PresenceEntry(Long.parseUnsignedLong(parts[0], 16), Long.parseLong(parts[1]),
                    Long.parseLong(parts[2]), parts[3], Long.parseLong(parts[4]), parts[5]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
