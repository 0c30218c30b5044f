package org.rmichat.server.core;

import java.util.ArrayList;
import java.util.List;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.ChatException;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;

/** A started room on a fake clock, and a way to act as one of its members without RMI. */
final class RoomHarness implements AutoCloseable {
    final FakeTicker ticker = new FakeTicker();
    final ChatRoom room;

    RoomHarness(RoomConfig config) {
        this(config, new InMemoryEventBus());
    }

    RoomHarness(RoomConfig config, EventBus bus) {
        room = new ChatRoom(config, bus, ticker);
        room.start();
    }

    Member join(String name) throws ChatException {
        return new Member(room.join(new JoinRequest(name, null)));
    }

    @Override
    public void close() throws InterruptedException {
        room.close();
    }

    final class Member {
        final Session session;
        private long seq;
        private long ack;

        Member(Session session) {
            this.session = session;
        }

        void send(String text) throws ChatException {
            room.send(new SendRequest(session.token(), ++seq, text));
        }

        PollResult pollRaw(long withAck) throws ChatException, InterruptedException {
            return pollRaw(withAck, 5_000);
        }

        PollResult pollRaw(long withAck, long waitMillis) throws ChatException, InterruptedException {
            return room.poll(new PollRequest(session.token(), withAck, 1_000, waitMillis));
        }

        /** Polls until {@code count} events have arrived, acknowledging as it goes. */
        List<ChatEvent> next(int count) throws ChatException, InterruptedException {
            List<ChatEvent> events = new ArrayList<>();
            while (events.size() < count) {
                PollResult batch = pollRaw(ack);
                if (batch.isEmpty()) throw new AssertionError("only " + events + " arrived, wanted " + count);
                events.addAll(batch.events());
                ack = batch.lastSeq();
            }
            return events;
        }

        /** The events up to and including the line {@code text}. */
        List<ChatEvent> upTo(String text) throws ChatException, InterruptedException {
            List<ChatEvent> events = new ArrayList<>();
            while (!(events.size() > 0 && events.get(events.size() - 1) instanceof MessagePosted m
                    && m.text().equals(text))) {
                events.addAll(next(1));
            }
            return events;
        }

        List<String> nextMessages(int count) throws ChatException, InterruptedException {
            List<String> lines = new ArrayList<>();
            while (lines.size() < count) {
                for (ChatEvent event : next(1)) {
                    if (event instanceof MessagePosted m) lines.add(m.name() + ": " + m.text());
                }
            }
            return lines;
        }
    }
}
