package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.AwayRequest;
import org.rmichat.api.SessionToken;
import org.rmichat.api.Member;
import org.rmichat.api.MemberDetails;
import org.rmichat.api.Protocol;
import org.rmichat.client.ChatCommand.Answer;
import org.rmichat.client.ChatCommand.Away;
import org.rmichat.client.ChatCommand.Whois;

/** /away and /whois: parsed like /msg, shown in aligned columns, never asked of a server that lacks them. */
@Timeout(30)
class AwayCommandsTest {
    private final ScriptedService service = new ScriptedService();
    private final RecordingConsole console = new RecordingConsole();

    @Test
    void awayAndWhoisParseTheirArguments() {
        assertEquals(new Away("out to lunch"), ChatCommand.parse("/away out to lunch"));
        assertEquals(new Away(null), ChatCommand.parse("/AWAY  "));
        assertEquals(new Whois("bob"), ChatCommand.parse("/whois bob"));
        assertEquals(new Whois("User 1"), ChatCommand.parse("/whois \"User 1\""));
        assertEquals(new Answer(List.of("usage: /whois NAME")), ChatCommand.parse("/whois"));
        assertEquals(new Answer(List.of("usage: /whois NAME")), ChatCommand.parse("/whois User 1"));
        assertTrue(ChatCommand.WORDS.containsAll(List.of("/away", "/whois")), "Tab completes them");
    }

    @Test
    void whoShowsAwayAfterTheIdleColumn() {
        List<String> lines = MemberLines.members("3 in the chat:", List.of(
                new Member(1, "alice", 300, false, "lunch"),
                new Member(2, "bob", 5, true),
                new Member(3, "carol", 4000, false, "gone home")));

        assertEquals(List.of(
                "3 in the chat:",
                "  alice      idle 5 min  (away: lunch)",
                "  bob (you)  idle 5 s",
                "  carol      idle 1 h    (away: gone home)"), lines);
    }

    @Test
    void whoisShowsOneFactALineAndTheServerOnlyInACluster() {
        MemberDetails alone = new MemberDetails("alice", 1_764_668_700_000L, 75, null, null, List.of("#lobby"));
        MemberDetails clustered = new MemberDetails("alice", 1_764_668_700_000L, 75, "lunch", "srv-a",
                List.of("#lobby", "#dev"));

        assertEquals(List.of("👤 alice", "  joined  2025-12-02 09:45", "  idle    1 min", "  away    no",
                "  rooms   #lobby"), MemberLines.details(alone, ZoneOffset.UTC));
        assertEquals(List.of("👤 alice", "  joined  2025-12-02 10:45", "  idle    1 min", "  away    lunch",
                "  server  srv-a", "  rooms   #lobby, #dev"), MemberLines.details(clustered, ZoneOffset.ofHours(1)));
    }

    @Test
    void anOlderServerIsNotAskedAndTheUserToldInOneLine() throws Exception {
        service.protocol = Protocol.AWAY - 1;
        Connection connection = open();

        assertFalse(connection.away("lunch").isPresent());
        assertFalse(connection.whois("bob").isPresent());

        assertEquals(List.of(
                "⚠ this server is too old for /away (it speaks " + Protocol.describe(Protocol.AWAY - 1) + ")",
                "⚠ this server is too old for /whois (it speaks " + Protocol.describe(Protocol.AWAY - 1) + ")"),
                console.lines);
        assertFalse(service.calls.contains("away") || service.calls.contains("whois"), service.calls.toString());
    }

    @Test
    void aCurrentServerIsAskedAndBackReadsAsEmpty() throws Exception {
        Connection connection = open();

        assertEquals(Optional.of("lunch"), connection.away("lunch"));
        assertEquals(Optional.of(""), connection.away(null));
        assertEquals("bob", connection.whois("bob").orElseThrow().name());
    }

    @Test
    void aSessionJoinedAgainIsAwayAgain() throws Exception {
        Connection connection = open();
        connection.away("lunch");
        service.forget(new SessionToken(7, 1));   // the server dropped the session (a restart, a time-out)

        assertTrue(connection.send(1, "hello", false));

        assertEquals(2, service.joins.size());
        assertEquals(List.of("lunch", "lunch"), service.aways.stream().map(AwayRequest::text).toList());
        assertEquals(new SessionToken(7, 2), service.aways.get(1).token(), "the new session is away");
    }

    @Test
    void aSessionBackBeforeTheRejoinStaysBack() throws Exception {
        Connection connection = open();
        connection.away("lunch");
        connection.away(null);
        service.forget(new SessionToken(7, 1));

        assertTrue(connection.send(1, "hello", false));

        assertEquals(2, service.joins.size());
        assertEquals(2, service.aways.size(), "no away sent after the rejoin");
    }

    private Connection open() throws Exception {
        return service.connectAlice(console);
    }
}
