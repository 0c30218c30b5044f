package org.rmichat.server.redis;

import org.rmichat.server.core.TextRules;

/**
 * The names of rmichat's keys on one Redis, all under one prefix, so tests (and several chats) can share a
 * Redis without meeting.
 */
record RedisKeys(String prefix) {
    /** The stream of envelopes: the one order of the cluster. */
    String stream() {
        return prefix + "events";
    }

    /** A hash beside the stream: {@code n}, its counter, and {@code h}, the id of the history it counts in. */
    String history() {
        return prefix + "history";
    }

    /** Who holds each name: {@link PresenceEntry} by lowercase name. */
    String presence() {
        return prefix + "presence";
    }

    /** The line announcing each holder's time-out, for when its server dies and its lease lapses. */
    String obituaries() {
        return prefix + "obituaries";
    }

    /** Why each client that is away is away, by client id in hex; cleared with its presence entry. */
    String away() {
        return prefix + "away";
    }

    /** The rooms' topics, by room key. */
    String topics() {
        return prefix + "topics";
    }

    /** A name's claim, holding {@code <server>/<client id>}, with the lease as its expiry. */
    String name(String name) {
        return namePrefix() + field(name);
    }

    String namePrefix() {
        return prefix + "name:";
    }

    /** The last line number appended for a client id, for de-duplicating its resends. */
    String sent(long clientId) {
        return prefix + "sent:" + Long.toHexString(clientId);
    }

    /** The last event number a server appended itself (joins, leaves, renames). */
    String published(String serverId) {
        return prefix + "pub:" + serverId;
    }

    /** A name as presence keys it: the same key the server's own registry uses, so look-alikes clash here too. */
    static String field(String name) {
        return TextRules.nameKey(name);
    }
}
