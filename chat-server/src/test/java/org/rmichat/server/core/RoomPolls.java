package org.rmichat.server.core;

import org.rmichat.api.ChatEvent;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.Session;

/** Polling a room directly, for tests that drive sessions without a {@link RoomHarness}. */
final class RoomPolls {
    private RoomPolls() {
    }

    /** Polls, acknowledging as it goes, until the batch holding the line {@code text}; fails if the wait ends. */
    static PollResult pollUntil(ChatRoom room, Session session, String text) throws Exception {
        long ack = 0;
        while (true) {
            PollResult batch = room.poll(new PollRequest(session.token(), ack, 1_000, 5_000));
            if (batch.isEmpty()) throw new AssertionError("\"" + text + "\" never arrived");
            for (ChatEvent event : batch.events()) {
                if (event instanceof MessagePosted m && m.text().equals(text)) return batch;
            }
            ack = batch.lastSeq();
        }
    }
}
