package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatService;
import org.rmichat.api.InvalidNameException;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.RequestLimits;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.it.security.SecurityFixtures.Inbox;
import org.rmichat.server.ChatServer;
import org.rmichat.server.core.RoomConfig;

/** End to end: whatever eve sends, what bob's terminal is given holds no escape or control character. */
@Timeout(30)
class TerminalSafetyIT {
    static final List<String> CORPUS = List.of(
            "\u001B[2J\u001B[H", "\u001B[31mred\u001B[0m", "\u001B[10A\u001B[2K", "\u001B]0;pwned\u0007",
            "\u001B]2;pwned\u001B\\", "\u001B]8;;http://evil/\u0007click\u001B]8;;\u0007", "\u001B]52;c;cHduZWQ=\u0007",
            "\u001BPq#0;2;0;0;0\u001B\\", "\u001Bc", "\u009B2J", "\u009D0;pwned\u009C", "\u0000nul", "bell\u0007",
            "back\b\b\bspace", "carriage\rreturn", "new\nline", "\u007Fdel", "\u0085nel", "\u202Eevil\u202C",
            "\u2066isolate\u2069", "lone\uD800surrogate", "reversed\uDC00\uD83D", "x".repeat(1_999) + "\u001B[2J");

    @Test
    void hostileTextAndNamesNeverReachAnotherTerminal() throws Exception {
        ChatServer server = SecurityFixtures.startServer(RoomConfig.defaults().withRateLimit(0, 1));
        try (Inbox bob = new Inbox(server, "bob")) {
            ChatService service = SecurityFixtures.lookup(server);
            for (String attack : CORPUS) {
                // longer ones cannot even be built: refused as they are read (OversizedFieldsIT)
                if (("eve" + attack).length() > RequestLimits.MAX_NAME_LENGTH) continue;
                InvalidNameException e = assertThrows(InvalidNameException.class,
                        () -> service.join(new JoinRequest("eve" + attack, null)));
                assertClean(e.getMessage());
            }
            Session eve = service.join(new JoinRequest("eve", null));
            long seq = 0;
            for (String attack : CORPUS) {
                try {
                    service.send(new SendRequest(eve.token(), ++seq, "[" + attack + "]"));
                } catch (ChatException e) {
                    assertClean(e.getMessage());
                }
            }
            service.send(new SendRequest(eve.token(), ++seq, "done 👍🏽 Jose\u0301"));

            List<String> shown = new ArrayList<>();
            SecurityFixtures.awaitLine(bob.shown, line -> line.startsWith("eve: done"), shown);

            assertEquals("eve: done 👍🏽 Jose\u0301", shown.get(shown.size() - 1), "letters, marks, emoji intact");
            assertTrue(shown.stream().filter(line -> line.startsWith("eve: [")).count() >= CORPUS.size() - 1,
                    () -> "eve's lines arrived, cleaned: " + shown);
            shown.forEach(TerminalSafetyIT::assertClean);
            assertFalse(String.join("\n", shown).contains("pwned"));
            service.leave(eve.token());
        } finally {
            server.stop();
        }
    }

    private static void assertClean(String line) {
        line.codePoints().forEach(c -> {
            boolean control = (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F);
            boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
            assertFalse(control || bidi || (c >= 0xD800 && c <= 0xDFFF),
                    () -> String.format("U+%04X reached a terminal in: %s", c, line.replace("\u001B", "<ESC>")));
        });
    }
}
