package org.rmichat.client;

import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.ServerException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatUnavailableException;
import org.rmichat.api.AwayRequest;
import org.rmichat.api.Member;
import org.rmichat.api.MemberDetails;
import org.rmichat.api.WhoisRequest;
import org.rmichat.api.NickRequest;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.HistoryPage;
import org.rmichat.api.HistoryRequest;
import org.rmichat.api.InvalidMessageException;
import org.rmichat.api.InvalidNameException;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.Protocol;
import org.rmichat.api.RequestLimits;
import org.rmichat.api.RoomInfo;
import org.rmichat.api.RoomRequest;
import org.rmichat.api.TopicRequest;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SendRequest;
import org.rmichat.api.SessionClosedException;
import org.rmichat.api.SessionToken;
import org.rmichat.api.UnknownSessionException;
import org.rmichat.client.console.Console;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every remote call the client makes, with one policy for what a failure means. Each call is made against
 * whichever {@link Attachment} is current when it is tried, so a call that follows a repair goes to the
 * repaired session.
 *
 * <p>The policy, the same for every call (send, private line, action, rename, /who, poll):
 * <table>
 *   <tr><th>failure</th><th>what the client does</th></tr>
 *   <tr><td>{@link RemoteException}, {@link UnknownSessionException}</td>
 *       <td>repair: says {@code ⚠ connection lost, reconnecting…}, resumes the session (or joins again when the
 *       server no longer knows it), says {@code ✅ reconnected}, and makes the call again</td></tr>
 *   <tr><td>{@link SessionClosedException}</td>
 *       <td>says the server's reason ({@code ⚠ disconnected by server: too far behind}), joins again, says
 *       {@code ✅ rejoined}, and makes the call again</td></tr>
 *   <tr><td>{@link RateLimitedException}, {@link ChatUnavailableException}</td>
 *       <td>wait: sleeps (one token's time of the announced rate; half a second while the server's bus is
 *       away) and makes the call again</td></tr>
 *   <tr><td>{@link ServerException}, any other {@link ChatException}</td>
 *       <td>refuse: one line, {@code ⚠ not sent: <the server's words>}, and the call is given up; the server
 *       received it and resending cannot help</td></tr>
 *   <tr><td>reconnecting for longer than {@code --reconnect-timeout}</td>
 *       <td>give up: {@link SessionLink.GaveUpException}, on which the client ends with exit code 1</td></tr>
 *   <tr><td>any failure once the client is closing</td><td>nothing: the call gives empty</td></tr>
 * </table>
 * A repair is done once, by whichever thread notices first; the other finds it done and only retries, so
 * each lost connection or closed session is told once. Retried sends carry the same client sequence number,
 * which the server accepts once.
 *
 * <p>Leaving is the one call made once and never repaired: the client is closing, and a server that does
 * not hear it times the session out.
 *
 * <p>Paced calls (the lines that count against the server's rate limit) are made by one thread, the sender.
 */
final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final long UNAVAILABLE_RETRY_MILLIS = 500;
    private static final String NOT_SENT = "not sent: ";

    /** One remote call, made against whichever attachment is current when it is tried. */
    interface Call<T> {
        T call(Attachment attachment) throws RemoteException, ChatException, InterruptedException;
    }

    /** Hears of each paced call, on the sender thread, just before it is made or waits for the rate limit. */
    interface PaceListener {
        void paced(boolean waits);
    }

    /** What the listener asks of each poll: the request for the session the poll is made on. */
    interface Cursor {
        PollRequest requestFor(SessionToken token);
    }

    private final SessionLink link;
    private final Console console;
    private SendPacer pacer;   // sender thread only
    private Attachment pacedFor;
    private volatile PaceListener paceListener = waits -> { };
    /** How long the last line took to reach the server and be accepted, in milliseconds; -1 before the first. */
    private volatile long lagMillis = -1;

    Connection(SessionLink link, Console console) {
        this.link = link;
        this.console = console;
    }

    /** The first join. Failures go to the caller: at start-up there is nothing to resume. */
    Attachment open(Optional<String> name) throws RemoteException, NotBoundException, ChatException {
        return link.open(name);
    }

    /** A line to everyone ({@code action}: shown as {@code * name text}); true once the server has it. */
    boolean send(long seq, String text, boolean action) throws InterruptedException, SessionLink.GaveUpException {
        return send(seq, text, action, null);
    }

    /** A line to a room (null: the default room); true once the server has it. */
    boolean send(long seq, String text, boolean action, String room)
            throws InterruptedException, SessionLink.GaveUpException {
        return call(NOT_SENT, true, a -> {
            // a server of before rooms knows only its default room, and a room field it would not read
            String to = a.session().protocol() >= Protocol.ROOMS ? room : null;
            a.service().send(new SendRequest(a.session().token(), seq, checkedLength(a, text), action, to));
            return true;
        }).isPresent();
    }

    /** Joins a room; the room as the chat sees it, once the server has the join. */
    Optional<RoomInfo> joinRoom(String room) throws InterruptedException, SessionLink.GaveUpException {
        return call("not joined: ", true, a -> a.service().joinRoom(new RoomRequest(roomsServer(a), room)));
    }

    Optional<Boolean> partRoom(String room) throws InterruptedException, SessionLink.GaveUpException {
        return call("not left: ", false, a -> {
            a.service().partRoom(new RoomRequest(roomsServer(a), room));
            return true;
        });
    }

    Optional<List<RoomInfo>> rooms() throws InterruptedException, SessionLink.GaveUpException {
        return call("", false, a -> a.service().rooms(roomsServer(a)));
    }

    Optional<RoomInfo> topic(String room, String topic) throws InterruptedException, SessionLink.GaveUpException {
        return call("", topic != null, a -> a.service().topic(new TopicRequest(roomsServer(a), room, topic)));
    }

    Optional<List<Member>> whoIn(String room) throws InterruptedException, SessionLink.GaveUpException {
        return call("", false, a -> a.service().whoIn(new RoomRequest(roomsServer(a), room)).members());
    }

    /**
     * A page of a room's history before {@code before} (null: up to where this session's live lines begin); an
     * empty page from a server of before history, which has no such call to make.
     */
    Optional<HistoryPage> history(String room, String before, int limit, long spanSeconds)
            throws InterruptedException, SessionLink.GaveUpException {
        return call("", false, a -> a.session().protocol() < Protocol.HISTORY ? HistoryPage.EMPTY
                : a.service().history(new HistoryRequest(a.session().token(), room, before, limit, spanSeconds)));
    }

    /** Lines of a room's history the server shows a client joining it; 0 from a server without history. */
    int historyOnJoin() {
        Attachment attachment = link.current();
        return attachment == null || attachment.session().protocol() < Protocol.HISTORY ? 0
                : attachment.session().limits().historyOnJoin();
    }

    /** The token, if the server has rooms: calling a method an older server lacks would look like an outage. */
    private static SessionToken roomsServer(Attachment a) throws ChatException {
        if (a.session().protocol() < Protocol.ROOMS) {
            throw new ChatException("this server has no rooms (it speaks " + Protocol.describe(a.session().protocol())
                    + ")");
        }
        return a.session().token();
    }

    /** Marks this session away ({@code text}) or back (null); the text the server holds, "" when back. */
    Optional<String> away(String text) throws InterruptedException, SessionLink.GaveUpException {
        return call("", false, a -> {
            String held = a.service().away(new AwayRequest(awayServer(a, "/away"), text));
            link.awayHeld(held);
            return held == null ? "" : held;
        });
    }

    Optional<MemberDetails> whois(String name) throws InterruptedException, SessionLink.GaveUpException {
        return call("", false, a -> a.service().whois(new WhoisRequest(awayServer(a, "/whois"), checkedName(name))));
    }

    /** The token, if the server knows away and whois; as {@link #roomsServer}, never a call an older one lacks. */
    private static SessionToken awayServer(Attachment a, String command) throws ChatException {
        if (a.session().protocol() < Protocol.AWAY) {
            throw new ChatException("this server is too old for " + command + " (it speaks "
                    + Protocol.describe(a.session().protocol()) + ")");
        }
        return a.session().token();
    }

    /** A line to {@code to} alone; true once the server has it. */
    boolean sendPrivate(long seq, String to, String text) throws InterruptedException, SessionLink.GaveUpException {
        return call(NOT_SENT, true, a -> {
            a.service().sendPrivate(new PrivateRequest(a.session().token(), seq, checkedName(to), checkedLength(a, text)));
            return true;
        }).isPresent();
    }

    /**
     * Refuses here, with the server's own words, a line the server would refuse before reading it: past four
     * times the length limit a call outgrows what the server reads of one call, and it cuts the connection,
     * which would look like an outage and be resent forever.
     */
    private static String checkedLength(Attachment attachment, String text) throws InvalidMessageException {
        int limit = attachment.session().limits().maxMessageLength();
        if (text.length() > 4L * limit) {
            throw new InvalidMessageException("message too long: " + text.length() + " characters, limit " + limit);
        }
        return text;
    }

    /** Refuses here a name longer than any request may carry, which the server would not even read. */
    private static String checkedName(String name) throws InvalidNameException {
        if (name.length() > RequestLimits.MAX_NAME_LENGTH) {
            throw new InvalidNameException("name too long: " + name.length() + " characters");
        }
        return name;
    }

    /** Renames the session; the name the server gave, which later rejoins and mentions use. */
    Optional<String> nick(String newName) throws InterruptedException, SessionLink.GaveUpException {
        Attachment[] renamed = new Attachment[1];
        Optional<String> name = call("not renamed: ", true, a -> {
            renamed[0] = a;
            return a.service().nick(new NickRequest(a.session().token(), checkedName(newName)));
        });
        name.ifPresent(n -> link.renamed(renamed[0], n));
        return name;
    }

    /** Everyone in the chat now. */
    Optional<List<Member>> who() throws InterruptedException, SessionLink.GaveUpException {
        return call("", false, a -> a.service().who(a.session().token()).members());
    }

    /** Shows one batch; runs under the link's lock, so no repair comes between showing and recording. */
    interface Batches {
        void show(PollResult batch);
    }

    /**
     * One long poll of the current session, asking what {@code cursor} says for it: streamed where the server
     * speaks protocol {@link Protocol#STREAM}, each batch shown as it arrives; a single reply otherwise. A
     * stream that goes silent ({@link StreamWatch}) is told once and repaired like a lost connection.
     */
    void poll(Cursor cursor, StreamWatch watch, Batches batches)
            throws InterruptedException, SessionLink.GaveUpException {
        call("", false, a -> {
            PollRequest request = cursor.requestFor(a.session().token());
            if (a.session().protocol() < Protocol.STREAM) {
                PollResult batch = a.service().poll(request);
                link.showing(() -> batches.show(batch), batch.position());
            } else {
                watch.read(() -> a.service().pollStream(request), (batch, stream) ->
                        link.showing(() -> !stream.isAbandoned(), () -> batches.show(batch), batch.position()));
            }
            return true;
        });
    }

    /** The current session's token: a new one after every rejoin. */
    SessionToken token() {
        return link.current().session().token();
    }

    /** The name the server gave this client. */
    String name() {
        return link.current().session().name();
    }

    /** Stops every call, then leaves the chat with one attempt. */
    void closeAndLeave() {
        Attachment attachment = link.current();
        link.close();
        if (attachment == null) return;
        try {
            attachment.service().leave(attachment.session().token());
        } catch (RemoteException | ChatException e) {
            log.debug("leave failed; the server will time the session out", e);
        }
    }

    /** Stops every call without leaving: the client gave up. */
    void close() {
        link.close();
    }

    boolean isClosed() {
        return link.isClosed();
    }

    /** The round trip of the last line sent, in milliseconds, or -1 before the first. */
    long lagMillis() {
        return lagMillis;
    }

    /** How long the server has been away, or empty while it is here. */
    Optional<java.time.Duration> awayFor() {
        return link.awayFor();
    }

    /** The server talked to now. */
    String server() {
        return link.currentServer();
    }

    /** Whether the server is away and being reconnected to: remote calls made now wait for it. */
    boolean isAway() {
        return link.isAway();
    }

    /** Tells {@code listener}, which must not block, of each paced call: the outbox drains at the rate limit. */
    void whenPaced(PaceListener listener) {
        paceListener = listener;
    }

    /** Runs {@code action}, which must not block, whenever the server goes away. */
    void whenAway(Runnable action) {
        link.whenAway(action);
    }

    /**
     * Makes {@code call} by the policy above. A refusal is printed after {@code refusal} and gives empty;
     * so does a call cut short by closing.
     */
    private <T> Optional<T> call(String refusal, boolean paced, Call<T> call)
            throws InterruptedException, SessionLink.GaveUpException {
        while (!link.isClosed()) {
            Attachment attachment = link.current();
            if (paced) pacerFor(attachment).acquire(paceListener);
            try {
                if (!paced) return Optional.of(call.call(attachment));
                long start = System.nanoTime();
                T result = call.call(attachment);
                lagMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                return Optional.of(result);
            } catch (RateLimitedException e) {
                // over the limit anyway (another client of ours, a clock running fast): wait, resend
                TimeUnit.MILLISECONDS.sleep(SendPacer.retryDelayMillis(attachment.session().limits()));
            } catch (ChatUnavailableException e) {
                // the server holds as much as it may while its bus is away: keep the call, make it again soon
                TimeUnit.MILLISECONDS.sleep(UNAVAILABLE_RETRY_MILLIS);
            } catch (SessionClosedException e) {
                if (link.isClosed()) break;
                link.rejoin(attachment, e.getMessage());
            } catch (UnknownSessionException e) {
                if (link.isClosed()) break;
                link.reconnect(attachment);
            } catch (ChatException e) {
                if (link.isClosed()) break;
                console.println("⚠ " + refusal + e.getMessage());
                return Optional.empty();
            } catch (ServerException e) {
                // the server got the call and refused it (a line too big to read): resending cannot help
                if (link.isClosed()) break;
                console.println("⚠ " + refusal + "the server refused it");
                return Optional.empty();
            } catch (StreamWatch.ServerSilentException e) {
                if (link.isClosed()) break;
                if (link.current() == attachment) console.println("⚠ " + e.getMessage());
                link.reconnect(attachment);
            } catch (RemoteException e) {
                if (link.isClosed()) break;
                link.reconnect(attachment);
            }
        }
        return Optional.empty();
    }

    private SendPacer pacerFor(Attachment attachment) {
        if (attachment != pacedFor) {
            pacer = new SendPacer(attachment.session().limits());
            pacedFor = attachment;
        }
        return pacer;
    }
}
