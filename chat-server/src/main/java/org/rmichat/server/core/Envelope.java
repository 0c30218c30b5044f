package org.rmichat.server.core;

import java.util.Objects;
import org.rmichat.api.ChatEvent;

/**
 * An event on its way through the bus to the broadcasters. A shared bus stores it as {@link EnvelopeCodec}
 * writes it.
 *
 * <p>Private messages travel the same bus as everything else, addressed to one client, so they reach it in the
 * one order the broadcaster gives all events; a side channel would let a private line overtake the public
 * lines before it.
 *
 * @param origin   the client id of the session that caused it ({@link #NO_ORIGIN} for the server itself); its
 *                 resends are de-duplicated by it, and a newcomer goes live at the join of its own id
 * @param event    what happened
 * @param audience who receives it: the one rule of delivery
 */
public record Envelope(long origin, ChatEvent event, Audience audience) {
    public static final long NO_ORIGIN = 0;

    public Envelope {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(audience, "audience");
    }

    /** For everyone but {@code origin}. */
    public Envelope(long origin, ChatEvent event) {
        this(origin, event, Audience.allBut(origin));
    }

    public static Envelope toEveryone(ChatEvent event) {
        return new Envelope(NO_ORIGIN, event);
    }

    public static Envelope privately(long origin, long addressee, ChatEvent event) {
        return new Envelope(origin, event, Audience.only(addressee));
    }

    /** Whether {@code recipient} receives this event: {@link Audience#includes}, nothing else. */
    public boolean isFor(Recipient recipient) {
        return audience.includes(recipient);
    }

    /**
     * Whether {@code reader} may read this event in history: {@link Audience#includes} as for delivery, and its
     * own events as {@link Audience#includesSender} allows. Every read of history asks this, and only this.
     */
    public boolean isReadableBy(Recipient reader) {
        if (audience.includes(reader)) return true;
        return origin != NO_ORIGIN && origin == reader.clientId() && audience.includesSender(reader);
    }

    /**
     * Whether history keeps this event: what people said (lines and actions of a room, private lines). Joins,
     * leaves, renames and notices are of the moment.
     */
    public boolean isKeptInHistory() {
        return (event instanceof org.rmichat.api.MessagePosted || event instanceof org.rmichat.api.ActionPosted)
                && audience instanceof Audience.Room
                || event instanceof org.rmichat.api.PrivateMessage && audience instanceof Audience.Only;
    }

    /** Whether this line is in {@code roomKey}'s history; a private line is with the default room's. */
    public boolean isInHistoryOf(String roomKey, boolean withPrivate) {
        if (audience instanceof Audience.Room room) return room.roomKey().equals(roomKey);
        return withPrivate && audience instanceof Audience.Only;
    }

    /** Whether the audience leaves out exactly its origin: everyone (of a room, or of the chat) but its sender. */
    boolean isForAllButOrigin() {
        return audience instanceof Audience.AllBut a ? a.clientId() == origin
                : audience instanceof Audience.Room r && r.except() == origin;
    }
}
