package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;
import org.rmichat.api.ActionPosted;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.NickChanged;
import org.rmichat.api.Notice;
import org.rmichat.api.PresenceDigest;
import org.rmichat.api.RoomJoined;
import org.rmichat.api.RoomLeft;
import org.rmichat.api.PrivateMessage;
import org.rmichat.api.UnknownEvent;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;
import org.rmichat.client.console.Theme;

class EventFormatterTest {
    private static final List<ChatEvent> EVERY_KIND = List.of(
            new UserJoined(1, "bob"),
            new UserLeft(1, "bob", UserLeft.Reason.TIMED_OUT),
            new MessagePosted(1, "bob", "hi alice"),
            new Notice(Notice.SHUTTING_DOWN),
            new NickChanged(1, "bob", "robert"),
            new PrivateMessage(1, "bob", "alice", "psst"),
            new ActionPosted(1, "bob", "waves"),
            new PresenceDigest(List.of(new UserJoined(1, "bob"), new UserJoined(2, "carol")), 0, List.of(), 0));

    private final EventFormatter plain = new EventFormatter();
    private final EventFormatter coloured = new EventFormatter(Theme.coloured(), () -> "alice");

    @Test
    void eachKindOfEventReadsAsTheIssueAsks() {
        assertEquals(List.of(
                "🔵 bob joined",
                "🔴 bob left (timed out)",
                "bob: hi alice",
                "⚠ server is shutting down",
                "✏ bob is now known as robert",
                "[private] bob: psst",
                "* bob waves",
                "🔵 bob and carol joined"), EVERY_KIND.stream().map(plain::format).toList());
    }

    @Test
    void anEventFromANewerServerIsOneLineAndAReasonItDoesNotKnowAPlainLeave() {
        assertEquals("(an event this client cannot show; upgrade rmichat)",
                plain.format(new UnknownEvent(42, new byte[] {1})));
        assertEquals("🔴 bob left", plain.format(new UserLeft(1, "bob", UserLeft.Reason.OTHER)));
    }

    @Test
    void coloursChangeTheStyleButNeverTheText() {
        for (ChatEvent event : EVERY_KIND) {
            assertEquals(plain.format(event), coloured.format(event));
        }
    }

    @Test
    void withoutColoursNoEscapeCodeIsWritten() {
        for (ChatEvent event : EVERY_KIND) {
            assertFalse(plain.styled(event).toAnsi().contains("\u001B"), plain.format(event));
        }
    }

    @Test
    void theSendersNameIsInItsOwnColour() {
        AttributedString line = coloured.styled(new MessagePosted(1, "bob", "hello"));

        assertEquals(Theme.coloured().nick("bob"), line.styleAt(0));
        assertEquals(AttributedStyle.DEFAULT, line.styleAt(line.length() - 1), "the text itself is not coloured");
    }

    @Test
    void systemLinesAreDimmed() {
        for (ChatEvent event : List.of(EVERY_KIND.get(0), EVERY_KIND.get(1), EVERY_KIND.get(3), EVERY_KIND.get(4),
                EVERY_KIND.get(7))) {
            assertEquals(Theme.coloured().system(), coloured.styled(event).styleAt(0), plain.format(event));
        }
    }

    @Test
    void privateMessagesAreHighlighted() {
        AttributedString received = coloured.styled(new PrivateMessage(1, "bob", "alice", "psst"));
        AttributedString sent = coloured.privateSent("bob", "psst");

        assertEquals(Theme.coloured().privateTag(), received.styleAt(0));
        assertEquals(Theme.coloured().privateTag(), sent.styleAt(0));
        assertEquals("→ bob: psst", sent.toString());
    }

    @Test
    void aLineWithMyNameIsHighlightedAndCountsAsAMention() {
        var mention = new MessagePosted(1, "bob", "hi Alice, lunch?");
        var other = new MessagePosted(1, "bob", "hi alicetown");

        assertTrue(coloured.mentionsMe(mention));
        assertEquals(Theme.coloured().mention(), coloured.styled(mention).styleAt("bob: hi".length()));
        assertFalse(coloured.mentionsMe(other), "part of a longer word is no mention");
        assertFalse(coloured.mentionsMe(new UserJoined(2, "alice")), "only what people say mentions");
        assertTrue(coloured.mentionsMe(new ActionPosted(1, "bob", "pokes alice")));
    }

    @Test
    void aDigestOfOnePersonIsExactlyTheSingleLine() {
        var joined = new UserJoined(1, "alice");
        var left = new UserLeft(2, "bob", UserLeft.Reason.TOO_SLOW);

        assertEquals(coloured.styled(joined), coloured.styled(digest(List.of(joined), 0, List.of(), 0)));
        assertEquals(coloured.styled(left), coloured.styled(digest(List.of(), 0, List.of(left), 0)));
        assertEquals("🔵 alice joined", plain.format(digest(List.of(joined), 0, List.of(), 0)));
    }

    @Test
    void aRoomsDigestNamesTheRoomAsItsSingleLinesDo() {
        var alice = new UserJoined(1, "alice");
        var bob = new UserJoined(2, "bob");

        assertEquals("🔵 alice, bob and 37 others joined #dev",
                plain.format(new PresenceDigest(List.of(alice, bob), 37, List.of(), 0, "#dev")));
        assertEquals(plain.format(new RoomJoined("#dev", 1, "alice")),
                plain.format(new PresenceDigest(List.of(alice), 0, List.of(), 0, "#dev")));
        assertEquals(plain.format(new RoomLeft("#dev", 2, "bob")), plain.format(new PresenceDigest(List.of(), 0,
                List.of(new UserLeft(2, "bob", UserLeft.Reason.QUIT)), 0, "#dev")));
    }

    @Test
    void namesReadAsASentence() {
        assertEquals("🔵 alice and bob joined", plain.format(joins(2, 0)));
        assertEquals("🔵 alice, bob and carol joined", plain.format(joins(3, 0)));
        assertEquals("🔵 alice and 1 other joined", plain.format(joins(1, 1)));
        assertEquals("🔵 alice, bob, carol and 37 others joined", plain.format(joins(3, 37)));
    }

    @Test
    void everyNamedLeaveKeepsItsReason() {
        var digest = digest(List.of(), 0, List.of(new UserLeft(1, "alice", UserLeft.Reason.QUIT),
                new UserLeft(2, "bob", UserLeft.Reason.TIMED_OUT),
                new UserLeft(3, "carol", UserLeft.Reason.TOO_SLOW)), 2);

        assertEquals("🔴 alice, bob (timed out), carol (too far behind) and 2 others left", plain.format(digest));
    }

    @Test
    void joinsAndLeavesAreTwoLinesJoinsFirst() {
        var digest = digest(List.of(new UserJoined(1, "alice")), 0, List.of(
                new UserLeft(2, "bob", UserLeft.Reason.QUIT), new UserLeft(3, "carol", UserLeft.Reason.QUIT)), 0);

        List<String> lines = coloured.lines(digest).stream().map(AttributedString::toString).toList();

        assertEquals(List.of("🔵 alice joined", "🔴 bob and carol left"), lines);
        for (AttributedString line : coloured.lines(digest)) assertEquals(Theme.coloured().system(), line.styleAt(0));
        assertEquals(List.of(coloured.styled(new MessagePosted(1, "bob", "hi"))),
                coloured.lines(new MessagePosted(1, "bob", "hi")), "any other event is its one line");
    }

    @Test
    void aDigestNamingMeIsNoMention() {
        assertFalse(coloured.mentionsMe(digest(List.of(new UserJoined(1, "alice")), 0, List.of(), 0)));
    }

    private static PresenceDigest joins(int named, int more) {
        List<UserJoined> joined = new ArrayList<>();
        for (String name : List.of("alice", "bob", "carol").subList(0, named)) joined.add(new UserJoined(0, name));
        return digest(joined, more, List.of(), 0);
    }

    private static PresenceDigest digest(List<UserJoined> joined, int moreJoined, List<UserLeft> left, int moreLeft) {
        return new PresenceDigest(joined, moreJoined, left, moreLeft);
    }

    @Test
    void mentionsMatchWholeNamesIgnoringCase() {
        assertTrue(Mentions.mentions("ALICE!", "alice"));
        assertTrue(Mentions.mentions("ping (alice)", "alice"));
        assertTrue(Mentions.mentions("hey User 3", "User 3"));
        assertFalse(Mentions.mentions("alice_2 is here", "alice"), "_ is part of a name");
        assertFalse(Mentions.mentions("malice", "alice"));
        assertFalse(Mentions.mentions("anything", null));
    }
}
