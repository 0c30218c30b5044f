package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rmichat.server.core.RoomPolls.pollUntil;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.Notice;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PrivateMessage;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.api.SessionClosedException;
import org.rmichat.api.UserLeft;

/**
 * A client coming back with the position of the last line it showed: elsewhere in the cluster, after the
 * server restarted, or after it was evicted. The position decides what it is shown again, the audience rule
 * decides whether it is shown at all.
 */
@Timeout(30)
class ComingBackTest {
    private static final long ALICE = 11;
    private static final long BOB = 22;
    private static final long CAROL = 33;
    private static final long DAVE = 44;
    private static final RoomConfig UNLIMITED = RoomConfig.defaults().withRateLimit(0, 1);

    @Test
    void aClientResumingElsewhereIsNotShownPrivateLinesOfOthersButTheAddresseeIs() throws Exception {
        SharedLog log = new SharedLog();
        try (ChatRoom first = new ChatRoom(UNLIMITED, log.reader(), Ticker.system());
             ChatRoom second = new ChatRoom(UNLIMITED, log.reader(), Ticker.system())) {
            first.start();
            second.start();
            Session alice = first.join(new JoinRequest("alice", null, ALICE, null));
            Session bob = first.join(new JoinRequest("bob", null, BOB, null));
            Session carol = first.join(new JoinRequest("carol", null, CAROL, null));
            Session dave = second.join(new JoinRequest("dave", null, DAVE, null));
            first.send(new SendRequest(bob.token(), 1, "before"));
            String aliceShown = pollUntil(first, alice, "before").position();
            String carolShown = pollUntil(first, carol, "before").position();
            assertNotNull(aliceShown);

            // while alice and carol are between servers, bob writes to carol, then to everyone
            first.sendPrivate(new PrivateRequest(bob.token(), 2, "carol", "for carol only"));
            first.send(new SendRequest(bob.token(), 3, "marker"));
            pollUntil(second, dave, "marker");   // the second server has fanned both out: both are replayed

            Session aliceThere = second.join(new JoinRequest("alice", null, ALICE, aliceShown));
            Session carolThere = second.join(new JoinRequest("carol", null, CAROL, carolShown));

            // each is told how many of what follows it missed: its own count, by the one audience rule
            assertEquals(List.of("MissedLines", "bob: marker"), linesUntil(second, aliceThere, "bob: marker"));
            assertEquals(List.of("MissedLines", "[private] bob: for carol only", "bob: marker"),
                    linesUntil(second, carolThere, "bob: marker"));
        }
    }

    @Test
    void aPositionFromBeforeARestartHidesNothingAndTheClientIsToldLinesMayBeMissing() throws Exception {
        String shown;
        try (ChatRoom before = new ChatRoom(UNLIMITED, new InMemoryEventBus(), Ticker.system())) {
            before.start();
            Session alice = before.join(new JoinRequest("alice", null, ALICE, null));
            Session bob = before.join(new JoinRequest("bob", null, BOB, null));
            for (int i = 1; i <= 50; i++) before.send(new SendRequest(bob.token(), i, "line " + i));
            shown = pollUntil(before, alice, "line 50").position();
        }
        try (ChatRoom after = new ChatRoom(UNLIMITED, new InMemoryEventBus(), Ticker.system())) {
            after.start();
            Session bob = after.join(new JoinRequest("bob", null, BOB, null));
            Session alice = after.join(new JoinRequest("alice", null, ALICE, shown));
            after.send(new SendRequest(bob.token(), 51, "after the restart"));

            // at once, not after as many lines as it had seen before the restart; bob's rejoin may come between
            List<String> lines = linesUntil(after, alice, "bob: after the restart");
            assertEquals("⚠ " + Notice.CHAT_RESTARTED, lines.get(0), lines.toString());
        }
    }

    @Test
    void aClientEvictedAsTooSlowIsToldHowManyLinesItMissedWhenItComesBack() throws Exception {
        try (ChatRoom room = new ChatRoom(UNLIMITED.withMaxQueue(5), new InMemoryEventBus(), Ticker.system())) {
            room.start();
            Session slow = room.join(new JoinRequest("slow", null, ALICE, null));
            Session bob = room.join(new JoinRequest("bob", null, BOB, null));
            Reader carol = new Reader(room, room.join(new JoinRequest("carol", null, CAROL, null)));
            room.send(new SendRequest(bob.token(), 1, "seen"));
            String shown = pollUntil(room, slow, "seen").position();
            // carol reads each line before the next is sent, so only slow falls behind
            for (int i = 2; i <= 9; i++) {
                room.send(new SendRequest(bob.token(), i, "m" + i));
                carol.awaitShown("bob: m" + i);
            }
            carol.awaitShown("🔴 slow");   // the server has fanned out everything up to now
            assertThrows(SessionClosedException.class,
                    () -> room.poll(new PollRequest(slow.token(), 0, 1_000, 0)));

            Session back = room.join(new JoinRequest("slow", null, ALICE, shown));
            room.send(new SendRequest(bob.token(), 10, "welcome back"));

            List<String> lines = linesUntil(room, back, "bob: welcome back");
            // an upper bound: the 8 lines, its own leave, and perhaps its own join, which were never for it
            List<String> counts = List.of("⚠ " + Notice.missed(9), "⚠ " + Notice.missed(10));
            assertTrue(counts.contains(lines.get(0)), lines.toString());
            assertTrue(lines.stream().noneMatch(line -> line.startsWith("bob: m")), lines.toString());
        }
    }

    /** One session read as a client would: acknowledging what it was shown. */
    private static final class Reader {
        private final ChatRoom room;
        private final Session session;
        private final List<String> lines = new ArrayList<>();
        private long ack;

        Reader(ChatRoom room, Session session) {
            this.room = room;
            this.session = session;
        }

        void awaitShown(String line) throws Exception {
            while (!lines.contains(line)) {
                PollResult batch = room.poll(new PollRequest(session.token(), ack, 1_000, 5_000));
                if (batch.isEmpty()) throw new AssertionError("\"" + line + "\" never arrived; so far " + lines);
                for (ChatEvent event : batch.events()) lines.add(line(event));
                ack = batch.lastSeq();
            }
        }
    }

    /** Every line the session is shown, as the client would print it, up to {@code last}. */
    private static List<String> linesUntil(ChatRoom room, Session session, String last) throws Exception {
        List<String> lines = new ArrayList<>();
        long ack = 0;
        while (!lines.contains(last)) {
            PollResult batch = room.poll(new PollRequest(session.token(), ack, 1_000, 5_000));
            if (batch.isEmpty()) throw new AssertionError("\"" + last + "\" never arrived; so far " + lines);
            for (ChatEvent event : batch.events()) lines.add(line(event));
            ack = batch.lastSeq();
        }
        return lines.subList(0, lines.indexOf(last) + 1);
    }

    private static String line(ChatEvent event) {
        if (event instanceof MessagePosted m) return m.name() + ": " + m.text();
        if (event instanceof PrivateMessage p) return "[private] " + p.from() + ": " + p.text();
        if (event instanceof Notice n) return "⚠ " + n.text();
        if (event instanceof UserLeft left) return "🔴 " + left.name();
        return event.getClass().getSimpleName();
    }
}
