package org.rmichat.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rmichat.api.ActionPosted;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.Member;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.MissedLines;
import org.rmichat.api.NickChanged;
import org.rmichat.api.Notice;
import org.rmichat.api.PresenceDigest;
import org.rmichat.api.PrivateMessage;
import org.rmichat.api.RoomJoined;
import org.rmichat.api.RoomLeft;
import org.rmichat.api.TopicChanged;
import org.rmichat.api.UnknownEvent;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;

/**
 * The names of the people in the chat as far as this client has seen, for Tab to complete: a /who at the start,
 * then every join, leave, rename and line. Kept locally so a Tab never waits for the server. Both client threads
 * use it; every method holds its lock. Names are unique ignoring case, so they are keyed that way.
 */
final class KnownNames {
    private final Map<String, String> names = new LinkedHashMap<>();   // lower-cased -> as written

    synchronized void add(String name) {
        names.put(key(name), name);
    }

    synchronized void remove(String name) {
        names.remove(key(name));
    }

    /** The people a /who answered with; those it does not list may be in other rooms, so they stay. */
    synchronized void addAll(List<Member> members) {
        members.forEach(m -> add(m.name()));
    }

    synchronized List<String> all() {
        return List.copyOf(names.values());
    }

    /** Learns from {@code event} who is here. */
    void saw(ChatEvent event) {
        event.accept(learn);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private final ChatEvent.Visitor<Void> learn = new ChatEvent.Visitor<>() {
        @Override
        public Void joined(UserJoined e) {
            add(e.name());
            return null;
        }

        @Override
        public Void left(UserLeft e) {
            remove(e.name());
            return null;
        }

        @Override
        public Void message(MessagePosted e) {
            add(e.name());
            return null;
        }

        @Override
        public Void notice(Notice e) {
            return null;
        }

        @Override
        public Void nickChanged(NickChanged e) {
            remove(e.oldName());
            add(e.newName());
            return null;
        }

        @Override
        public Void privateMessage(PrivateMessage e) {
            add(e.from());
            return null;
        }

        @Override
        public Void action(ActionPosted e) {
            add(e.name());
            return null;
        }

        @Override
        public Void presence(PresenceDigest e) {
            e.joined().forEach(this::joined);
            e.left().forEach(this::left);
            return null;
        }

        @Override
        public Void roomJoined(RoomJoined e) {
            add(e.name());
            return null;
        }

        @Override
        public Void roomLeft(RoomLeft e) {
            return null;   // still in the chat, in another room
        }

        @Override
        public Void topicChanged(TopicChanged e) {
            return null;
        }

        @Override
        public Void missedLines(MissedLines e) {
            return null;
        }

        @Override
        public Void unknown(UnknownEvent e) {
            return null;
        }
    };
}
