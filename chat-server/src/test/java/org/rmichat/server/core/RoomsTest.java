package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.ChatException;
import org.rmichat.api.InvalidMessageException;
import org.rmichat.api.InvalidNameException;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.Member;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PrivateMessage;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.Protocol;
import org.rmichat.api.RoomInfo;
import org.rmichat.api.RoomJoined;
import org.rmichat.api.RoomLeft;
import org.rmichat.api.RoomRequest;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.api.TopicChanged;
import org.rmichat.api.TopicRequest;
import org.rmichat.api.UserJoined;

/** Rooms on one server: lines stay in their room, the audience rule decides everything else. */
@Timeout(30)
class RoomsTest {
    private final EventBus bus = new InMemoryEventBus();
    private final ChatRoom room = new ChatRoom(RoomConfig.defaults().withRateLimit(0, 1),
            new RoomsConfig("#lobby", 3, 3), bus, new LocalPresence(bus), new LocalRoomTopics(), Ticker.system());

    private final List<Reader> readers = new ArrayList<>();

    RoomsTest() {
        room.start();
    }

    @AfterEach
    void stop() throws Exception {
        room.close();
    }

    @Test
    void linesStayInTheirRoomAndAMemberOfTwoHearsBoth() throws Exception {
        Reader alice = join("alice", 1);
        Reader bob = join("bob", 2);
        Reader carol = join("carol", 3);
        room.joinRoom(new RoomRequest(alice.session.token(), "#dev"));
        room.joinRoom(new RoomRequest(bob.session.token(), "#DEV"));   // one room, whatever the case

        say(alice, "in dev", "#dev");
        say(alice, "in the lobby", null);
        say(carol, "marker", null);

        assertEquals(List.of("alice@#dev: in dev", "alice: in the lobby", "carol: marker"), bob.linesUntil("carol: marker"));
        assertEquals(List.of("alice: in the lobby"), carol.linesUntil("alice: in the lobby"));
        say(alice, "again in dev", "#dev");
        say(bob, "carol's marker", null);
        assertEquals(List.of("bob: carol's marker"), carol.linesUntil("bob: carol's marker"), "carol is not in #dev");
    }

    @Test
    void aNewMemberHearsARoomFromItsOwnJoinOnAndNothingAfterItsPart() throws Exception {
        Reader alice = join("alice", 1);
        Reader bob = join("bob", 2);
        room.joinRoom(new RoomRequest(alice.session.token(), "#dev"));
        say(alice, "before bob", "#dev");
        room.joinRoom(new RoomRequest(bob.session.token(), "#dev"));
        say(alice, "after bob", "#dev");
        assertEquals(List.of("alice@#dev: after bob"), bob.linesUntil("alice@#dev: after bob"));

        room.partRoom(new RoomRequest(bob.session.token(), "#dev"));
        alice.awaitShown(e -> e instanceof RoomLeft left && left.name().equals("bob") ? "left" : null);
        say(alice, "bob is gone", "#dev");
        say(alice, "lobby marker", null);
        assertEquals(List.of("alice: lobby marker"), bob.linesUntil("alice: lobby marker"));
    }

    @Test
    void oneCannotPostToARoomOneIsNotInNorLeaveTheLastRoom() throws Exception {
        Reader alice = join("alice", 1);

        var e = assertThrows(InvalidMessageException.class, () -> say(alice, "hi", "#dev"));
        assertEquals("you are not in #dev; /join #dev first", e.getMessage());
        var last = assertThrows(ChatException.class, () -> room.partRoom(new RoomRequest(alice.session.token(), "#lobby")));
        assertEquals("you cannot leave your last room; /quit leaves the chat", last.getMessage());
        var bad = assertThrows(InvalidNameException.class, () -> room.joinRoom(new RoomRequest(alice.session.token(), "dev!")));
        assertTrue(bad.getMessage().startsWith("not a room name: \"dev!\""), bad.getMessage());
    }

    @Test
    void limitsOfRoomsPerUserAndPerChatAreClearErrors() throws Exception {
        Reader alice = join("alice", 1);
        room.joinRoom(new RoomRequest(alice.session.token(), "#a"));
        room.joinRoom(new RoomRequest(alice.session.token(), "#b"));
        var mine = assertThrows(ChatException.class, () -> room.joinRoom(new RoomRequest(alice.session.token(), "#c")));
        assertEquals("you are in 3 rooms, the most this server allows; /part one first", mine.getMessage());

        Reader bob = join("bob", 2);
        var chat = assertThrows(ChatException.class, () -> room.joinRoom(new RoomRequest(bob.session.token(), "#c")));
        assertEquals("the chat has 3 rooms, the most it allows; join one of them (/list)", chat.getMessage());
    }

    @Test
    void topicsListsAndWhoInARoom() throws Exception {
        Reader alice = join("alice", 1);
        Reader bob = join("bob", 2);
        room.joinRoom(new RoomRequest(alice.session.token(), "#dev"));
        room.topic(new TopicRequest(alice.session.token(), "#dev", "release on Friday"));
        alice.awaitShown(e -> e.equals(new TopicChanged("#dev", "release on Friday", "alice")) ? "own topic" : null);

        RoomInfo joined = room.joinRoom(new RoomRequest(bob.session.token(), "#dev"));
        assertEquals(new RoomInfo("#dev", 2, "release on Friday"), joined);
        assertEquals(List.of(new RoomInfo("#dev", 2, "release on Friday"), new RoomInfo("#lobby", 2, "")),
                room.rooms(alice.session.token()));
        List<Member> inDev = room.whoIn(new RoomRequest(bob.session.token(), "#dev")).members();
        assertEquals(List.of("alice", "bob (you)"), inDev.stream().map(m -> m.name() + (m.you() ? " (you)" : "")).toList());
    }

    @Test
    void aRejoinIsBackInItsRoomsQuietly() throws Exception {
        Reader alice = join("alice", 1);
        Reader bob = join("bob", 2);
        room.joinRoom(new RoomRequest(bob.session.token(), "#dev"));
        room.leave(bob.session.token());

        Session again = room.join(new JoinRequest("bob", null, 2, null, Protocol.VERSION, List.of("#dev")));
        Reader bobAgain = new Reader(again);
        room.joinRoom(new RoomRequest(alice.session.token(), "#dev"));
        say(alice, "still there?", "#dev");
        assertEquals(List.of("alice@#dev: still there?"), bobAgain.linesUntil("alice@#dev: still there?"));
    }

    @Test
    void aClientOfBeforeRoomsGetsNoEventOfARoom() throws Exception {
        Reader alice = join("alice", 1);
        Session old = room.join(new JoinRequest("old", null, 9, null, 2));
        Reader oldReader = new Reader(old);
        room.topic(new TopicRequest(alice.session.token(), "#lobby", "welcome"));
        say(alice, "marker", null);

        assertEquals(List.of("alice: marker"), oldReader.linesUntil("alice: marker"));
    }

    @Test
    void aPrivateLineFollowsTheAudienceRuleNotTheRooms() throws Exception {
        Reader alice = join("alice", 1);
        Reader bob = join("bob", 2);
        room.joinRoom(new RoomRequest(bob.session.token(), "#dev"));
        room.partRoom(new RoomRequest(bob.session.token(), "#lobby"));
        room.sendPrivate(new PrivateRequest(alice.session.token(), 1, "bob", "psst"));

        assertEquals(List.of("[private] alice: psst"), bob.linesUntil("[private] alice: psst"));
    }

    private Reader join(String name, long clientId) throws Exception {
        Reader reader = new Reader(room.join(new JoinRequest(name, null, clientId, null)));
        readers.add(reader);
        return reader;
    }

    private long seq;

    private void say(Reader who, String text, String inRoom) throws Exception {
        room.send(new SendRequest(who.session.token(), ++seq, text, false, inRoom));
    }

    /** One session read as a client would, its lines as {@code name: text} or {@code name@#room: text}. */
    private final class Reader {
        final Session session;
        private long ack;

        Reader(Session session) {
            this.session = session;
        }

        List<String> linesUntil(String last) throws Exception {
            List<String> lines = new ArrayList<>();
            while (!lines.contains(last)) {
                for (ChatEvent event : next()) {
                    String line = line(event);
                    if (line != null) lines.add(line);
                }
            }
            return lines;
        }

        void awaitShown(java.util.function.Function<ChatEvent, String> wanted) throws Exception {
            while (true) {
                for (ChatEvent event : next()) {
                    if (wanted.apply(event) != null) return;
                }
            }
        }

        private List<ChatEvent> next() throws Exception {
            PollResult batch = room.poll(new PollRequest(session.token(), ack, 1_000, 5_000));
            if (batch.isEmpty()) throw new AssertionError("nothing more arrived for " + session.name());
            ack = batch.lastSeq();
            return batch.events();
        }

        private String line(ChatEvent event) {
            if (event instanceof MessagePosted m) return m.name() + (m.room() == null ? "" : "@" + m.room()) + ": " + m.text();
            if (event instanceof PrivateMessage p) return "[private] " + p.from() + ": " + p.text();
            if (event instanceof UserJoined) return null;
            return null;
        }
    }
}
