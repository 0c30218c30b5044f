package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.MissedLines;
import org.rmichat.api.PresenceDigest;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;
import org.rmichat.client.console.Console;

class ChatViewTest {
    private static final Clock FIVE_PAST_TWO = Clock.fixed(Instant.parse("2026-01-02T14:05:59Z"), ZoneOffset.UTC);

    /** Records what would reach the screen; "BELL" stands for the bell. */
    private static final class Recorder implements Console {
        final List<String> shown = new ArrayList<>();

        @Override
        public Optional<String> readLine() {
            return Optional.empty();
        }

        @Override
        public void println(String line) {
            shown.add(line);
        }

        @Override
        public void println(AttributedString line) {
            shown.add(line.toString());
        }

        @Override
        public void bell() {
            shown.add("BELL");
        }

        @Override
        public void close() {
        }
    }

    private final Recorder console = new Recorder();

    private ChatView view(DisplayOptions options) {
        return new ChatView(console, options, () -> "alice", FIVE_PAST_TWO);
    }

    @Test
    void timestampsPrefixHoursAndMinutes() {
        view(new DisplayOptions(false, true, false)).show(new MessagePosted(1, "bob", "hello"));

        assertEquals(List.of("[14:05] bob: hello"), console.shown);
    }

    @Test
    void linesMissedWhileAwayAreAnnouncedWithWhenAndFollowedByWhereTheLiveOnesBegin() {
        ChatView view = view(DisplayOptions.plain());
        view.show(new MissedLines(2, Instant.parse("2026-01-02T13:58:00Z").toEpochMilli()));
        view.show(new MessagePosted(1, "bob", "one"));
        view.show(new UserJoined(3, "carol"));
        view.show(new MessagePosted(1, "bob", "live"));
        view.show(new MissedLines(1, 0));
        view.show(new MessagePosted(1, "bob", "time unknown"));

        assertEquals(List.of("── 2 lines you missed, since 13:58 ──", "bob: one", "🔵 carol joined", Scrollback.NOW,
                "bob: live", "── 1 line you missed ──", "bob: time unknown", Scrollback.NOW), console.shown);
    }

    @Test
    void aMentionRingsTheBellAfterTheLine() {
        view(DisplayOptions.plain()).show(new MessagePosted(1, "bob", "hello alice"));

        assertEquals(List.of("bob: hello alice", "BELL"), console.shown);
    }

    @Test
    void withoutColoursOnATerminalAMentionIsMarkedWithAnAngleBracket() {
        view(new DisplayOptions(false, true, true, true)).show(new MessagePosted(1, "bob", "hello alice"));
        view(new DisplayOptions(false, true, true, true)).show(new MessagePosted(2, "bob", "hello everyone"));

        assertEquals(List.of("> [14:05] bob: hello alice", "[14:05] bob: hello everyone"), console.shown);
    }

    @Test
    void ownLinesAreShownAsTheOthersSeeThemAndCommandsAsTyped() {
        ChatView view = view(new DisplayOptions(false, true, false));

        assertEquals("[14:05] alice: hello", view.own("hello").orElseThrow().toString());
        assertEquals("[14:05] * alice waves", view.own("/ME waves").orElseThrow().toString());
        assertEquals("[14:05] alice: /not a command", view.own("//not a command").orElseThrow().toString());
        assertEquals(java.util.Optional.empty(), view.own("/who"));
    }

    @Test
    void quietMeansNoBell() {
        view(new DisplayOptions(false, false, true)).show(new MessagePosted(1, "bob", "hello alice"));

        assertEquals(List.of("bob: hello alice"), console.shown);
    }

    @Test
    void noMentionNoBell() {
        view(DisplayOptions.plain()).show(new MessagePosted(1, "bob", "hello everyone"));

        assertEquals(List.of("bob: hello everyone"), console.shown);
    }

    @Test
    void aDigestOfJoinsAndLeavesIsTwoLinesEachStamped() {
        view(new DisplayOptions(false, true, false)).show(new PresenceDigest(
                List.of(new UserJoined(1, "bob"), new UserJoined(2, "carol")), 0,
                List.of(new UserLeft(3, "dave", UserLeft.Reason.QUIT)), 0));

        assertEquals(List.of("[14:05] 🔵 bob and carol joined", "[14:05] 🔴 dave left"), console.shown);
    }
}
