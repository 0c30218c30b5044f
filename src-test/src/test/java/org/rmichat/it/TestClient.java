package org.rmichat.it;

import java.rmi.RemoteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.client.EventFormatter;

/**
 * A bare client of the remote API that records every event it receives, in order, for tests to await. Its
 * poller thread acknowledges as it goes and stops when the session ends.
 */
public final class TestClient implements AutoCloseable {
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final ChatService service;
    private final Session session;
    private final BlockingQueue<ChatEvent> received = new LinkedBlockingQueue<>();
    private final AtomicLong clientSeq = new AtomicLong();
    private final Thread poller;
    private volatile boolean closed;

    private TestClient(ChatService service, Session session) {
        this.service = service;
        this.session = session;
        this.poller = new Thread(this::pollLoop, "test-poller-" + session.name());
        this.poller.setDaemon(true);
        this.poller.start();
    }

    public static TestClient join(ChatService service, String name) throws RemoteException, ChatException {
        return new TestClient(service, service.join(new JoinRequest(name, null)));
    }

    /** Joins with {@code request} as it stands: a client id, a secret, whatever the test needs. */
    public static TestClient join(ChatService service, JoinRequest request) throws RemoteException, ChatException {
        return new TestClient(service, service.join(request));
    }

    public Session session() {
        return session;
    }

    public String name() {
        return session.name();
    }

    public void sendPrivately(String to, String text) throws RemoteException, ChatException {
        service.sendPrivate(new PrivateRequest(session.token(), clientSeq.incrementAndGet(), to, text));
    }

    /** A line with the number the caller chose: resending one number is a retry, delivered once. */
    public void sendNumbered(long seq, String text) throws RemoteException, ChatException {
        service.send(new SendRequest(session.token(), seq, text));
    }

    public void send(String text) throws RemoteException, ChatException {
        service.send(new SendRequest(session.token(), clientSeq.incrementAndGet(), text));
    }

    /** The next {@code count} events as their screen lines, failing if they do not come in time. */
    public List<String> nextLines(int count) throws InterruptedException {
        EventFormatter formatter = new EventFormatter();
        return next(count).stream().map(formatter::format).toList();
    }

    /** The next {@code count} chat lines, failing at the first other line that is not a notice. */
    public List<String> nextLinesSkippingNotices(int count) throws InterruptedException {
        EventFormatter formatter = new EventFormatter();
        List<String> lines = new ArrayList<>();
        while (lines.size() < count) {
            ChatEvent event = next(1).get(0);
            if (!(event instanceof org.rmichat.api.Notice)) lines.add(formatter.format(event));
        }
        return lines;
    }

    public List<ChatEvent> next(int count) throws InterruptedException {
        List<ChatEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
        while (events.size() < count) {
            ChatEvent event = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError(name() + " got only " + events + " of " + count + " events");
            }
            events.add(event);
        }
        return events;
    }

    /** The next {@code count} chat lines as {@code name: text}, skipping joins, leaves and notices. */
    public List<String> nextMessages(int count) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        while (lines.size() < count) {
            if (next(1).get(0) instanceof MessagePosted m) lines.add(m.name() + ": " + m.text());
        }
        return lines;
    }

    /** The next {@code count} chat lines of {@code sender}, skipping everything else. */
    public List<String> nextMessagesFrom(String sender, int count) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        while (lines.size() < count) {
            if (next(1).get(0) instanceof MessagePosted m && m.name().equals(sender)) lines.add(m.name() + ": " + m.text());
        }
        return lines;
    }

    private void pollLoop() {
        long ack = 0;
        while (!closed) {
            try {
                PollResult batch = service.poll(new PollRequest(session.token(), ack, 1_000, 1_000));
                received.addAll(batch.events());
                if (!batch.isEmpty()) ack = batch.lastSeq();
            } catch (RemoteException | ChatException e) {
                return;   // the session or the server is gone; tests see it as missing events
            }
        }
    }

    /** Leaves the chat. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            service.leave(session.token());
        } catch (RemoteException | ChatException e) {
            // already gone: nothing to leave
        }
    }
}
