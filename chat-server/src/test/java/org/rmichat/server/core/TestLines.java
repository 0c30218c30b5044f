package org.rmichat.server.core;

import java.util.ArrayList;
import java.util.List;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollResult;

/** Bob's lines, as the mailbox tests offer them and expect them back. */
final class TestLines {
    private TestLines() {
    }

    /** A line of bob's, from client 7, as the broadcaster queues it. */
    static Delivery line(String text) {
        return new Delivery(null, new Envelope(7, new MessagePosted(1, "bob", text)));
    }

    /** Bob's {@code texts} as one batch from {@code firstSeq}. */
    static PollResult batch(long firstSeq, String... texts) {
        List<ChatEvent> events = new ArrayList<>();
        for (String text : texts) events.add(new MessagePosted(1, "bob", text));
        return new PollResult(firstSeq, events);
    }
}
