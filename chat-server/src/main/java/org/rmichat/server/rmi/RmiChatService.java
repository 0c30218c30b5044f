package org.rmichat.server.rmi;

import org.rmichat.api.ChatException;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MemberList;
import org.rmichat.api.NickRequest;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.api.SessionToken;
import org.rmichat.server.core.ChatRoom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote face of a {@link ChatRoom}: delegates each call and makes sure nothing but a {@link ChatException}
 * crosses the wire as an error. This is the only server class that knows how events travel.
 */
final class RmiChatService implements ChatService {
    private static final Logger log = LoggerFactory.getLogger(RmiChatService.class);

    private final ChatRoom room;

    RmiChatService(ChatRoom room) {
        this.room = room;
    }

    @Override
    public Session join(JoinRequest request) throws ChatException {
        return guarded("join", () -> room.join(request));
    }

    @Override
    public void send(SendRequest request) throws ChatException {
        guarded("send", () -> {
            room.send(request);
            return null;
        });
    }

    @Override
    public void sendPrivate(PrivateRequest request) throws ChatException {
        guarded("sendPrivate", () -> {
            room.sendPrivate(request);
            return null;
        });
    }

    @Override
    public String nick(NickRequest request) throws ChatException {
        return guarded("nick", () -> room.nick(request));
    }

    @Override
    public PollResult poll(PollRequest request) throws ChatException {
        return guarded("poll", () -> {
            try {
                return room.poll(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // the server is unexporting; the client polls again
                return PollResult.empty(request.ack() + 1);
            }
        });
    }

    @Override
    public void leave(SessionToken token) throws ChatException {
        guarded("leave", () -> {
            room.leave(token);
            return null;
        });
    }

    @Override
    public MemberList who(SessionToken token) throws ChatException {
        return guarded("who", () -> room.who(token));
    }

    @Override
    public void ping() {
        // nothing to do: the round trip is the answer
    }

    private interface RoomCall<T> {
        T call() throws ChatException;
    }

    /** Runs a call on the room; a bug (any RuntimeException) is logged here and reaches the client as one line. */
    private static <T> T guarded(String name, RoomCall<T> call) throws ChatException {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw internalError(name, e);
        }
    }

    private static ChatException internalError(String call, RuntimeException e) {
        log.error("{} failed", call, e);
        return new ChatException("internal server error; the server log has the details");
    }
}
