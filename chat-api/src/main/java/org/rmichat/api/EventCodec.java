package org.rmichat.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one encoding of events, for poll replies and for the cluster bus alike. Each event is its tag (a
 * varint), the length of its body (a varint) and the body: a reader skips a tag it does not know by its
 * length and keeps it as an {@link UnknownEvent}, and ignores fields a newer writer appended to a body it
 * knows. Enums travel as explicit codes, never ordinals. {@link Tag} is the one table of tags both directions
 * use; the {@link ChatEvent.Visitor} makes a new event without a writer a compile error here.
 *
 * <p>Bodies, in order: numbers are varints, strings a varint length and UTF-8.
 * <ul>
 *   <li>1 joined: userId, name</li>
 *   <li>2 left: userId, name, reason code (1 quit, 2 timed out, 3 too slow; others read as "other")</li>
 *   <li>3 message: userId, name, text, then (protocol 3) room; a body without it is in the default room</li>
 *   <li>4 notice: text</li>
 *   <li>5 nick: userId, oldName, newName</li>
 *   <li>6 private: fromUserId, from, to, text</li>
 *   <li>7 action: userId, name, text, then (protocol 3) room</li>
 *   <li>8 presence digest: joined count, each (userId, name); moreJoined; left count, each (userId, name,
 *       reason code); moreLeft, then (protocol 3) the room; a body without it is of the chat itself</li>
 *   <li>9 room joined (protocol 3): room, userId, name</li>
 *   <li>10 room left (protocol 3): room, userId, name</li>
 *   <li>11 topic changed (protocol 3): room, topic, by</li>
 *   <li>12 missed lines (protocol 4): count, sinceMillis</li>
 * </ul>
 */
public final class EventCodec {

    /** Every tag, what it decodes to, and how. A test checks that every kind of event has one. */
    enum Tag {
        JOINED(1, UserJoined.class, r -> new UserJoined(r.varint(), r.string())),
        LEFT(2, UserLeft.class, EventCodec::readLeft),
        MESSAGE(3, MessagePosted.class, r -> new MessagePosted(r.varint(), r.string(), r.string(), optional(r))),
        NOTICE(4, Notice.class, r -> new Notice(r.string())),
        NICK(5, NickChanged.class, r -> new NickChanged(r.varint(), r.string(), r.string())),
        PRIVATE(6, PrivateMessage.class, r -> new PrivateMessage(r.varint(), r.string(), r.string(), r.string())),
        ACTION(7, ActionPosted.class, r -> new ActionPosted(r.varint(), r.string(), r.string(), optional(r))),
        PRESENCE(8, PresenceDigest.class, EventCodec::readDigest),
        ROOM_JOINED(9, RoomJoined.class, r -> new RoomJoined(r.string(), r.varint(), r.string())),
        ROOM_LEFT(10, RoomLeft.class, r -> new RoomLeft(r.string(), r.varint(), r.string())),
        TOPIC(11, TopicChanged.class, r -> new TopicChanged(r.string(), r.string(), r.string())),
        MISSED(12, MissedLines.class, r -> new MissedLines(r.count(Integer.MAX_VALUE), r.varint()));

        final int code;
        final Class<? extends ChatEvent> type;
        private final Function<WireReader, ChatEvent> reader;

        Tag(int code, Class<? extends ChatEvent> type, Function<WireReader, ChatEvent> reader) {
            this.code = code;
            this.type = type;
            this.reader = reader;
        }

        static Tag of(long code) {
            for (Tag tag : values()) {
                if (tag.code == code) return tag;
            }
            return null;
        }
    }

    private EventCodec() {
    }

    public static void write(ChatEvent event, WireWriter out) {
        WireWriter body = out.scratch();
        int tag = event.accept(new BodyWriter(body));
        out.varint(tag).block(body);
    }

    /** The next event; an unknown tag is skipped by its length and kept as an {@link UnknownEvent}. */
    public static ChatEvent read(WireReader in) {
        long code = in.varint();
        WireReader body = in.block();
        Tag tag = Tag.of(code);
        if (tag == null) {
            if (code > Integer.MAX_VALUE) throw new IllegalArgumentException("event tag " + code);
            return new UnknownEvent((int) code, body.rest());
        }
        return tag.reader.apply(body);   // fields appended by a newer writer stay unread in the block
    }

    public static byte[] encode(List<ChatEvent> events) {
        WireWriter out = new WireWriter(16 + 48 * events.size());
        out.varint(events.size());
        for (ChatEvent event : events) write(event, out);
        return out.toByteArray();
    }

    public static List<ChatEvent> decode(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        // every event takes at least two bytes: a forged count cannot make us allocate more than arrived
        int count = in.count(in.remaining() / 2);
        List<ChatEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) events.add(read(in));
        if (in.hasRemaining()) throw new IllegalArgumentException(in.remaining() + " bytes after the last event");
        return events;
    }

    /** A field a newer writer appended: there, or null in a body written before it. */
    private static String optional(WireReader in) {
        return in.hasRemaining() ? in.string() : null;
    }

    private static UserLeft readLeft(WireReader in) {
        return new UserLeft(in.varint(), in.string(), UserLeft.Reason.ofCode(in.count(Integer.MAX_VALUE)));
    }

    private static PresenceDigest readDigest(WireReader in) {
        List<UserJoined> joined = new ArrayList<>();
        for (int i = in.count(PresenceDigest.MAX_NAMES, "name count"); i > 0; i--) {
            joined.add(new UserJoined(in.varint(), in.string()));
        }
        int moreJoined = in.count(Integer.MAX_VALUE);
        List<UserLeft> left = new ArrayList<>();
        for (int i = in.count(PresenceDigest.MAX_NAMES, "name count"); i > 0; i--) left.add(readLeft(in));
        int moreLeft = in.count(Integer.MAX_VALUE);
        return new PresenceDigest(joined, moreJoined, left, moreLeft, optional(in));
    }

    /** Writes one event's body and returns its tag. */
    private record BodyWriter(WireWriter out) implements ChatEvent.Visitor<Integer> {
        @Override
        public Integer joined(UserJoined e) {
            out.varint(e.userId()).string(e.name());
            return Tag.JOINED.code;
        }

        @Override
        public Integer left(UserLeft e) {
            writeLeft(e);
            return Tag.LEFT.code;
        }

        @Override
        public Integer message(MessagePosted e) {
            out.varint(e.userId()).string(e.name()).string(e.text());
            if (e.room() != null) out.string(e.room());
            return Tag.MESSAGE.code;
        }

        @Override
        public Integer notice(Notice e) {
            out.string(e.text());
            return Tag.NOTICE.code;
        }

        @Override
        public Integer nickChanged(NickChanged e) {
            out.varint(e.userId()).string(e.oldName()).string(e.newName());
            return Tag.NICK.code;
        }

        @Override
        public Integer privateMessage(PrivateMessage e) {
            out.varint(e.fromUserId()).string(e.from()).string(e.to()).string(e.text());
            return Tag.PRIVATE.code;
        }

        @Override
        public Integer action(ActionPosted e) {
            out.varint(e.userId()).string(e.name()).string(e.text());
            if (e.room() != null) out.string(e.room());
            return Tag.ACTION.code;
        }

        @Override
        public Integer roomJoined(RoomJoined e) {
            out.string(e.room()).varint(e.userId()).string(e.name());
            return Tag.ROOM_JOINED.code;
        }

        @Override
        public Integer roomLeft(RoomLeft e) {
            out.string(e.room()).varint(e.userId()).string(e.name());
            return Tag.ROOM_LEFT.code;
        }

        @Override
        public Integer topicChanged(TopicChanged e) {
            out.string(e.room()).string(e.topic()).string(e.by());
            return Tag.TOPIC.code;
        }

        @Override
        public Integer missedLines(MissedLines e) {
            out.varint(e.count()).varint(e.sinceMillis());
            return Tag.MISSED.code;
        }

        @Override
        public Integer presence(PresenceDigest e) {
            out.varint(e.joined().size());
            for (UserJoined joined : e.joined()) out.varint(joined.userId()).string(joined.name());
            out.varint(e.moreJoined());
            out.varint(e.left().size());
            for (UserLeft left : e.left()) writeLeft(left);
            out.varint(e.moreLeft());
            if (e.room() != null) out.string(e.room());
            return Tag.PRESENCE.code;
        }

        @Override
        public Integer unknown(UnknownEvent e) {
            byte[] body = e.body();
            out.raw(body, 0, body.length);   // passed on as it came, for a reader that knows it
            return e.tag();
        }

        private void writeLeft(UserLeft e) {
            out.varint(e.userId()).string(e.name()).varint(e.reason().code());
        }
    }
}
