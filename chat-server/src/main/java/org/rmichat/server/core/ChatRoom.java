package org.rmichat.server.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.rmichat.api.ActionPosted;
import org.rmichat.api.AuthenticationFailedException;
import org.rmichat.api.ChatException;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.Member;
import org.rmichat.api.MemberList;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.NameTakenException;
import org.rmichat.api.NickChanged;
import org.rmichat.api.NickRequest;
import org.rmichat.api.NoSuchUserException;
import org.rmichat.api.Notice;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PrivateMessage;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.Protocol;
import org.rmichat.api.SendRequest;
import org.rmichat.api.ServerLimits;
import org.rmichat.api.Session;
import org.rmichat.api.SessionClosedException;
import org.rmichat.api.SessionToken;
import org.rmichat.api.UnknownSessionException;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat itself, in plain Java: join, send, sendPrivate, nick, poll, leave, who. Knows nothing of RMI; the
 * remote adapter delegates here. Owns the broadcaster thread and the reaper that expires silent sessions.
 */
public final class ChatRoom implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);
    private static final String TIMED_OUT = "disconnected by server: session timed out";
    private static final String REPLACED = "disconnected by server: signed in again elsewhere";

    private final RoomConfig config;
    private final EventBus bus;
    private final Presence presence;
    private final Ticker ticker;
    private final TextRules rules;
    private final SessionRegistry sessions;
    private final Broadcaster broadcaster;
    private final ServerLimits limits;
    private final FatalErrorHandler fatal;
    private volatile boolean closing;
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "rmichat-reaper"));

    public ChatRoom(RoomConfig config, EventBus bus, Ticker ticker) {
        this(config, bus, new LocalPresence(bus), ticker);
    }

    public ChatRoom(RoomConfig config, EventBus bus, Presence presence, Ticker ticker) {
        this(config, bus, presence, ticker, (thread, error) -> log.error("{} died", thread, error));
    }

    /** With {@code fatal} told when a thread the room cannot do without dies of an Error. */
    public ChatRoom(RoomConfig config, EventBus bus, Presence presence, Ticker ticker, FatalErrorHandler fatal) {
        this.config = config;
        this.fatal = fatal;
        this.bus = bus;
        this.presence = presence;
        this.ticker = ticker;
        this.rules = new TextRules(config.maxMessageLength());
        this.sessions = new SessionRegistry(config.maxClients());
        this.broadcaster = new Broadcaster(bus, sessions, this::evictTooSlow, config.announceLimit(),
                config.digestInterval(), fatal);
        this.limits = new ServerLimits(config.maxMessageLength(), config.ratePerSecond(), config.rateBurst(),
                config.maxPollWait().toMillis());
    }

    public void start() {
        bus.onHealthChange(new EventBus.HealthListener() {
            @Override
            public void unavailable() {
                log.warn("chat bus unavailable; holding outgoing events");
                broadcaster.noticeAll(new Notice(Notice.BUS_UNAVAILABLE));
            }

            @Override
            public void back() {
                log.info("chat bus is back");
                broadcaster.noticeAll(new Notice(Notice.BUS_BACK));
            }
        });
        broadcaster.start();
        long period = Math.max(50, config.sessionTimeout().toMillis() / 4);
        reaper.scheduleWithFixedDelay(this::reapGuarded, period, period, TimeUnit.MILLISECONDS);
    }

    public Session join(JoinRequest request) throws ChatException {
        checkProtocol(request.protocol());
        checkPassword(request.password());
        // read once, here: what travels on is a position this server wrote itself, or none
        Optional<String> resume = request.resumePosition().map(HistoryPosition::parse).map(HistoryPosition::toString);
        Optional<String> requested = request.requestedName().isPresent()
                ? Optional.of(rules.name(request.name())) : Optional.empty();
        // the id alone proves nothing: whoever learned it must not get the name or the private lines
        long clientId = request.clientId() != 0 ? ClientIdentity.of(request.clientId(), request.clientSecret())
                : sessions.newClientId();
        sessions.reserveSlot();
        ClientSession session = null;
        try {
            Presence.Arrival arrival;
            while (true) {
                session = register(requested, clientId);
                // a newcomer receives everything from its own join line on, so a line sent by someone who saw
                // "X joined" reaches X; it must not get what came before, which it did not ask to resume
                if (resume.isEmpty()) session.awaitOwnJoin();
                try {
                    arrival = presence.claim(session.claim(),
                            new Envelope(clientId, new UserJoined(session.userId(), session.name())),
                            Envelope.toEveryone(new UserLeft(session.userId(), session.name(),
                                    UserLeft.Reason.TIMED_OUT)));
                    break;
                } catch (NameTakenException e) {
                    // another server gave out the same default name: take the next number, as register does
                    if (requested.isPresent()) throw e;
                    sessions.remove(session, Optional.empty());
                    sessions.reserveSlot();
                    session = null;
                }
            }
            if (arrival == Presence.Arrival.RETURNING || resume.isPresent()) {
                broadcaster.admit(session, resume);   // no join line: live from now, or replay
            }
            log.info("{} {} as \"{}\" ({} here)", session.userId(),
                    arrival == Presence.Arrival.NEW ? "joined" : "came back", session.name(), sessions.size());
            return new Session(session.token(), session.userId(), session.name(), limits);
        } catch (ChatException | RuntimeException e) {
            if (session == null) {
                sessions.releaseSlot();
            } else {
                sessions.remove(session, Optional.empty());
            }
            throw e;
        }
    }

    private ClientSession register(Optional<String> requested, long clientId) throws NameTakenException {
        while (true) {
            long userId = sessions.nextUserId();
            // a default name someone chose by hand (or kept across a restart) is skipped, not shared
            String name = requested.orElse("User " + userId);
            ClientSession session = new ClientSession(sessions.newToken(), userId, name, clientId, config.maxQueue(),
                    ticker, new TokenBucket(ticker, config.ratePerSecond(), config.rateBurst()));
            // the same client coming back before its old session here ended takes its place, quietly
            sessions.findByName(name).filter(old -> old.clientId() == clientId).ifPresent(this::dropQuietly);
            try {
                sessions.add(session);
                return session;
            } catch (NameTakenException e) {
                if (requested.isPresent()) throw e;
            }
        }
    }

    /** Ends a session its client has replaced (here or on another server): no left line, it did not leave. */
    private void dropQuietly(ClientSession session) {
        if (!sessions.remove(session, Optional.of(REPLACED))) return;
        session.close(REPLACED);
        log.info("{} (\"{}\") continues elsewhere", session.userId(), session.name());
    }

    /**
     * A client older than the server can read would fail every poll and retry it forever: refuse it at the door,
     * with a plain {@link ChatException} every client version can show, which ends it with one line.
     */
    private static void checkProtocol(int clientVersion) throws ChatException {
        if (clientVersion >= Protocol.OLDEST_CLIENT) return;
        log.info("join refused: the client speaks {}", Protocol.describe(clientVersion));
        throw new ChatException("this server speaks " + Protocol.describe(Protocol.VERSION) + " and your client speaks "
                + Protocol.describe(clientVersion) + ": upgrade rmichat");
    }

    private void checkPassword(String presented) throws AuthenticationFailedException {
        if (config.password().isEmpty()) return;
        byte[] expected = config.password().get().getBytes(StandardCharsets.UTF_8);
        byte[] given = (presented == null ? "" : presented).getBytes(StandardCharsets.UTF_8);
        // constant-time compare: a timing difference would let a client guess the secret byte by byte
        if (!MessageDigest.isEqual(expected, given)) {
            log.debug("join refused: wrong or missing password");   // RmiChatService warns, once per interval
            throw new AuthenticationFailedException();
        }
    }

    public void send(SendRequest request) throws ChatException {
        ClientSession session = live(request.token());
        session.touch();
        String text = rules.message(request.text());
        boolean accepted = session.sendOnce(request.clientSeq(), () -> bus.publishSend(request.clientSeq(),
                new Envelope(session.clientId(), request.action()
                        ? new ActionPosted(session.userId(), session.name(), text)
                        : new MessagePosted(session.userId(), session.name(), text))));
        if (accepted) {
            log.debug("{}: {}", session.name(), text);
        } else {
            log.debug("{} resent #{}; already delivered", session.name(), request.clientSeq());
        }
    }

    public void sendPrivate(PrivateRequest request) throws ChatException {
        ClientSession session = live(request.token());
        session.touch();
        String text = rules.message(request.text());
        String to = rules.name(request.to());
        ClientSession recipient = sessions.findByName(to).orElseThrow(() -> new NoSuchUserException(
                "no one called \"" + to + "\" is in the chat"));
        // through the bus like every other line, so it keeps its place in the one order
        session.sendOnce(request.clientSeq(), () -> bus.publishSend(request.clientSeq(),
                Envelope.privately(session.clientId(), recipient.clientId(),
                        new PrivateMessage(session.userId(), session.name(), recipient.name(), text))));
    }

    public String nick(NickRequest request) throws ChatException {
        ClientSession session = live(request.token());
        session.touch();
        String newName = rules.name(request.name());
        if (newName.equals(session.name())) return newName;   // a retry, or a no-op: nothing to announce
        if (!presence.namesAreLocal()) {
            // the name claim lives in the shared store; moving it is not built yet, and a local rename
            // could give two people on different servers one name
            throw new ChatException("renaming is not available when several servers share the chat");
        }
        session.spendSendBudget();   // every rename is a line on everyone's screen
        String oldName = sessions.rename(session, newName);
        bus.publish(Envelope.toEveryone(new NickChanged(session.userId(), oldName, newName)));
        log.info("{} (\"{}\") is now \"{}\"", session.userId(), oldName, newName);
        return newName;
    }

    public PollResult poll(PollRequest request) throws ChatException, InterruptedException {
        ClientSession session = live(request.token());
        long maxWait = closing ? 0 : config.maxPollWait().toNanos();
        long waitNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(request.waitMillis()), maxWait);
        int maxBatch = Math.min(request.maxBatch(), config.maxBatch());
        return session.poll(request.ack(), maxBatch, waitNanos, replySpacingNanos());
    }

    /**
     * How long after one reply a busy client's next may follow, so that all clients polling flat out stay within
     * the poll budget: a 1,000-client room at a budget of 7,500 replies a second answers a busy client at most
     * every 133 ms ({@link ReplyPacer} says which clients are busy enough to be held).
     */
    private long replySpacingNanos() {
        int budget = config.pollBudget();
        return budget == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) * sessions.size() / budget;
    }

    public void leave(SessionToken token) throws ChatException {
        ClientSession session = live(token);
        end(session, UserLeft.Reason.QUIT, Optional.empty());
    }

    /** Everyone in the chat, the asker marked by its client id: user ids are per server, client ids are not. */
    public MemberList who(SessionToken token) throws ChatException {
        ClientSession asker = live(token);
        asker.touch();
        long now = ticker.nanos();
        Map<Long, Long> idleHere = new HashMap<>();
        for (ClientSession s : sessions.all()) {
            idleHere.put(s.clientId(), TimeUnit.NANOSECONDS.toSeconds(s.idleNanos(now)));
        }
        List<Presence.Present> present = presence.members().orElseGet(() -> sessions.inJoinOrder().stream()
                .map(s -> new Presence.Present(s.clientId(), s.userId(), s.name(), idleHere.get(s.clientId())))
                .toList());
        // the shared store's idle times are as old as the last lease renewal; this server's own are exact
        return new MemberList(present.stream()
                .map(p -> new Member(p.userId(), p.name(), idleHere.getOrDefault(p.clientId(), p.idleSeconds()),
                        p.clientId() == asker.clientId()))
                .toList());
    }

    public int online() {
        return sessions.size();
    }

    public ServerLimits limits() {
        return limits;
    }

    private ClientSession live(SessionToken token) throws ChatException {
        Optional<ClientSession> session = sessions.find(token);
        if (session.isPresent()) return session.get();
        Optional<String> reason = sessions.endedReason(token);
        if (reason.isPresent()) throw new SessionClosedException(reason.get());
        throw new UnknownSessionException();
    }

    private void evictTooSlow(ClientSession session) {
        log.warn("{} (\"{}\") evicted: {} events behind", session.userId(), session.name(), config.maxQueue());
        end(session, UserLeft.Reason.TOO_SLOW, Optional.of(SessionClosedException.TOO_FAR_BEHIND));
    }

    /** A scheduled task that throws is never run again, silently: log and go on, and an Error stops the server. */
    private void reapGuarded() {
        try {
            reapExpired();
        } catch (RuntimeException e) {
            log.error("could not expire silent sessions", e);
        } catch (Error e) {
            fatal.died(Thread.currentThread().getName(), e);
        }
    }

    private void reapExpired() {
        long now = ticker.nanos();
        long timeout = config.sessionTimeout().toNanos();
        List<ClientSession> staying = new ArrayList<>();
        for (ClientSession session : sessions.all()) {
            if (session.isExpired(now, timeout)) {
                log.info("{} (\"{}\") timed out", session.userId(), session.name());
                end(session, UserLeft.Reason.TIMED_OUT, Optional.of(TIMED_OUT));
            } else {
                staying.add(session);
            }
        }
        Set<Long> takenOver = presence.renew(staying.stream().map(ClientSession::claim).toList());
        for (ClientSession session : staying) {
            if (takenOver.contains(session.clientId())) dropQuietly(session);
        }
        presence.sweep();
    }

    /** Reaps now rather than on the reaper's schedule; for tests on a fake clock. */
    void reapExpiredNow() {
        reapExpired();
    }

    private void end(ClientSession session, UserLeft.Reason reason, Optional<String> closedReason) {
        if (!sessions.remove(session, closedReason)) return;   // someone else ended it first
        session.close(closedReason.orElse("you left the chat"));
        presence.release(session.claim(), new Envelope(session.clientId(),
                new UserLeft(session.userId(), session.name(), reason)));
        log.info("{} (\"{}\") left: {} ({} online)", session.userId(), session.name(), reason, sessions.size());
    }

    /**
     * Tells every session the server is going away and waits, up to {@code graceMillis}, until each has
     * collected that notice, so no client learns of the shutdown only from a broken connection. The notice
     * goes straight to this server's sessions, not through the bus: only they are losing their server.
     */
    public void announceShutdown(long graceMillis) throws InterruptedException {
        broadcaster.announcePresenceNow();   // who came and went before the notice is told before it
        Notice notice = new Notice(Notice.SHUTTING_DOWN);
        sessions.all().forEach(session -> session.offer(notice));
        long deadline = ticker.nanos() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        while (ticker.nanos() < deadline && !allCaughtUp()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            if (Thread.interrupted()) throw new InterruptedException();
        }
        // polls must not sit out their wait on a server that is about to unexport: the client would learn
        // of the shutdown only when the wait ran out
        closing = true;
        sessions.all().forEach(ClientSession::wake);
    }

    /** Every session has shown the notice: acknowledged, not only taken, so its reply is not cut off in flight. */
    private boolean allCaughtUp() {
        return sessions.all().stream().allMatch(ClientSession::hasAcknowledgedEverything);
    }

    @Override
    public void close() throws InterruptedException {
        reaper.shutdownNow();
        broadcaster.stop();
        if (!reaper.awaitTermination(5, TimeUnit.SECONDS)) log.warn("reaper did not stop within 5 s");
        // the bus is its creator's to close: a room never knows whether others still read it
    }
}
