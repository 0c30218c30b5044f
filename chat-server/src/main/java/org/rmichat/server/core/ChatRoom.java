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
import org.rmichat.api.MemberDetails;
import org.rmichat.api.AwayRequest;
import org.rmichat.api.WhoisRequest;
import org.rmichat.api.MemberList;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.NameTakenException;
import org.rmichat.api.NickChanged;
import org.rmichat.api.NickRequest;
import org.rmichat.api.NoSuchUserException;
import org.rmichat.api.Notice;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;
import org.rmichat.api.PrivateMessage;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.InvalidMessageException;
import org.rmichat.api.InvalidNameException;
import org.rmichat.api.HistoryPage;
import org.rmichat.api.HistoryRequest;
import org.rmichat.api.RoomInfo;
import org.rmichat.api.RoomNames;
import org.rmichat.api.RoomRequest;
import org.rmichat.api.TopicRequest;
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
    /** Keep-alives a second, about, that idle streams cost the server at most (see {@link #keepAliveMillis}). */
    static final int KEEP_ALIVES_PER_SECOND = 2_500;
    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);
    private static final String TIMED_OUT = "disconnected by server: session timed out";
    private static final String REPLACED = "disconnected by server: signed in again elsewhere";

    private final RoomConfig config;
    private final RoomsConfig roomsConfig;
    private final RoomCommands rooms;
    private final RoomCensus census;
    private final EventBus bus;
    private final Presence presence;
    private final Ticker ticker;
    private final TextRules rules;
    private final SessionRegistry sessions;
    private final Broadcaster broadcaster;
    private final ServerLimits limits;
    private final ChatMetrics metrics;
    private final FatalErrorHandler fatal;
    private final HistoryReader history;
    private volatile boolean closing;
    private volatile int shutdownsAnnounced;   // written by the one thread announcing a shutdown
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
        this(config, RoomsConfig.defaults(), bus, presence, new LocalRoomTopics(), ticker, ChatMetrics.NONE, fatal);
    }

    public ChatRoom(RoomConfig config, RoomsConfig roomsConfig, EventBus bus, Presence presence, RoomTopics topics,
                    Ticker ticker) {
        this(config, roomsConfig, bus, presence, topics, ticker, ChatMetrics.NONE,
                (thread, error) -> log.error("{} died", thread, error));
    }

    /**
     * @param metrics told of joins, leaves, lines and polls
     * @param fatal   told when a thread the room cannot do without dies
     */
    public ChatRoom(RoomConfig config, RoomsConfig roomsConfig, EventBus bus, Presence presence, RoomTopics topics,
                    Ticker ticker, ChatMetrics metrics, FatalErrorHandler fatal) {
        this.metrics = metrics;
        this.fatal = fatal;
        this.config = config;
        this.roomsConfig = roomsConfig;
        this.bus = bus;
        this.presence = presence;
        this.ticker = ticker;
        this.rules = new TextRules(config.maxMessageLength());
        this.sessions = new SessionRegistry(config.maxClients());
        this.broadcaster = new Broadcaster(bus, sessions, this::evictTooSlow, config.announceLimit(),
                config.digestInterval(), fatal);
        this.limits = new ServerLimits(config.maxMessageLength(), config.ratePerSecond(), config.rateBurst(),
                config.maxPollWait().toMillis(), roomsConfig.historyOnJoin());
        this.history = new HistoryReader(bus, roomsConfig.defaultRoom());
        // one server counts its rooms as it goes; several count them from the presence they share
        this.census = presence.members().isPresent() ? RoomCensus.countedFrom(this::everyone) : RoomCensus.kept();
        this.rooms = new RoomCommands(roomsConfig, bus, presence, topics, rules, this::everyone, census);
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
        try {
            Session session = admit(request);
            metrics.joined();
            return session;
        } catch (ChatException e) {
            metrics.rejected("join", ChatMetricsReason.of(e));
            throw e;
        }
    }

    private Session admit(JoinRequest request) throws ChatException {
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
                session.speaks(request.protocol());
                enterRooms(session, request.rooms());
                // a newcomer receives everything from its own join line on, so a line sent by someone who saw
                // "X joined" reaches X; it must not get what came before, which it did not ask to resume
                if (resume.isEmpty()) session.awaitOwnJoin();
                try {
                    arrival = presence.claim(session.claim(),
                            new Envelope(clientId, new UserJoined(session.userId(), session.name()),
                                    Audience.room(roomsConfig.defaultRoom(), clientId)),
                            new Envelope(Envelope.NO_ORIGIN, new UserLeft(session.userId(), session.name(),
                                    UserLeft.Reason.TIMED_OUT), Audience.room(roomsConfig.defaultRoom(), Envelope.NO_ORIGIN)));
                    session.claimMade();
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
            session.rooms().names().forEach(census::entered);
            log.info("{} {} as \"{}\" ({} here)", session.userId(),
                    arrival == Presence.Arrival.NEW ? "joined" : "came back", session.name(), sessions.size());
            return new Session(session.token(), session.userId(), session.name(), limits, Protocol.VERSION,
                    roomsConfig.defaultRoom());
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
        session.rooms().names().forEach(census::left);
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

    /**
     * The default room, and the rooms a rejoining client was in (at most as many as one may be in): it is back in
     * them quietly, as it was never gone.
     */
    private void enterRooms(ClientSession session, List<String> restored) {
        session.rooms().enter(roomsConfig.defaultRoom());
        for (String room : restored) {
            if (RoomNames.isValid(room) && session.rooms().count() < roomsConfig.maxRoomsPerUser()) {
                session.rooms().enter(room);
            }
        }
    }

    public void send(SendRequest request) throws ChatException {
        try {
            post(request);
        } catch (ChatException e) {
            metrics.rejected("send", ChatMetricsReason.of(e));
            throw e;
        }
    }

    private void post(SendRequest request) throws ChatException {
        ClientSession session = live(request.token());
        session.touch();
        String text = rules.message(request.text());
        String room = request.room() == null ? roomsConfig.defaultRoom() : RoomNames.check(request.room());
        if (!session.rooms().isIn(room)) {
            throw new InvalidMessageException("you are not in " + room + "; /join " + room + " first");
        }
        String name = session.rooms().nameOf(room);
        // a line of the default room names no room: its bytes are those of protocol 2, which every client reads
        String named = RoomNames.key(name).equals(RoomNames.key(roomsConfig.defaultRoom())) ? null : name;
        boolean accepted = session.sendOnce(request.clientSeq(), () -> bus.publishSend(request.clientSeq(),
                new Envelope(session.clientId(), request.action()
                        ? new ActionPosted(session.userId(), session.name(), text, named)
                        : new MessagePosted(session.userId(), session.name(), text, named),
                        Audience.room(name, session.clientId()))));
        if (accepted) {
            metrics.lineReceived();
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
        Presence.Present recipient = findAnywhere(to).orElseThrow(() -> new NoSuchUserException(
                "no one called \"" + to + "\" is in the chat"));
        // through the bus like every other line, so it keeps its place in the one order, on whichever server
        boolean accepted = session.sendOnce(request.clientSeq(), () -> bus.publishSend(request.clientSeq(),
                Envelope.privately(session.clientId(), recipient.clientId(),
                        new PrivateMessage(session.userId(), session.name(), recipient.name(), text))));
        if (accepted && recipient.away() != null) {
            // as IRC's RPL_AWAY: the sender learns at once why no answer may come; behind the line, in its order
            bus.publish(Envelope.privately(Envelope.NO_ORIGIN, session.clientId(),
                    new Notice(recipient.name() + " is away: " + recipient.away())));
        }
    }

    /** Someone by name, on this server or any other of the chat. */
    private Optional<Presence.Present> findAnywhere(String name) {
        Optional<ClientSession> here = sessions.findByName(name);
        if (here.isPresent()) return here.map(s -> present(s, ticker.nanos(), null));
        return named(everyone(), name);
    }

    private Optional<Presence.Present> named(List<Presence.Present> people, String name) {
        String key = sessions.keyOf(name);
        return people.stream().filter(p -> sessions.keyOf(p.name()).equals(key)).findFirst();
    }

    public String nick(NickRequest request) throws ChatException {
        ClientSession session = live(request.token());
        session.touch();
        String newName = rules.name(request.name());
        if (newName.equals(session.name())) return newName;   // a retry, or a no-op: nothing to announce
        session.spendSendBudget();   // every rename is a line on everyone's screen
        PresenceClaim before = session.claim();
        String oldName = sessions.rename(session, newName);   // unique on this server first
        try {
            // then in the whole chat, with the line, in one step of the shared store
            presence.rename(before, newName, Envelope.toEveryone(new NickChanged(session.userId(), oldName, newName)),
                    new Envelope(Envelope.NO_ORIGIN, new UserLeft(session.userId(), newName, UserLeft.Reason.TIMED_OUT),
                            Audience.room(roomsConfig.defaultRoom(), Envelope.NO_ORIGIN)));
        } catch (ChatException | RuntimeException e) {
            sessions.rename(session, oldName);   // someone elsewhere has it: this server gives it back too
            throw e;
        }
        log.info("{} (\"{}\") is now \"{}\"", session.userId(), oldName, newName);
        return newName;
    }

    public PollResult poll(PollRequest request) throws ChatException, InterruptedException {
        ClientSession session = live(request.token());
        long maxWait = closing ? 0 : config.maxPollWait().toNanos();
        long waitNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(request.waitMillis()), maxWait);
        int maxBatch = Math.min(request.maxBatch(), config.maxBatch());
        long start = System.nanoTime();   // not the ticker: a metric of real time, also under a fake clock
        PollResult result = session.poll(request.ack(), maxBatch, waitNanos, replySpacingNanos());
        metrics.pollAnswered(System.nanoTime() - start, result.events().size());
        return result;
    }

    /**
     * A streamed poll (protocol 4): the events after the ack, then each batch as it comes, for as long as a
     * poll would wait. Unknown or closed sessions are refused here, before anything is streamed.
     */
    public PollStream.Source openStream(PollRequest request) throws ChatException {
        ClientSession session = live(request.token());
        long duration = closing ? 0 : Math.min(TimeUnit.MILLISECONDS.toNanos(request.waitMillis()),
                config.maxPollWait().toNanos());
        int maxBatch = Math.min(request.maxBatch(), config.maxBatch());
        Mailbox.StreamTiming timing = new Mailbox.StreamTiming(duration,
                TimeUnit.MILLISECONDS.toNanos(keepAliveMillis(sessions.size())), config.streamCoalesce().toNanos());
        // a stream open when the shutdown is announced ends once it wrote the notice, so its client acknowledges it
        long announced = shutdownsAnnounced;
        return session.openStream(request.ack(), maxBatch, timing, () -> closing || shutdownsAnnounced != announced);
    }

    /**
     * How long a stream may go without a frame: {@link PollStream#KEEP_ALIVE_MILLIS}, or longer with more than
     * {@link #KEEP_ALIVES_PER_SECOND} × 2 sessions, so that idle clients cost the server a bounded number of
     * keep-alives a second (10,000 idle clients: one every 4 s each, a stopped server noticed after 12 s).
     */
    static long keepAliveMillis(int sessions) {
        return Math.max(PollStream.KEEP_ALIVE_MILLIS, 1_000L * sessions / KEEP_ALIVES_PER_SECOND);
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
        return new MemberList(everyone().stream().map(p -> p.member(asker.clientId())).toList());
    }

    /**
     * Marks the session away, or back; nothing is announced. In a cluster the shared store holds it for every
     * server's lists, and wins over the session's own (a fail-over starts a session that has not heard of it).
     */
    public String away(AwayRequest request) throws ChatException {
        ClientSession session = live(request.token());
        session.touch();
        String text = rules.away(request.text());
        presence.awayChanged(session.claim(), text);
        session.away(text);
        log.debug("{} is {}", session.name(), text == null ? "back" : "away: " + text);
        return text;
    }

    /** One person by name, on any server, with what {@link #who} leaves out. */
    public MemberDetails whois(WhoisRequest request) throws ChatException {
        live(request.token()).touch();
        String name = rules.name(request.name());
        Presence.Present p = named(everyone(), name).orElseThrow(() -> new NoSuchUserException(
                "no one called \"" + name + "\" is in the chat"));
        return new MemberDetails(p.name(), p.joinedAtMillis(), p.idleSeconds(), p.away(), p.server(), p.rooms());
    }

    /**
     * Everyone in the chat, on every server, in joining order. The shared store's idle times and rooms are as
     * old as the last lease renewal or room change; this server's own sessions are taken as they are now.
     */
    private List<Presence.Present> everyone() {
        long now = ticker.nanos();
        Map<Long, ClientSession> here = new HashMap<>();
        for (ClientSession s : sessions.all()) here.put(s.clientId(), s);
        Optional<List<Presence.Present>> shared = presence.members();
        if (shared.isEmpty()) return sessions.inJoinOrder().stream().map(s -> present(s, now, null)).toList();
        return shared.get().stream()
                .map(p -> here.containsKey(p.clientId()) ? present(here.get(p.clientId()), now, p) : p)
                .toList();
    }

    /** A session of this server as it is now; away and server as the shared store has them, if it counts. */
    private Presence.Present present(ClientSession session, long now, Presence.Present shared) {
        return new Presence.Present(session.clientId(), session.userId(), session.name(), session.joinedAtMillis(),
                TimeUnit.NANOSECONDS.toSeconds(session.idleNanos(now)),
                shared == null ? session.away() : shared.away(), shared == null ? null : shared.server(),
                session.rooms().names());
    }

    public RoomInfo joinRoom(RoomRequest request) throws ChatException {
        ClientSession session = live(request.token());
        session.touch();
        return rooms.join(session, request.room());
    }

    public void partRoom(RoomRequest request) throws ChatException {
        ClientSession session = live(request.token());
        session.touch();
        rooms.part(session, request.room());
    }

    public List<RoomInfo> rooms(SessionToken token) throws ChatException {
        live(token).touch();
        return rooms.list();
    }

    public RoomInfo topic(TopicRequest request) throws ChatException {
        ClientSession session = live(request.token());
        session.touch();
        return rooms.topic(session, request.room(), request.topic());
    }

    public MemberList whoIn(RoomRequest request) throws ChatException {
        ClientSession session = live(request.token());
        session.touch();
        return rooms.whoIn(session, request.room());
    }

    /** A line from this server to each of its own sessions, between two bus events (history paused, resumed). */
    public void noticeAll(Notice notice) {
        broadcaster.noticeAll(notice);
    }

    /**
     * A page of a room's history for the asker, as the one audience rule allows it to read (a member of the room
     * now; a party to a private line). Without a position, the page ends where the session's live lines of that
     * room begin, so scrollback and live lines neither overlap nor leave a gap.
     */
    public HistoryPage history(HistoryRequest request) throws ChatException, InterruptedException {
        ClientSession session = live(request.token());
        session.touch();
        String room = RoomNames.check(request.room());
        if (!session.rooms().isIn(room)) {
            throw new InvalidNameException("you are not in " + room + "; /join " + room + " first");
        }
        String before = request.before() != null ? request.before()
                : session.rooms().awaitLiveFrom(room, TimeUnit.SECONDS.toNanos(2));
        if (before == null) return HistoryPage.EMPTY;   // its join not fanned out yet: nothing to tell apart
        return history.page(session.asReader(), room, before, request.limit(), request.spanSeconds());
    }

    public int online() {
        return sessions.size();
    }

    /** Events queued for this server's sessions and not yet polled: the most for one session, and the sum. */
    public QueueDepth queueDepth() {
        int max = 0;
        long sum = 0;
        for (ClientSession session : sessions.all()) {
            int backlog = session.backlog();
            max = Math.max(max, backlog);
            sum += backlog;
        }
        return new QueueDepth(max, sum);
    }

    public record QueueDepth(int max, long sum) {}

    /** Whether a join would be taken now: not shutting down, and the bus answers. */
    public Optional<String> notAcceptingJoins() {
        if (closing) return Optional.of("shutting down");
        if (!bus.isAvailable()) return Optional.of("chat bus unavailable");
        return Optional.empty();
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
            // one still joining is its join's to settle: it claims its name itself, announcing it, or fails
            if (!session.hasClaim()) continue;
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
        session.rooms().names().forEach(census::left);
        metrics.left(reason);
        session.close(closedReason.orElse("you left the chat"));
        presence.release(session.claim(), new Envelope(session.clientId(),
                new UserLeft(session.userId(), session.name(), reason),
                Audience.room(roomsConfig.defaultRoom(), session.clientId())));
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
        shutdownsAnnounced++;
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
