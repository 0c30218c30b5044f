package org.rmichat.server.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.PresenceDigest;
import org.rmichat.api.RoomJoined;
import org.rmichat.api.RoomLeft;
import org.rmichat.api.RoomNames;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;

/**
 * The joins and leaves of one room (or of the chat itself) a {@link Broadcaster} holds back in a large chat, and
 * the {@link PresenceDigest} each session is given when they are announced ({@link HeldPresence} keeps one per
 * room). Not thread-safe: the broadcaster uses it under its fan-out lock.
 *
 * <p>A digest tells each session what the single lines would have told it: nothing of its own origin, nothing
 * from before it went live (a newcomer at its own join, a resumed session once its replay is queued, which
 * already holds what came before), and nothing at or before the point a resumed session had already shown.
 * Most sessions get the one digest built for everyone; only a session that went live inside the window, whose
 * origin is in it, or that resumed past part of it, gets one built for it alone.
 */
final class PendingPresence {
    /** Keeps every held event; compared by identity, so {@link #named} can count the rest without a look. */
    private static final Predicate<Delivery> EVERY_EVENT = delivery -> true;

    private final String room;   // as named in the digest: null for the chat itself
    private final List<Delivery> held = new ArrayList<>();
    private final List<Integer> joinedAt = new ArrayList<>();   // indexes into held, ascending
    private final List<Integer> leftAt = new ArrayList<>();
    private final Map<Long, Integer> lastOfOrigin = new HashMap<>();
    private final Map<ClientSession, Integer> liveFrom = new HashMap<>();
    private Delivery forEveryone;   // built on first need, once per window

    /** @param room the room whose joins and leaves it holds, as its digest names it; null for the chat itself */
    PendingPresence(String room) {
        this.room = room;
    }

    /** The key of the room of a join or leave ({@link #roomOf}), or null for the chat itself. */
    static String roomKeyOf(ChatEvent event) {
        String room = roomOf(event);
        return room == null ? null : RoomNames.key(room);
    }

    /** The room a join or leave is of, as it names it, or null for the chat itself. */
    static String roomOf(ChatEvent event) {
        if (event instanceof RoomJoined joined) return joined.room();
        if (event instanceof RoomLeft left) return left.room();
        return null;
    }

    /** Whether a digest may stand for this event: a join or leave, of the chat or of a room. */
    static boolean isPresence(ChatEvent event) {
        return event instanceof UserJoined || event instanceof UserLeft || event instanceof RoomJoined
                || event instanceof RoomLeft;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    int size() {
        return held.size();
    }

    /** Holds a join or leave of this room (or of the chat) for everyone of it but its origin. */
    void hold(Delivery delivery) {
        ChatEvent event = delivery.envelope().event();
        if (!isPresence(event)) {
            throw new IllegalArgumentException("not a join or leave: " + event.getClass().getSimpleName());
        }
        if (!delivery.envelope().isForAllButOrigin()) {
            throw new IllegalArgumentException("not for all but its origin: " + delivery.envelope().audience());
        }
        String key = roomKeyOf(event);
        if (room == null ? key != null : !RoomNames.key(room).equals(key)) {
            throw new IllegalArgumentException("not of " + (room == null ? "the chat" : room) + ": " + event);
        }
        int index = held.size();
        held.add(delivery);
        (event instanceof UserJoined || event instanceof RoomJoined ? joinedAt : leftAt).add(index);
        lastOfOrigin.put(delivery.envelope().origin(), index);
        forEveryone = null;
    }

    /** The session goes live now: what is held already came before it and is not for it. */
    void wentLive(ClientSession session) {
        if (!held.isEmpty()) liveFrom.put(session, held.size());
    }

    /**
     * The digest for {@code session}, at the position of the last event it names or counts; null when nothing
     * held is for it.
     *
     * @param receives the broadcaster's one rule of who gets a bus event
     */
    Delivery digestFor(ClientSession session, Predicate<Delivery> receives) {
        int start = liveFrom.getOrDefault(session, 0);
        if (start >= held.size()) return null;
        boolean ownInside = lastOfOrigin.getOrDefault(session.clientId(), -1) >= start;
        // every held event is for this room's members but its origin, and only its own join or part changes
        // whether it is a member: with none of its own inside, if the first event it may get is for it, so is
        // every later one, and the shared digest fits; if the first one's audience leaves it out, it is not a
        // member and none is for it (no walk through a room's crowd for each of the server's other sessions)
        if (!ownInside) {
            Delivery first = held.get(start);
            if (!first.envelope().isFor(session)) return null;
            if (receives.test(first)) {
                if (start > 0) return digest(start, EVERY_EVENT);
                if (forEveryone == null) forEveryone = digest(0, EVERY_EVENT);
                return forEveryone;
            }
        }
        return digest(start, receives);
    }

    /** Starts the next window. */
    void clear() {
        held.clear();
        joinedAt.clear();
        leftAt.clear();
        lastOfOrigin.clear();
        liveFrom.clear();
        forEveryone = null;
    }

    private Delivery digest(int start, Predicate<Delivery> keep) {
        Named<UserJoined> joined = named(joinedAt, start, keep, PendingPresence::asJoined);
        Named<UserLeft> left = named(leftAt, start, keep, PendingPresence::asLeft);
        if (joined.listed().isEmpty() && left.listed().isEmpty()) return null;
        String position = held.get(Math.max(joined.lastIndex(), left.lastIndex())).position();
        return new Delivery(position, Envelope.toEveryone(
                new PresenceDigest(joined.listed(), joined.more(), left.listed(), left.more(), room)));
    }

    /** A join as the digest names it: who, without the room, which the digest names once. */
    private static UserJoined asJoined(ChatEvent event) {
        return event instanceof RoomJoined joined ? new UserJoined(joined.userId(), joined.name()) : (UserJoined) event;
    }

    /** A leave as the digest names it; a part has no reason beyond the person's wish. */
    private static UserLeft asLeft(ChatEvent event) {
        return event instanceof RoomLeft left ? new UserLeft(left.userId(), left.name(), UserLeft.Reason.QUIT)
                : (UserLeft) event;
    }

    /** The events of one kind from {@code start} on that {@code keep} keeps: the first named, the rest counted. */
    private <E extends ChatEvent> Named<E> named(List<Integer> at, int start, Predicate<Delivery> keep,
                                                 Function<ChatEvent, E> asNamed) {
        List<E> listed = new ArrayList<>();
        int more = 0;
        int lastIndex = -1;
        for (int i = firstAtOrAfter(at, start); i < at.size(); i++) {
            Delivery delivery = held.get(at.get(i));
            if (!keep.test(delivery)) continue;
            lastIndex = at.get(i);
            if (listed.size() < PresenceDigest.MAX_NAMES) {
                listed.add(asNamed.apply(delivery.envelope().event()));
            } else if (keep == EVERY_EVENT) {
                // a crowd of thousands is counted, not walked, for the digest everyone shares
                more += at.size() - i;
                lastIndex = at.get(at.size() - 1);
                break;
            } else {
                more++;
            }
        }
        return new Named<>(listed, more, lastIndex);
    }

    /** Where the first index not below {@code start} is in the ascending {@code at}. */
    private static int firstAtOrAfter(List<Integer> at, int start) {
        int found = Collections.binarySearch(at, start);
        return found >= 0 ? found : -found - 1;
    }

    private record Named<E>(List<E> listed, int more, int lastIndex) {
    }
}
