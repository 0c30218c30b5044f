package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.NameTakenException;
import org.rmichat.api.PrivateMessage;
import org.rmichat.it.TestClient;
import org.rmichat.server.ChatServer;
import org.rmichat.server.core.RoomConfig;

/**
 * A client id is not a key: whoever learned alice's (from a log, a screen, a capture) but not the secret her
 * client drew with it can neither take her name over nor receive the private lines sent to her. Alice herself,
 * with both, still takes her own name back quietly, as after a fail-over. Bob and carol talk throughout.
 */
@Timeout(30)
class ImpersonationIT {
    private static final long ALICE_ID = 0x5eed_a11ceL;
    private static final String ALICE_SECRET = "a11ce5ec7e70000000000000000000a1";

    private ChatServer server;

    @BeforeEach
    void start() throws Exception {
        server = SecurityFixtures.startServer(RoomConfig.defaults().withRateLimit(0, 1));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void knowingAClientIdTakesNeitherTheNameNorThePrivateLines() throws Exception {
        ChatService service = SecurityFixtures.lookup(server);
        try (TestClient alice = TestClient.join(service, new JoinRequest("alice", null, ALICE_ID, null, ALICE_SECRET));
             TestClient bob = TestClient.join(service, "bob");
             TestClient carol = TestClient.join(service, "carol")) {
            bob.send("before");
            assertEquals(List.of("bob: before"), carol.nextMessagesFrom("bob", 1));

            // her id without her secret, or with none: her name stays hers
            assertThrows(NameTakenException.class,
                    () -> service.join(new JoinRequest("alice", null, ALICE_ID, null, "guessed")));
            assertThrows(NameTakenException.class, () -> service.join(new JoinRequest("alice", null, ALICE_ID, null)));

            // under a name of its own, her id does not bring her private lines
            try (TestClient eve = TestClient.join(service, new JoinRequest("eve", null, ALICE_ID, null, "guessed"))) {
                bob.sendPrivately("alice", "for alice only");
                bob.sendPrivately("eve", "for eve");
                bob.send("during");
                assertEquals(List.of("bob: during"), carol.nextMessagesFrom("bob", 1));

                assertEquals("for eve", firstPrivate(eve).text());   // not alice's line, which came first
                assertEquals("for alice only", firstPrivate(alice).text());
            }

            // alice herself, with her secret, takes her name back quietly
            try (TestClient aliceAgain = TestClient.join(service,
                    new JoinRequest("alice", null, ALICE_ID, null, ALICE_SECRET))) {
                assertEquals("alice", aliceAgain.name());
                bob.send("after");
                assertEquals(List.of("bob: after"), carol.nextMessagesFrom("bob", 1));
            }
        }
    }

    private static PrivateMessage firstPrivate(TestClient client) throws InterruptedException {
        while (true) {
            ChatEvent event = client.next(1).get(0);
            if (event instanceof PrivateMessage line) return line;
        }
    }
}
