package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmichat.client.ChatCommand.Act;
import org.rmichat.client.ChatCommand.Answer;
import org.rmichat.client.ChatCommand.Quit;
import org.rmichat.client.ChatCommand.Rename;
import org.rmichat.client.ChatCommand.Say;
import org.rmichat.client.ChatCommand.Whisper;
import org.rmichat.client.ChatCommand.Who;

class ChatCommandTest {
    @Test
    void aLineIsSaidAsTypedAndADoubleSlashSaysOneSlash() {
        assertEquals(new Say("hello /there"), ChatCommand.parse("hello /there"));
        assertEquals(new Say("/shrug"), ChatCommand.parse("//shrug"));
        assertEquals(new Say(" /who"), ChatCommand.parse(" /who"));
    }

    @Test
    void commandsParseTheirArguments() {
        assertEquals(new Act("waves at everyone"), ChatCommand.parse("/me waves at everyone"));
        assertEquals(new Whisper("bob", "hi  there"), ChatCommand.parse("/msg bob hi  there"));
        assertEquals(new Rename("alicia"), ChatCommand.parse("/nick   alicia  "));
        assertEquals(new Who(), ChatCommand.parse("/who"));
        assertEquals(new Quit(), ChatCommand.parse("/quit"));
        assertEquals(new Answer(ChatCommand.HELP), ChatCommand.parse("/help"));
    }

    @Test
    void aQuotedNameWithASpaceReachesADefaultName() {
        assertEquals(new Whisper("User 1", "hi there"), ChatCommand.parse("/msg \"User 1\" hi there"));
        assertEquals(new Whisper("User 1", "hi"), ChatCommand.parse("/MSG \"User 1\"hi"));
        assertEquals(new Answer(List.of("usage: /msg NAME text")), ChatCommand.parse("/msg \"User 1 hi"));
        assertEquals(new Answer(List.of("usage: /msg NAME text")), ChatCommand.parse("/msg \"User 1\""));
    }

    @Test
    void aCommandWithoutItsArgumentsAnswersItsUsageAndSendsNothing() {
        assertEquals(new Answer(List.of("usage: /me action")), ChatCommand.parse("/me"));
        assertEquals(new Answer(List.of("usage: /nick NEW")), ChatCommand.parse("/nick "));
        assertEquals(new Answer(List.of("usage: /msg NAME text")), ChatCommand.parse("/msg bob"));
        assertEquals(new Answer(List.of("usage: /msg NAME text")), ChatCommand.parse("/msg"));
    }

    @Test
    void anUnknownCommandAnswersTheListAndSendsNothing() {
        assertEquals(new Answer(List.of("⚠ unknown command /frobnicate; " + ChatCommand.UNKNOWN_HINT)),
                ChatCommand.parse("/frobnicate now"));
    }

    @Test
    void clearIsACommandAndEveryCommandOfHelpIsInTheHint() {
        assertEquals(new ChatCommand.Clear(), ChatCommand.parse("/CLEAR"));
        assertEquals(List.of("/msg", "/me", "/nick", "/who", "/whois", "/away", "/join", "/part", "/switch",
                "/rooms", "/list", "/topic", "/history", "/clear", "/help", "/quit"), ChatCommand.WORDS);
        assertTrue(ChatCommand.UNKNOWN_HINT.endsWith("/topic /history /clear /help /quit"), ChatCommand.UNKNOWN_HINT);
    }

    @Test
    void roomCommandsParseAndTheOnesThatMoveTheUserAreKnown() {
        assertEquals(new ChatCommand.JoinRoom("#dev"), ChatCommand.parse("/join dev"));
        assertEquals(new ChatCommand.JoinRoom("#Dev"), ChatCommand.parse("/JOIN #Dev"));
        assertEquals(new ChatCommand.PartRoom(null), ChatCommand.parse("/part"));
        assertEquals(new ChatCommand.Who("#dev"), ChatCommand.parse("/who #dev"));
        assertEquals(new ChatCommand.Topic("release on Friday"), ChatCommand.parse("/topic release on Friday"));
        assertEquals(new Answer(List.of("⚠ not a room name: #no!way (# and 1-32 letters, digits, _ or -)")),
                ChatCommand.parse("/join #no!way"));
        assertTrue(ChatCommand.changesRoom("/switch #dev"));
        assertTrue(ChatCommand.changesRoom("/PART"));
        assertFalse(ChatCommand.changesRoom("/topic x"));
        assertFalse(ChatCommand.changesRoom("/joinery is a word"));
    }
}
