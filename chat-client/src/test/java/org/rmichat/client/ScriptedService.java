package org.rmichat.client;

import java.rmi.RemoteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.Member;
import org.rmichat.api.AwayRequest;
import org.rmichat.api.MemberDetails;
import org.rmichat.api.MemberList;
import org.rmichat.api.WhoisRequest;
import org.rmichat.api.RoomInfo;
import org.rmichat.api.RoomRequest;
import org.rmichat.api.TopicRequest;
import org.rmichat.api.NickRequest;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.SendRequest;
import org.rmichat.api.ServerLimits;
import org.rmichat.api.Session;
import org.rmichat.api.SessionToken;
import org.rmichat.api.UnknownSessionException;

/**
 * A chat service in memory that fails as told: each call name has a queue of exceptions, thrown by the next
 * calls of that name in turn; once it is empty the call succeeds. Records every request it answered or
 * refused. A session it was told to forget ({@link #forget}) is unknown to every later call.
 */
final class ScriptedService implements ChatService {
    static final ServerLimits UNLIMITED = new ServerLimits(2_000, 0, 20, 10_000);

    final List<JoinRequest> joins = new CopyOnWriteArrayList<>();
    final List<SendRequest> sends = new CopyOnWriteArrayList<>();
    final List<PrivateRequest> privates = new CopyOnWriteArrayList<>();
    final List<AwayRequest> aways = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** The protocol the sessions it hands out say the server speaks. */
    volatile int protocol = org.rmichat.api.Protocol.VERSION;
    private final Map<String, Queue<Exception>> failures = new ConcurrentHashMap<>();
    private final Set<SessionToken> live = ConcurrentHashMap.newKeySet();
    private final Map<SessionToken, String> names = new ConcurrentHashMap<>();

    /** The next call of {@code method} throws {@code e} (after any failures queued before it). */
    ScriptedService failNext(String method, Exception e) {
        failures.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>()).add(e);
        return this;
    }

    /** A client's connection to this service, joined as alice, that gives up at once when it is gone. */
    Connection connectAlice(RecordingConsole console) throws Exception {
        ServiceLookup lookup = new ServiceLookup() {
            @Override
            public ChatService lookup() {
                return ScriptedService.this;
            }

            @Override
            public String describe() {
                return "test:1";
            }
        };
        Connection connection = new Connection(new SessionLink(lookup, Optional.empty(), console, Duration.ZERO),
                console);
        connection.open(Optional.of("alice"));
        return connection;
    }

    void forget(SessionToken token) {
        live.remove(token);
    }

    private void call(String method, SessionToken token) throws RemoteException, ChatException {
        calls.add(method);
        Exception e = failures.getOrDefault(method, new ConcurrentLinkedQueue<>()).poll();
        if (e instanceof RemoteException r) throw r;
        if (e instanceof ChatException c) throw c;
        if (e != null) throw new IllegalStateException(e);
        if (token != null && !live.contains(token)) throw new UnknownSessionException();
    }

    @Override
    public Session join(JoinRequest request) throws RemoteException, ChatException {
        joins.add(request);
        call("join", null);
        SessionToken token = new SessionToken(7, joins.size());
        live.add(token);
        String name = request.name() == null ? "User " + joins.size() : request.name();
        names.put(token, name);
        return new Session(token, joins.size(), name, limits, protocol);
    }

    @Override
    public void send(SendRequest request) throws RemoteException, ChatException {
        sends.add(request);
        call("send", request.token());
    }

    @Override
    public void sendPrivate(PrivateRequest request) throws RemoteException, ChatException {
        privates.add(request);
        call("sendPrivate", request.token());
    }

    @Override
    public String nick(NickRequest request) throws RemoteException, ChatException {
        call("nick", request.token());
        names.put(request.token(), request.name());
        return request.name();
    }

    @Override
    public PollResult poll(PollRequest request) throws RemoteException, ChatException {
        call("poll", request.token());
        return PollResult.empty(request.ack() + 1);
    }

    /** Scripted as "poll": a stream that ends at once, as a server's with nothing to say. */
    @Override
    public PollStream pollStream(PollRequest request) throws RemoteException, ChatException {
        call("poll", request.token());
        return new PollStream(new PollStream.Source() {
            @Override
            public PollStream.Frame next() {
                return PollStream.Frame.end(null);
            }

            @Override
            public void finished() {
            }
        });
    }

    @Override
    public void leave(SessionToken token) throws RemoteException, ChatException {
        call("leave", token);
        live.remove(token);
    }

    @Override
    public MemberList who(SessionToken token) throws RemoteException, ChatException {
        call("who", token);
        return new MemberList(List.of(new Member(1, names.get(token), 0, true)));
    }

    /** How a test answers history requests; it may wait, to hold a request under way. */
    interface HistoryAnswer {
        org.rmichat.api.HistoryPage answer(org.rmichat.api.HistoryRequest request) throws InterruptedException;
    }

    private volatile ServerLimits limits = UNLIMITED;
    private volatile HistoryAnswer historyAnswer = request -> org.rmichat.api.HistoryPage.EMPTY;
    final List<org.rmichat.api.HistoryRequest> historyRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

    void limits(ServerLimits limits) {
        this.limits = limits;
    }

    void answerHistory(HistoryAnswer answer) {
        this.historyAnswer = answer;
    }

    @Override
    public org.rmichat.api.HistoryPage history(org.rmichat.api.HistoryRequest request) throws RemoteException {
        historyRequests.add(request);
        try {
            return historyAnswer.answer(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("interrupted", e);
        }
    }

    @Override
    public void ping() {
    }

    @Override
    public RoomInfo joinRoom(RoomRequest request) throws RemoteException, ChatException {
        call("joinRoom", request.token());
        return new RoomInfo(request.room(), 1, "");
    }

    @Override
    public void partRoom(RoomRequest request) throws RemoteException, ChatException {
        call("partRoom", request.token());
    }

    @Override
    public List<RoomInfo> rooms(SessionToken token) throws RemoteException, ChatException {
        call("rooms", token);
        return List.of();
    }

    @Override
    public RoomInfo topic(TopicRequest request) throws RemoteException, ChatException {
        call("topic", request.token());
        return new RoomInfo(request.room(), 1, "");
    }

    @Override
    public String away(AwayRequest request) throws RemoteException, ChatException {
        aways.add(request);
        call("away", request.token());
        return request.back() ? null : request.text().strip();
    }

    @Override
    public MemberDetails whois(WhoisRequest request) throws RemoteException, ChatException {
        call("whois", request.token());
        return new MemberDetails(request.name(), 0, 0, null, null, List.of());
    }

    @Override
    public MemberList whoIn(RoomRequest request) throws RemoteException, ChatException {
        call("whoIn", request.token());
        return new MemberList(List.of());
    }
}
