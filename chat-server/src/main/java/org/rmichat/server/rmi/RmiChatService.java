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
        try {
            return room.join(request);
        } catch (RuntimeException e) {
            throw internalError("join", e);
        }
    }

    @Override
    public void send(SendRequest request) throws ChatException {
        try {
            room.send(request);
        } catch (RuntimeException e) {
            throw internalError("send", e);
        }
    }

    @Override
    public void sendPrivate(PrivateRequest request) throws ChatException {
        try {
            room.sendPrivate(request);
        } catch (RuntimeException e) {
            throw internalError("sendPrivate", e);
        }
    }

    @Override
    public String nick(NickRequest request) throws ChatException {
        try {
            return room.nick(request);
        } catch (RuntimeException e) {
            throw internalError("nick", e);
        }
    }

    @Override
    public PollResult poll(PollRequest request) throws ChatException {
        try {
            return room.poll(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the server is unexporting; the client polls again
            return PollResult.empty(request.ack() + 1);
        } catch (RuntimeException e) {
            throw internalError("poll", e);
        }
    }

    @Override
    public void leave(SessionToken token) throws ChatException {
        try {
            room.leave(token);
        } catch (RuntimeException e) {
            throw internalError("leave", e);
        }
    }

    @Override
    public MemberList who(SessionToken token) throws ChatException {
        try {
            return room.who(token);
        } catch (RuntimeException e) {
            throw internalError("who", e);
        }
    }

    @Override
    public void ping() {
        // nothing to do: the round trip is the answer
    }

    private static ChatException internalError(String call, RuntimeException e) {
        log.error("{} failed", call, e);
        return new ChatException("internal server error; the server log has the details");
    }
}
