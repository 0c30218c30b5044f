package org.rmichat.server.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.rmichat.api.ChatException;
import org.rmichat.api.InvalidNameException;
import org.rmichat.api.Member;
import org.rmichat.api.MemberList;
import org.rmichat.api.RoomInfo;
import org.rmichat.api.RoomJoined;
import org.rmichat.api.RoomLeft;
import org.rmichat.api.RoomNames;
import org.rmichat.api.TopicChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a member does with rooms: join, part, list them, their topics, who is in one. Who is in which room on
 * every server comes from {@link Presence#members}, so the answers are the same on every server of a cluster;
 * the join and part lines go through the bus like every other event, in the one order.
 */
final class RoomCommands {
    private static final Logger log = LoggerFactory.getLogger(RoomCommands.class);
    /** Longest topic, in characters. */
    static final int MAX_TOPIC = 200;

    private final RoomsConfig config;
    private final EventBus bus;
    private final Presence presence;
    private final RoomTopics topics;
    private final TextRules rules;
    private final MembersView members;
    private final RoomCensus census;

    /** Everyone in the chat now, on every server, with the asker marked. */
    interface MembersView {
        List<Presence.Present> everyone();
    }

    RoomCommands(RoomsConfig config, EventBus bus, Presence presence, RoomTopics topics, TextRules rules,
                 MembersView members, RoomCensus census) {
        this.census = census;
        this.config = config;
        this.bus = bus;
        this.presence = presence;
        this.topics = topics;
        this.rules = rules;
        this.members = members;
    }

    RoomInfo join(ClientSession session, String requested) throws ChatException {
        Map<String, RoomCensus.Room> rooms = census.rooms();
        // a room keeps the name its first member gave it: #DEV joins #dev
        RoomCensus.Room existing = rooms.get(RoomNames.key(RoomNames.check(requested)));
        String room = existing == null ? requested : existing.name();
        if (session.rooms().isIn(room)) return info(session.rooms().nameOf(room));
        if (session.rooms().count() >= config.maxRoomsPerUser()) {
            throw new ChatException("you are in " + session.rooms().count() + " rooms, the most this server allows;"
                    + " /part one first");
        }
        if (existing == null && rooms.size() >= config.maxRooms()) {
            throw new ChatException("the chat has " + rooms.size() + " rooms, the most it allows; join one of them"
                    + " (/list)");
        }
        session.spendSendBudget();   // a join is a line on the room's screens
        session.rooms().join(room);
        try {
            bus.publish(new Envelope(session.clientId(), new RoomJoined(room, session.userId(), session.name()),
                    Audience.room(room, session.clientId())));
        } catch (ChatException e) {
            session.rooms().part(room);
            throw e;
        }
        census.entered(room);
        presence.roomsChanged(session.claim());
        log.info("{} (\"{}\") joined {}", session.userId(), session.name(), room);
        int members = existing == null ? 1 : existing.members() + 1;
        return new RoomInfo(room, members, topics.topic(RoomNames.key(room)));
    }

    void part(ClientSession session, String requested) throws ChatException {
        String room = RoomNames.check(requested);
        if (!session.rooms().isIn(room)) throw new InvalidNameException("you are not in " + room);
        if (session.rooms().count() == 1) {
            throw new ChatException("you cannot leave your last room; /quit leaves the chat");
        }
        String name = session.rooms().nameOf(room);
        session.rooms().part(room);
        bus.publish(new Envelope(session.clientId(), new RoomLeft(name, session.userId(), session.name()),
                Audience.room(name, session.clientId())));
        census.left(name);
        presence.roomsChanged(session.claim());
        log.info("{} (\"{}\") left {}", session.userId(), session.name(), name);
    }

    /** Every room with people in it, by name. */
    List<RoomInfo> list() {
        List<RoomInfo> rooms = new ArrayList<>();
        for (var entry : census.rooms().entrySet()) {
            rooms.add(new RoomInfo(entry.getValue().name(), entry.getValue().members(), topics.topic(entry.getKey())));
        }
        rooms.sort(Comparator.comparing(r -> RoomNames.key(r.room())));
        return rooms;
    }

    RoomInfo topic(ClientSession session, String requested, String newTopic) throws ChatException {
        String room = RoomNames.check(requested);
        if (newTopic == null) return info(room);
        if (!session.rooms().isIn(room)) throw new InvalidNameException("you are not in " + room);
        String topic = newTopic.isBlank() ? "" : rules.message(newTopic);
        if (topic.length() > MAX_TOPIC) throw new ChatException("topic too long: " + topic.length() + " characters,"
                + " limit " + MAX_TOPIC);
        session.spendSendBudget();
        String name = session.rooms().nameOf(room);
        topics.set(RoomNames.key(room), topic);
        bus.publish(new Envelope(session.clientId(), new TopicChanged(name, topic, session.name()),
                Audience.room(name, Envelope.NO_ORIGIN)));
        return info(name);
    }

    MemberList whoIn(ClientSession asker, String requested) throws ChatException {
        String key = RoomNames.key(RoomNames.check(requested));
        List<Member> in = new ArrayList<>();
        for (Presence.Present p : members.everyone()) {
            if (p.rooms().stream().anyMatch(room -> RoomNames.key(room).equals(key))) {
                in.add(p.member(asker.clientId()));
            }
        }
        return new MemberList(in);
    }

    private RoomInfo info(String room) {
        RoomCensus.Room counted = census.rooms().get(RoomNames.key(room));
        return new RoomInfo(counted == null ? room : counted.name(), counted == null ? 0 : counted.members(),
                topics.topic(RoomNames.key(room)));
    }
}
