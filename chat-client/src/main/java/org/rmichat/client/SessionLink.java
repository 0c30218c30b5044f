package org.rmichat.client;

import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import org.rmichat.api.ChatException;
import org.rmichat.api.AwayRequest;
import org.rmichat.api.ChatService;
import org.rmichat.api.ChatUnavailableException;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.NameTakenException;
import org.rmichat.api.Protocol;
import org.rmichat.api.Session;
import org.rmichat.api.SessionClosedException;
import org.rmichat.api.UnknownSessionException;
import org.rmichat.client.console.Console;

/**
 * Holds the client's one {@link Attachment} and repairs it; {@link Connection} decides when. Both client
 * threads call through the connection; whichever notices a failure first repairs, and the other finds the
 * repair done.
 *
 * <p>Repair first tries to resume the old session with its token on a freshly looked-up stub (a network blip:
 * others see nothing), and joins again under the same name only when the server no longer knows the token
 * (a restart, a timeout, an eviction).
 *
 * <p>With several servers (one cluster), each repair attempt moves on to the next server of the list. The join
 * there carries this process's client id, so the cluster sees the same client taking its name over (no
 * left or joined lines), and the position of the last event shown, so the new server replays what came
 * after it. The listener records that position under this object's lock, which repair holds, so a join never
 * asks for less than was shown.
 */
final class SessionLink {
    /** Thrown when reconnecting took longer than the configured bound. */
    static final class GaveUpException extends Exception {
        GaveUpException(String message) {
            super(message);
        }
    }

    private final ServiceLookup locator;
    private final Optional<String> password;
    private final Console console;
    private final Duration reconnectTimeout;
    private final long clientId = newClientId();
    /** Proves {@link #clientId} is ours: sent only in our own joins, so knowing the id alone takes nothing over. */
    private final String clientSecret = newClientSecret();
    private volatile Attachment current;
    private volatile boolean closed;
    /** True from the moment a failure is noticed until the repair succeeds: the keyboard asks it, never waits on it. */
    private volatile boolean away;
    /** When the server went away, by {@link System#nanoTime}; meaningful while {@link #away}. */
    private volatile long awaySince;
    private volatile Runnable whenAway = () -> { };
    private String shownPosition;   // guarded by this
    private final Supplier<List<String>> roomsToRestore;
    private volatile String awayText;   // null while not away

    SessionLink(ServiceLookup locator, Optional<String> password, Console console, Duration reconnectTimeout) {
        this(locator, password, console, reconnectTimeout, List::of);
    }

    /** @param roomsToRestore the rooms besides the default one a rejoin asks to be back in, quietly */
    SessionLink(ServiceLookup locator, Optional<String> password, Console console, Duration reconnectTimeout,
                Supplier<List<String>> roomsToRestore) {
        this.locator = locator;
        this.password = password;
        this.console = console;
        this.reconnectTimeout = reconnectTimeout;
        this.roomsToRestore = roomsToRestore;
    }

    /** The first join. Failures go to the caller: at start-up there is nothing to resume. */
    Attachment open(Optional<String> name) throws RemoteException, NotBoundException, ChatException {
        for (int tried = 1; ; tried++) {
            try {
                ChatService service = locator.lookup();
                Session session = checkProtocol(service.join(new JoinRequest(name.orElse(null),
                        password.orElse(null), clientId, null, clientSecret)));
                current = new Attachment(service, session);
                return current;
            } catch (RemoteException | NotBoundException e) {
                if (tried >= locator.size()) throw e;   // the caller names every server tried
                locator.next();
            }
        }
    }

    /** Runs {@code show} and records {@code position} as shown, with no repair in between. */
    synchronized void showing(Runnable show, String position) {
        show.run();
        if (position != null) shownPosition = position;
    }

    /** As {@link #showing(Runnable, String)}, if {@code current} still holds once no repair is under way. */
    synchronized void showing(java.util.function.BooleanSupplier current, Runnable show, String position) {
        if (current.getAsBoolean()) showing(show, position);
    }

    Attachment current() {
        return current;
    }

    /** Records a rename the server accepted, so mentions and a later rejoin use the new name. */
    synchronized void renamed(Attachment attachment, String newName) {
        if (current != attachment) return;   // a repair replaced it meanwhile; the rename went with the old session
        Session s = attachment.session();
        current = new Attachment(attachment.service(), new Session(s.token(), s.userId(), newName, s.limits()));
    }

    String serverName() {
        return locator.describe();
    }

    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Whether the server is away: a repair is under way. */
    boolean isAway() {
        return away;
    }

    /** How long the server has been away, or empty while it is here. */
    Optional<Duration> awayFor() {
        long since = awaySince;
        return away ? Optional.of(Duration.ofNanos(System.nanoTime() - since)) : Optional.empty();
    }

    /** The server this client talks to, or tries to reach, now. */
    String currentServer() {
        return locator.current();
    }

    /** Runs {@code action} on the repairing thread each time the server goes away; it must not block. */
    void whenAway(Runnable action) {
        whenAway = action;
    }

    /**
     * Replaces {@code failed}, whose connection or session was lost, with a working attachment, unless another
     * thread already did: resumes the session with its token, or joins again if the server no longer knows it.
     */
    Attachment reconnect(Attachment failed) throws GaveUpException, InterruptedException {
        return repair(failed, Optional.empty());
    }

    /**
     * Replaces {@code failed}, whose session the server ended for {@code reason}, with a new join, unless
     * another thread already did. Whoever repairs tells the user the reason first, so it is told once.
     */
    Attachment rejoin(Attachment failed, String reason) throws GaveUpException, InterruptedException {
        return repair(failed, Optional.of(reason));
    }

    private synchronized Attachment repair(Attachment failed, Optional<String> closedBecause)
            throws GaveUpException, InterruptedException {
        if (current != failed || closed) return current;
        boolean sessionGone = closedBecause.isPresent();
        awaySince = System.nanoTime();
        away = true;
        console.println("⚠ " + closedBecause.orElse("connection lost, reconnecting…"));
        whenAway.run();
        long deadline = reconnectTimeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + reconnectTimeout.toNanos();
        Backoff backoff = new Backoff(100, 5_000);
        String lastProblem = "";
        while (!closed) {
            locator.next();
            try {
                current = reattach(failed, sessionGone);
                away = false;
                // after the server ended the session the person was told so: tell them they are back too
                console.println(sessionGone ? "✅ rejoined" : "✅ reconnected");
                return current;
            } catch (RemoteException | NotBoundException e) {
                lastProblem = rootMessage(e);
            } catch (ChatUnavailableException e) {
                lastProblem = e.getMessage();   // the bus is away: it passes
            } catch (ChatException e) {
                throw new GaveUpException(e.getMessage());
            }
            long delay = backoff.nextDelayMillis();
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) > deadline) {
                throw new GaveUpException("cannot reach chat server at " + serverName() + ": gave up after "
                        + reconnectTimeout.toSeconds() + " s (" + lastProblem + ")");
            }
            TimeUnit.MILLISECONDS.sleep(delay);
        }
        return current;
    }

    private Attachment reattach(Attachment failed, boolean sessionGone)
            throws RemoteException, NotBoundException, ChatException {
        ChatService service = locator.lookup();
        Session old = failed.session();
        if (!sessionGone) {
            try {
                service.who(old.token());   // cheap proof the token still works; renews the lease too
                return new Attachment(service, old);
            } catch (UnknownSessionException | SessionClosedException e) {
                // the server restarted or dropped us: fall through and join again
            }
        }
        try {
            return new Attachment(service, join(service, old.name()));
        } catch (NameTakenException e) {
            // our own old session would have been taken over quietly (same id, same secret): someone else has it
            return new Attachment(service, joinUnderAnotherName(service, old.name()));
        }
    }

    private Session join(ChatService service, String name) throws RemoteException, ChatException {
        Session session = checkProtocol(service.join(new JoinRequest(name, password.orElse(null), clientId,
                shownPosition, Protocol.VERSION, clientSecret, roomsToRestore.get())));
        restoreAway(service, session);
        return session;
    }

    /** Records the away text the server accepted ("" or null: back), so a rejoin marks the new session away too. */
    void awayHeld(String text) {
        awayText = text == null || text.isEmpty() ? null : text;
    }

    /** A new session starts not away: one that was away before the rejoin says so again, quietly. */
    private void restoreAway(ChatService service, Session session) throws RemoteException {
        String text = awayText;
        if (text == null || session.protocol() < Protocol.AWAY) return;
        try {
            service.away(new AwayRequest(session.token(), text));
        } catch (ChatException e) {
            // the session is what matters; /away again sets it
        }
    }

    /**
     * Someone took {@code taken} while we were away: come back as {@code taken_2} (or _3, …), and say so plainly,
     * rather than retry in silence while they post under the name the others know as ours.
     */
    private Session joinUnderAnotherName(ChatService service, String taken) throws RemoteException, ChatException {
        NameTakenException last = null;
        for (int n = 2; n < 2 + SquattedName.TRIES; n++) {
            try {
                Session session = join(service, SquattedName.alternative(taken, n));
                console.println("⚠ your name \"" + taken + "\" was taken by someone else while you were away;"
                        + " you are \"" + session.name() + "\" now");
                return session;
            } catch (NameTakenException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A server older than this client would answer polls it cannot read: say so once, and stop. */
    static Session checkProtocol(Session session) throws ChatException {
        if (session.protocol() >= Protocol.OLDEST_SERVER) return session;
        throw new ChatException("the server speaks " + Protocol.describe(session.protocol()) + " and this client speaks "
                + Protocol.describe(Protocol.VERSION) + ": upgrade the server");
    }

    /** The client's identity on every server: drawn once per process; never 0, which asks the server to draw one. */
    private static long newClientId() {
        long id;
        do {
            id = new SecureRandom().nextLong();
        } while (id == 0);
        return id;
    }

    /** 128 random bits, in hex. */
    private static String newClientSecret() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return java.util.HexFormat.of().formatHex(secret);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
