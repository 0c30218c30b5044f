package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.rmi.ConnectException;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.ServerException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatService;
import org.rmichat.api.ChatUnavailableException;
import org.rmichat.api.InvalidMessageException;
import org.rmichat.api.Member;
import org.rmichat.api.PollRequest;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SessionClosedException;
import org.rmichat.api.SessionToken;
import org.rmichat.api.UnknownSessionException;

/** The one failure policy, call by call: repair, wait, refuse, give up. */
@Timeout(30)
class ConnectionTest {
    private static final String LOST = "⚠ connection lost, reconnecting…";
    private static final String TOO_FAR_BEHIND = SessionClosedException.TOO_FAR_BEHIND;

    private final ScriptedService service = new ScriptedService();
    private final RecordingConsole console = new RecordingConsole();
    private volatile boolean serverDown;

    private final ServiceLookup lookup = new ServiceLookup() {
        @Override
        public ChatService lookup() throws RemoteException {
            if (serverDown) throw new ConnectException("Connection refused");
            return service;
        }

        @Override
        public String describe() {
            return "test:1";
        }
    };

    private Connection open(Duration reconnectTimeout) throws RemoteException, NotBoundException, ChatException {
        Connection connection = new Connection(new SessionLink(lookup, Optional.empty(), console, reconnectTimeout),
                console);
        connection.open(Optional.of("alice"));
        return connection;
    }

    private Connection open() throws Exception {
        return open(Duration.ZERO);
    }

    @Test
    void aLostConnectionIsRepairedOnceAndTheLineResentWithItsNumber() throws Exception {
        Connection connection = open();
        service.failNext("send", new ConnectException("Connection reset"));

        assertTrue(connection.send(1, "hello", false));

        assertEquals(List.of(LOST, "✅ reconnected"), console.lines);
        assertEquals(List.of(1L, 1L), service.sends.stream().map(s -> s.clientSeq()).toList());
        // the server still knew the token: resumed, not joined again
        assertEquals(1, service.joins.size());
    }

    @Test
    void aSessionTheServerForgotIsJoinedAgainUnderTheSameName() throws Exception {
        Connection connection = open();
        service.forget(new SessionToken(7, 1));

        assertTrue(connection.send(1, "hello", false));

        assertEquals(List.of(LOST, "✅ reconnected"), console.lines);
        assertEquals("alice", service.joins.get(1).name());
        assertEquals(new SessionToken(7, 2), service.sends.get(1).token());
    }

    @Test
    void aClosedSessionIsToldItsReasonThenRejoinedAndTheLineResent() throws Exception {
        Connection connection = open();
        service.failNext("send", new SessionClosedException(TOO_FAR_BEHIND));

        assertTrue(connection.send(1, "hello", false));

        assertEquals(List.of("⚠ " + TOO_FAR_BEHIND, "✅ rejoined"), console.lines);
        assertEquals(2, service.joins.size());
        assertEquals(new SessionToken(7, 2), service.sends.get(1).token());
    }

    @Test
    void overTheRateLimitOrWhileTheBusIsAwayItWaitsAndResendsSaying() throws Exception {
        Connection connection = open();
        service.failNext("send", new RateLimitedException())
                .failNext("send", new ChatUnavailableException("the chat is unavailable; try again"));

        assertTrue(connection.send(1, "hello", false));

        assertEquals(List.of(), console.lines);
        assertEquals(3, service.sends.size());
        assertEquals(1, service.joins.size());
    }

    @Test
    void aRefusalIsOneLineAndTheLineIsNotResent() throws Exception {
        Connection connection = open();
        service.failNext("send", new InvalidMessageException("message too long"))
                .failNext("send", new ServerException("unmarshalling", new java.io.IOException("too big")));

        assertFalse(connection.send(1, "hello", false));
        assertFalse(connection.send(2, "again", false));

        assertEquals(List.of("⚠ not sent: message too long", "⚠ not sent: the server refused it"), console.lines);
        assertEquals(2, service.sends.size());
    }

    @Test
    void whoRepairsALostSessionLikeEveryOtherCall() throws Exception {
        Connection connection = open();
        service.forget(new SessionToken(7, 1));

        Optional<List<Member>> members = connection.who();

        assertEquals("alice", members.orElseThrow().get(0).name());
        assertEquals(List.of(LOST, "✅ reconnected"), console.lines);
    }

    @Test
    void aPollOfAClosedSessionIsToldItsReasonAndRejoinedLikeASend() throws Exception {
        Connection connection = open();
        service.failNext("poll", new SessionClosedException(TOO_FAR_BEHIND));

        try (StreamWatch watch = new StreamWatch(60_000)) {
            connection.poll(token -> new PollRequest(token, 0, 10, 0), watch, batch -> { });
        }

        assertEquals(List.of("⚠ " + TOO_FAR_BEHIND, "✅ rejoined"), console.lines);
    }

    @Test
    void aRenameIsKeptForTheNextJoin() throws Exception {
        Connection connection = open();

        assertEquals(Optional.of("alicia"), connection.nick("alicia"));
        service.failNext("send", new SessionClosedException(TOO_FAR_BEHIND));
        connection.send(1, "hello", false);

        assertEquals("alicia", service.joins.get(1).name());
        assertEquals("alicia", connection.name());
    }

    @Test
    void reconnectingLongerThanTheTimeoutGivesUpNamingTheServer() throws Exception {
        Connection connection = open(Duration.ofMillis(1));
        serverDown = true;
        service.failNext("send", new ConnectException("Connection reset"));

        SessionLink.GaveUpException gaveUp = assertThrows(SessionLink.GaveUpException.class,
                () -> connection.send(1, "hello", false));

        assertEquals("cannot reach chat server at test:1: gave up after 0 s (Connection refused)", gaveUp.getMessage());
    }

    @Test
    void onceClosingNoCallIsMadeOrRepairedAndLeavingIsTriedOnce() throws Exception {
        Connection connection = open();
        service.failNext("leave", new ConnectException("Connection reset"));

        connection.closeAndLeave();

        assertFalse(connection.send(1, "hello", false));
        assertEquals(Optional.empty(), connection.who());
        assertEquals(List.of("join", "leave"), service.calls);
        assertEquals(List.of(), console.lines);
    }
}
