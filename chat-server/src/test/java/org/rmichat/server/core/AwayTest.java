package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.AwayRequest;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.InvalidMessageException;
import org.rmichat.api.Member;
import org.rmichat.api.MemberDetails;
import org.rmichat.api.NoSuchUserException;
import org.rmichat.api.Notice;
import org.rmichat.api.PrivateMessage;
import org.rmichat.api.PrivateRequest;
import org.rmichat.api.RoomRequest;
import org.rmichat.api.SessionToken;
import org.rmichat.api.WhoisRequest;

/** Away and whois on one server: shown in lists, never announced, cleaned like a line. */
@Timeout(30)
class AwayTest {
    private final RoomHarness harness = new RoomHarness(RoomConfig.defaults().withRateLimit(0, 1));

    @AfterEach
    void close() throws InterruptedException {
        harness.close();
    }

    @Test
    void awayShowsInWhoUntilBack() throws Exception {
        var alice = harness.join("alice");
        var bob = harness.join("bob");

        assertEquals("lunch", harness.room.away(new AwayRequest(alice.session.token(), "  lunch ")));
        assertEquals("lunch", memberNamed(bob.session.token(), "alice").away());
        assertNull(memberNamed(bob.session.token(), "bob").away());

        assertNull(harness.room.away(new AwayRequest(alice.session.token(), " ")));
        assertNull(memberNamed(bob.session.token(), "alice").away());
    }

    @Test
    void awayTextIsCleanedAndBounded() throws Exception {
        var alice = harness.join("alice");

        assertEquals("red", harness.room.away(new AwayRequest(alice.session.token(), "\u001b[31mred")));
        var tooLong = assertThrows(InvalidMessageException.class, () -> harness.room.away(
                new AwayRequest(alice.session.token(), "x".repeat(AwayRequest.MAX_LENGTH + 1))));
        assertEquals("away text too long: 201 characters, limit 200", tooLong.getMessage());
        assertEquals("red", memberNamed(alice.session.token(), "alice").away());   // a refused text changes nothing
    }

    @Test
    void whoisTellsJoinedIdleAwayAndRoomsIgnoringCase() throws Exception {
        long before = System.currentTimeMillis();
        var alice = harness.join("alice");
        var bob = harness.join("bob");
        harness.room.joinRoom(new RoomRequest(alice.session.token(), "#dev"));
        harness.room.away(new AwayRequest(alice.session.token(), "lunch"));
        harness.ticker.advance(Duration.ofSeconds(42));

        MemberDetails details = harness.room.whois(new WhoisRequest(bob.session.token(), "ALICE"));

        assertEquals("alice", details.name());
        assertTrue(details.joinedAtEpochMillis() >= before, "joined at " + details.joinedAtEpochMillis());
        assertEquals(42, details.idleSeconds());
        assertEquals("lunch", details.away());
        assertNull(details.server(), "a server alone names no server");
        assertEquals(java.util.Set.of("#lobby", "#dev"), java.util.Set.copyOf(details.rooms()));
    }

    @Test
    void whoisOfNoOneSaysSo() throws Exception {
        var alice = harness.join("alice");

        var e = assertThrows(NoSuchUserException.class,
                () -> harness.room.whois(new WhoisRequest(alice.session.token(), "carol")));
        assertEquals("no one called \"carol\" is in the chat", e.getMessage());
    }

    @Test
    void aPrivateLineToSomeoneAwayIsAnsweredWithTheirAwayText() throws Exception {
        var alice = harness.join("alice");
        var bob = harness.join("bob");
        alice.next(1);   // bob joined
        harness.room.away(new AwayRequest(bob.session.token(), "lunch"));

        harness.room.sendPrivate(new PrivateRequest(alice.session.token(), 1, "bob", "hi"));
        harness.room.sendPrivate(new PrivateRequest(alice.session.token(), 1, "bob", "hi"));   // a resend: no second

        harness.room.sendPrivate(new PrivateRequest(bob.session.token(), 1, "alice", "back soon"));

        List<ChatEvent> toBob = bob.next(1);
        assertTrue(toBob.get(0) instanceof PrivateMessage, toBob.toString());
        List<ChatEvent> toAlice = alice.next(2);
        assertEquals(new Notice("bob is away: lunch"), toAlice.get(0));
        assertTrue(toAlice.get(1) instanceof PrivateMessage p && p.text().equals("back soon"), toAlice.toString());
    }

    private Member memberNamed(SessionToken asker, String name) throws Exception {
        return harness.room.who(asker).members().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow();
    }
}
