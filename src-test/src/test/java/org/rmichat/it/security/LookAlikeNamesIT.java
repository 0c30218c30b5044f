package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.rmi.registry.LocateRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.api.InvalidNameException;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.NameTakenException;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.it.security.SecurityFixtures.JarProcess;

/**
 * Impersonation by look-alike names, against the real server jar (whose Unicode data is trimmed, so this also
 * proves what is left is enough): while alice and bob talk, every name that looks like "alice" is refused as
 * taken or as invisible, and invisible characters in a line do not reach bob.
 */
@Timeout(60)
class LookAlikeNamesIT {
    /** Each looks like "alice" on a screen. */
    private static final List<String> LOOK_ALIKES = List.of(
            "\u0430lice",                       // Cyrillic а
            "al\u0456ce",                       // Cyrillic і
            "ALICE", "a1ice",
            "\uFF41\uFF4C\uFF49\uFF43\uFF45",   // fullwidth
            "\uD835\uDC1A\uD835\uDC25\uD835\uDC22\uD835\uDC1C\uD835\uDC1E",   // mathematical bold
            "alice\uFE0F", "alice\u034F", "ali\u200Bce", "alice\u3164", "\u3164");

    @Test
    void lookAlikesOfAMemberCannotJoinWhileShePostsOn() throws Exception {
        try (JarProcess server = new JarProcess("rmichat.serverJar", Map.of(), "--bind", "127.0.0.1", "--port", "0")) {
            int port = server.awaitListeningPort();
            try (JarProcess bob = client(port, "bob"); JarProcess alice = client(port, "alice")) {
                bob.awaitStdout(line -> line.contains("Joined chat as bob"));
                alice.awaitStdout(line -> line.contains("Joined chat as alice"));
                ChatService service = (ChatService) LocateRegistry.getRegistry("127.0.0.1", port)
                        .lookup(ChatService.REGISTRY_NAME);

                List<String> accepted = new ArrayList<>();
                int i = 0;
                for (String name : LOOK_ALIKES) {
                    alice.type("line " + ++i);
                    try {
                        Session session = service.join(new JoinRequest(name, null));
                        accepted.add(name + " as " + session.name());
                        service.leave(session.token());
                    } catch (NameTakenException | InvalidNameException e) {
                        assertTrue(e.getMessage().contains("is taken") || e.getMessage().contains("invisible"),
                                e::getMessage);
                    }
                }
                assertEquals(List.of(), accepted, "look-alikes that got in");

                Session eve = service.join(new JoinRequest("eve", null));
                service.send(new SendRequest(eve.token(), 1, "pay\u200B\u2060me\uDB40\uDC41"));
                // alice's lines come through her own client, eve's straight from here: they may interleave
                List<String> expected = new ArrayList<>();
                for (int n = 1; n <= i; n++) expected.add("alice: line " + n);
                List<String> seen = new ArrayList<>();
                while (!seen.containsAll(expected) || !seen.contains("eve: payme")) {
                    seen.add(bob.awaitStdout(line -> line.contains("alice: ") || line.contains("eve: ")));
                }
                assertEquals(expected, seen.stream().filter(line -> line.startsWith("alice: ")).toList());
                assertEquals(List.of("eve: payme"), seen.stream().filter(line -> line.startsWith("eve: ")).toList());
                service.leave(eve.token());
            }
        }
    }

    private static JarProcess client(int port, String name) throws Exception {
        return new JarProcess("rmichat.clientJar", Map.of(), "--server", "127.0.0.1:" + port, "--name", name,
                "--plain");
    }
}
