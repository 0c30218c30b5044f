package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.HistoryLine;
import org.rmichat.api.HistoryRequest;
import org.rmichat.api.InvalidNameException;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.MissedLines;
import org.rmichat.api.PrivateMessage;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.Protocol;
import org.rmichat.api.RoomRequest;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;

/** Reading history: the one audience rule decides every line, and scrollback ends where live lines begin. */
@Timeout(30)
class HistoryReadTest {
    private static final RoomConfig UNLIMITED = RoomConfig.defaults().withRateLimit(0, 1);
    private final MemoryHistoryLog log = new MemoryHistoryLog();

    private ChatRoom started() {
        ChatRoom room = new ChatRoom(UNLIMITED, new InMemoryEventBus(log, () -> 1_000), Ticker.system());
        room.start();
        return room;
    }

    /** Everything {@code who} may read of {@code chatRoom}, up to the end of the history. */
    private static List<String> read(ChatRoom room, Session who, String chatRoom) throws Exception {
        return read(room, who, chatRoom, "feedface/" + Long.MAX_VALUE);
    }

    private static List<String> read(ChatRoom room, Session who, String chatRoom, String before) throws Exception {
        return room.history(new HistoryRequest(who.token(), chatRoom, before, 100, 0)).lines().stream()
                .map(HistoryLine::event).map(HistoryReadTest::text).toList();
    }

    private static String text(ChatEvent event) {
        if (event instanceof MessagePosted m) return m.name() + ": " + m.text();
        if (event instanceof PrivateMessage p) return p.from() + " -> " + p.to() + ": " + p.text();
        return event.toString();
    }

    @Test
    void aPrivateLineIsInTheHistoryOfItsTwoPartiesAndNobodyElses() throws Exception {
        try (ChatRoom room = started()) {
            Session alice = room.join(new JoinRequest("alice", null, 11, null));
            Session bob = room.join(new JoinRequest("bob", null, 22, null));
            Session carol = room.join(new JoinRequest("carol", null, 33, null));
            room.sendPrivate(new PrivateRequest(alice.token(), 1, "bob", "for bob only"));
            room.send(new SendRequest(alice.token(), 2, "to all"));

            List<String> both = List.of("alice -> bob: for bob only", "alice: to all");
            assertEquals(both, read(room, bob, "#lobby"));
            assertEquals(both, read(room, alice, "#lobby"));
            assertEquals(List.of("alice: to all"), read(room, carol, "#lobby"));
            // not in another room's history either
            room.joinRoom(new RoomRequest(carol.token(), "#dev"));
            assertEquals(List.of(), read(room, carol, "#dev"));
        }
    }

    @Test
    void aRoomsHistoryIsForItsMembersOnly() throws Exception {
        try (ChatRoom room = started()) {
            Session alice = room.join(new JoinRequest("alice", null, 11, null));
            Session bob = room.join(new JoinRequest("bob", null, 22, null));
            room.joinRoom(new RoomRequest(alice.token(), "#dev"));
            room.send(new SendRequest(alice.token(), 1, "dev talk", false, "#dev"));

            assertThrows(InvalidNameException.class, () -> read(room, bob, "#dev"));
            room.joinRoom(new RoomRequest(bob.token(), "#dev"));
            assertEquals(List.of("alice: dev talk"), read(room, bob, "#dev"));
            room.partRoom(new RoomRequest(alice.token(), "#dev"));
            assertThrows(InvalidNameException.class, () -> read(room, alice, "#dev"));
        }
    }

    @Test
    void scrollbackEndsWhereTheJoinersLiveLinesBegin() throws Exception {
        try (ChatRoom room = started()) {
            Session alice = room.join(new JoinRequest("alice", null, 11, null));
            room.send(new SendRequest(alice.token(), 1, "before carol"));
            Session carol = room.join(new JoinRequest("carol", null, 33, null));
            room.send(new SendRequest(alice.token(), 2, "after carol"));

            assertEquals(List.of("alice: before carol"), read(room, carol, "#lobby", null));
        }
    }

    @Test
    void aRestartedServerStillHasItsLinesAndAPositionFromBeforeStillResumes() throws Exception {
        String shown;
        try (ChatRoom room = started()) {
            Session alice = room.join(new JoinRequest("alice", null, 11, null));
            Session bob = room.join(new JoinRequest("bob", null, 22, null));
            room.send(new SendRequest(alice.token(), 1, "seen by bob"));
            shown = RoomPolls.pollUntil(room, bob, "seen by bob").position();
            room.send(new SendRequest(alice.token(), 2, "missed by bob"));
        }
        log.nextRun();
        try (ChatRoom room = started()) {
            Session carol = room.join(new JoinRequest("carol", null, 33, null));
            assertEquals(List.of("alice: seen by bob", "alice: missed by bob"), read(room, carol, "#lobby", null));

            Session bob = room.join(new JoinRequest("bob", null, 22, shown));
            // a position from before the restart is of the same history: it resumes, and nobody is told of a restart;
            // the line it missed is announced as missed, with when it was said
            assertEquals(List.of(new MissedLines(1, 1_000).toString(), "alice: missed by bob"),
                    RoomPolls.pollUntil(room, bob, "missed by bob").events().stream().map(HistoryReadTest::text).toList());
        }
    }

    @Test
    void aClientOfBeforeHistoryComingBackGetsTheLinesItMissedUnannounced() throws Exception {
        String shown;
        try (ChatRoom room = started()) {
            Session alice = room.join(new JoinRequest("alice", null, 11, null));
            Session bob = room.join(new JoinRequest("bob", null, 22, null, Protocol.ROOMS));
            room.send(new SendRequest(alice.token(), 1, "seen by bob"));
            shown = RoomPolls.pollUntil(room, bob, "seen by bob").position();
            room.send(new SendRequest(alice.token(), 2, "missed by bob"));
        }
        log.nextRun();
        try (ChatRoom room = started()) {
            Session bob = room.join(new JoinRequest("bob", null, 22, shown, Protocol.ROOMS));
            // it could not show the announcement
            assertEquals(List.of("alice: missed by bob"),
                    RoomPolls.pollUntil(room, bob, "missed by bob").events().stream().map(HistoryReadTest::text).toList());
        }
    }

    @Test
    void aClientEvictedAsTooSlowComesBackWithNothingMissingBetweenReplayAndHistory() throws Exception {
        ChatRoom room = new ChatRoom(UNLIMITED.withMaxQueue(20), new InMemoryEventBus(log, () -> 1_000), Ticker.system());
        room.start();
        try (room) {
            Session alice = room.join(new JoinRequest("alice", null, 11, null));
            Session bob = room.join(new JoinRequest("bob", null, 22, null));
            room.send(new SendRequest(alice.token(), 1, "l0"));
            String shown = RoomPolls.pollUntil(room, bob, "l0").position();
            for (int i = 1; i <= 30; i++) room.send(new SendRequest(alice.token(), i + 1, "l" + i));
            Session evicted = bob;
            assertThrows(org.rmichat.api.SessionClosedException.class, () -> {
                while (true) room.poll(new org.rmichat.api.PollRequest(evicted.token(), 0, 1, 5_000));
            });

            Session back = room.join(new JoinRequest("bob", null, 22, shown));
            // every batch up to the last line: the replay and the live lines may come in several
            List<String> replayed = new java.util.ArrayList<>();
            long ack = 0;
            while (!replayed.contains("alice: l30")) {
                var batch = room.poll(new org.rmichat.api.PollRequest(back.token(), ack, 1_000, 5_000));
                if (batch.isEmpty()) throw new AssertionError("l30 never arrived; got " + replayed);
                for (ChatEvent event : batch.events()) {
                    if (event instanceof MessagePosted) replayed.add(text(event));
                }
                ack = batch.lastSeq();
            }
            List<String> earlier = read(room, back, "#lobby", null);

            List<String> all = new java.util.ArrayList<>(earlier.subList(earlier.indexOf("alice: l0") + 1, earlier.size()));
            all.addAll(replayed);
            assertEquals(java.util.stream.IntStream.rangeClosed(1, 30).mapToObj(i -> "alice: l" + i).toList(), all);
        }
    }

    @Test
    void aHugePageIsCappedByTheServer() throws Exception {
        try (ChatRoom room = started()) {
            Session alice = room.join(new JoinRequest("alice", null, 11, null));
            for (int i = 1; i <= HistoryRequest.MAX_LIMIT + 20; i++) room.send(new SendRequest(alice.token(), i, "l" + i));

            var page = room.history(new HistoryRequest(alice.token(), "#lobby", "feedface/" + Long.MAX_VALUE, 1_000_000, 0));

            assertEquals(HistoryRequest.MAX_LIMIT, page.lines().size());
            assertEquals(true, page.more());
            assertEquals("alice: l" + (HistoryRequest.MAX_LIMIT + 20), text(page.lines().get(page.lines().size() - 1).event()));
        }
    }
}
