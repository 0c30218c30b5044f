package org.rmichat.server.rmi;

import java.rmi.server.RemoteServer;
import java.rmi.server.ServerNotActiveException;
import java.time.Duration;
import java.util.Optional;
import org.rmichat.api.AuthenticationFailedException;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatService;
import org.rmichat.api.ChatUnavailableException;
import org.rmichat.api.HistoryPage;
import org.rmichat.api.HistoryRequest;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.AwayRequest;
import org.rmichat.api.MemberDetails;
import org.rmichat.api.MemberList;
import org.rmichat.api.WhoisRequest;
import org.rmichat.api.NickRequest;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.api.SessionToken;
import org.rmichat.api.RoomInfo;
import org.rmichat.api.RoomRequest;
import org.rmichat.api.TopicRequest;
import java.util.List;
import org.rmichat.server.core.ChatRoom;
import org.rmichat.server.core.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote face of a {@link ChatRoom}: delegates each call and makes sure nothing but a {@link ChatException}
 * crosses the wire as an error. This is the only server class that knows how events travel, and the only one
 * that knows the caller's address, so what is judged per address happens here: failed joins slow that address
 * down ({@link FailedJoins}), and what a hostile client can repeat at will is logged once per interval
 * ({@link RepeatedWarnings}).
 */
final class RmiChatService implements ChatService {
    private static final Logger log = LoggerFactory.getLogger(RmiChatService.class);
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

    private final ChatRoom room;
    private final FailedJoins failedJoins;
    private final RepeatedWarnings wrongPasswords;
    private final RepeatedWarnings throttledJoins;
    private final RepeatedWarnings badRequests;
    private final FloodGuard flood;
    private final RepeatedWarnings floodedJoins;
    private final RepeatedWarnings floodedLines;

    RmiChatService(ChatRoom room, Ticker ticker) {
        this(room, FloodLimits.defaults(), ticker);
    }

    RmiChatService(ChatRoom room, FloodLimits floodLimits, Ticker ticker) {
        this(room, FailedJoins.standard(ticker), floodLimits, ticker);
    }

    RmiChatService(ChatRoom room, FailedJoins failedJoins, Ticker ticker) {
        this(room, failedJoins, FloodLimits.defaults(), ticker);
    }

    RmiChatService(ChatRoom room, FailedJoins failedJoins, FloodLimits floodLimits, Ticker ticker) {
        this.room = room;
        this.failedJoins = failedJoins;
        this.flood = new FloodGuard(floodLimits, ticker);
        this.floodedJoins = new RepeatedWarnings(log, "join refused: too many joins and leaves", WARN_INTERVAL,
                ticker);
        this.floodedLines = new RepeatedWarnings(log, "line refused: over the address's share of the server's lines",
                WARN_INTERVAL, ticker);
        this.wrongPasswords = new RepeatedWarnings(log, "join refused: wrong or missing password", WARN_INTERVAL,
                ticker);
        this.throttledJoins = new RepeatedWarnings(log, "join refused unread: too many failed joins", WARN_INTERVAL,
                ticker);
        this.badRequests = new RepeatedWarnings(log, "bad request", WARN_INTERVAL, ticker);
    }

    @Override
    public Session join(JoinRequest request) throws ChatException {
        present(request, "join");
        String address = clientAddress();
        Optional<Duration> penalty = failedJoins.penalty(address);
        if (penalty.isPresent()) {
            // refused before the password is even compared: guessing gains nothing while the penalty lasts
            throttledJoins.record(address, "");
            throw new ChatException("too many failed joins from your address; try again in "
                    + FailedJoins.seconds(penalty.get()) + " s");
        }
        if (!flood.mayJoin(address)) {
            // retried by the client, like a bus that is away: a crowd coming back after a restart gets in, slower
            floodedJoins.record(address, "");
            throw new ChatUnavailableException("too many people joining and leaving; try again shortly");
        }
        try {
            Session session = guarded("join", () -> room.join(request));
            failedJoins.succeeded(address);
            flood.presenceShown(address);
            return session;
        } catch (AuthenticationFailedException e) {
            int failures = failedJoins.failed(address);
            wrongPasswords.record(address, ", " + failures + " in a row");
            throw e;
        }
    }

    @Override
    public void send(SendRequest request) throws ChatException {
        present(request, "send");
        mayPost();
        guarded("send", () -> {
            room.send(request);
            return null;
        });
    }

    @Override
    public void sendPrivate(PrivateRequest request) throws ChatException {
        present(request, "sendPrivate");
        mayPost();
        guarded("sendPrivate", () -> {
            room.sendPrivate(request);
            return null;
        });
    }

    @Override
    public String nick(NickRequest request) throws ChatException {
        present(request, "nick");
        mayPost();
        return guarded("nick", () -> room.nick(request));
    }

    @Override
    public PollResult poll(PollRequest request) throws ChatException {
        present(request, "poll");
        return guarded("poll", () -> {
            try {
                return room.poll(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // the server is unexporting; the client polls again
                return PollResult.empty(request.ack() + 1);
            }
        });
    }

    /**
     * The reply streams from the session's mailbox once RMI serializes it, after this returns; what goes wrong
     * before the first frame (no such session, too many polls) is thrown here as for a poll.
     */
    @Override
    public PollStream pollStream(PollRequest request) throws ChatException {
        present(request, "pollStream");
        return guarded("pollStream", () -> new PollStream(room.openStream(request)));
    }

    @Override
    public void leave(SessionToken token) throws ChatException {
        present(token, "leave");
        guarded("leave", () -> {
            room.leave(token);
            return null;
        });
        flood.presenceShown(clientAddress());   // never refused, but a leave is a line on every screen too
    }

    @Override
    public MemberList who(SessionToken token) throws ChatException {
        present(token, "who");
        return guarded("who", () -> room.who(token));
    }

    @Override
    public RoomInfo joinRoom(RoomRequest request) throws ChatException {
        present(request, "joinRoom");
        return guarded("joinRoom", () -> room.joinRoom(request));
    }

    @Override
    public HistoryPage history(HistoryRequest request) throws ChatException {
        present(request, "history");
        return guarded("history", () -> {
            try {
                return room.history(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // the server is unexporting
                return HistoryPage.EMPTY;
            }
        });
    }

    @Override
    public void partRoom(RoomRequest request) throws ChatException {
        present(request, "partRoom");
        guarded("partRoom", () -> {
            room.partRoom(request);
            return null;
        });
    }

    @Override
    public List<RoomInfo> rooms(SessionToken token) throws ChatException {
        present(token, "rooms");
        return guarded("rooms", () -> room.rooms(token));
    }

    @Override
    public RoomInfo topic(TopicRequest request) throws ChatException {
        present(request, "topic");
        return guarded("topic", () -> room.topic(request));
    }

    @Override
    public MemberList whoIn(RoomRequest request) throws ChatException {
        present(request, "whoIn");
        return guarded("whoIn", () -> room.whoIn(request));
    }

    @Override
    public String away(AwayRequest request) throws ChatException {
        present(request, "away");
        return guarded("away", () -> room.away(request));
    }

    @Override
    public MemberDetails whois(WhoisRequest request) throws ChatException {
        present(request, "whois");
        return guarded("whois", () -> room.whois(request));
    }

    @Override
    public void ping() {
        // nothing to do: the round trip is the answer
    }

    /** A line from this address within its fair part of the server's lines, or {@link RateLimitedException}. */
    private void mayPost() throws RateLimitedException {
        String address = clientAddress();
        if (flood.mayPost(address)) return;
        floodedLines.record(address, "");
        throw new RateLimitedException();   // the client paces itself and sends it again
    }

    /**
     * The one argument every call needs. Records check their own fields as they are read, so a null argument is
     * the malformed request left: one WARN line per address and interval, never a stack trace.
     */
    private void present(Object argument, String call) throws ChatException {
        if (argument != null) return;
        badRequests.record(clientAddress(), ": " + call + "(null)");
        throw new ChatException("bad request: " + call + " needs an argument");
    }

    /** The caller's address as RMI saw it; a call from inside this JVM (a test) has none. */
    private static String clientAddress() {
        try {
            return RemoteServer.getClientHost();
        } catch (ServerNotActiveException e) {
            return "local";
        }
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
