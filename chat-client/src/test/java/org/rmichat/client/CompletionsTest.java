package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmichat.api.NickChanged;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;

class CompletionsTest {
    private final KnownNames names = new KnownNames();
    private final Completions completions = new Completions(names::all, () -> List.of("#lobby", "#dev"), () -> "alice");

    @Test
    void aSlashAtTheStartOfTheLineCompletesCommands() {
        assertEquals(ChatCommand.WORDS, completions.candidates("", "/m"));
    }

    @Test
    void aHashCompletesRooms() {
        assertEquals(List.of("#lobby", "#dev"), completions.candidates("/switch ", "#d"));
    }

    @Test
    void otherWordsCompleteTheOthersNamesQuotedWhenTheyHoldASpace() {
        names.saw(new UserJoined(1, "alice"));
        names.saw(new UserJoined(2, "User 1"));
        names.saw(new UserJoined(3, "bob"));
        names.saw(new NickChanged(3, "bob", "bobby"));
        names.saw(new UserJoined(4, "carol"));
        names.saw(new UserLeft(5, "carol", UserLeft.Reason.QUIT));

        assertEquals(List.of("\"User 1\"", "bobby"), completions.candidates("/msg ", "\"Us"));
    }
}
