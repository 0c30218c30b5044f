package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.rmichat.server.core.RoomPolls.pollUntil;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;

/**
 * A client resuming on another server after the last position it showed: replay and live fan-out meet under
 * the broadcaster's lock, so each line arrives once, and its own lines are not replayed to it.
 */
@Timeout(30)
class ResumeTest {
    private static final long ALICE = 11;
    private static final long BOB = 22;

    @Test
    void aClientResumingElsewhereGetsEveryLineAfterItsPositionOnceWhileLinesKeepComing() throws Exception {
        SharedLog log = new SharedLog();
        RoomConfig config = RoomConfig.defaults().withRateLimit(0, 1);
        try (ChatRoom first = new ChatRoom(config, log.reader(), Ticker.system());
             ChatRoom second = new ChatRoom(config, log.reader(), Ticker.system())) {
            first.start();
            second.start();
            Session alice = first.join(new JoinRequest("alice", null, ALICE, null));
            Session bob = first.join(new JoinRequest("bob", null, BOB, null));
            first.send(new SendRequest(alice.token(), 1, "a1"));
            PollResult shown = pollUntil(first, bob, "a1");
            assertNotNull(shown.position());

            // alice keeps talking while bob moves to the other server, and bob says something meanwhile
            Thread talker = new Thread(() -> {
                try {
                    for (int i = 2; i <= 300; i++) first.send(new SendRequest(alice.token(), i, "a" + i));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "test-talker");
            talker.start();
            first.send(new SendRequest(bob.token(), 1, "bob's own"));
            Session resumed = second.join(new JoinRequest("bob", null, BOB, shown.position()));
            talker.join();

            List<String> expected = new ArrayList<>();
            for (int i = 2; i <= 300; i++) expected.add("alice: a" + i);
            assertEquals(expected, messagesUntil(second, resumed, "a300"));
        }
    }


    private static List<String> messagesUntil(ChatRoom room, Session session, String last) throws Exception {
        List<String> lines = new ArrayList<>();
        long ack = 0;
        while (lines.isEmpty() || !lines.get(lines.size() - 1).endsWith(": " + last)) {
            PollResult batch = room.poll(new PollRequest(session.token(), ack, 1_000, 5_000));
            if (batch.isEmpty()) throw new AssertionError("\"" + last + "\" never arrived; so far " + lines);
            for (ChatEvent event : batch.events()) {
                if (event instanceof MessagePosted m) lines.add(m.name() + ": " + m.text());
            }
            ack = batch.lastSeq();
        }
        return lines;
    }
}
