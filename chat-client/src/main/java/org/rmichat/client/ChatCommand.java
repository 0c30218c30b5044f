package org.rmichat.client;

import java.util.List;
import org.rmichat.api.RoomNames;

/**
 * One typed line, parsed: what to send, or what to answer locally. Parsing is pure; {@link SenderLoop} runs
 * the result through the {@link Connection}. Nothing unknown or malformed becomes something sent: it parses
 * to {@link Answer}, a few lines shown to the user alone.
 */
sealed interface ChatCommand {
    /** What /help prints; the README's command table says the same. */
    List<String> HELP = List.of(
            "/msg NAME text  send text to NAME only",
            "                (a name with a space in quotes: /msg \"User 1\" hi)",
            "/me action      show \"* yourname action\" to the others",
            "/nick NEW       change your name",
            "/who [#room]    list everyone in the chat, or in a room, with idle times",
            "/whois NAME     since when NAME is here, idle, away, server, rooms",
            "/away [text]    mark yourself away, with why; /away alone: back",
            "/join #room     join a room (created if new) and talk there",
            "/part [#room]   leave a room (default: the current one)",
            "/switch #room   talk in another of your rooms",
            "/rooms          the rooms you are in",
            "/list           every room, with members and topic",
            "/topic [text]   show or set the current room's topic",
            "/history [N|2h] earlier lines here: the last N, or a span (30m, 2h)",
            "/clear          clear the screen",
            "/help           this list",
            "/quit           leave (so do Ctrl-D, and Ctrl-C on an empty line)",
            "//text          send a line that starts with /");

    String MSG_FORM = "/msg NAME text";

    /** The command words, in the order of /help, which Tab completes: one list, so a new command is in both. */
    List<String> WORDS = HELP.stream().map(line -> line.split("\\s+", 2)[0])
            .filter(word -> word.startsWith("/") && !word.startsWith("//")).toList();

    String UNKNOWN_HINT = "commands: " + String.join(" ", WORDS);

    String HISTORY_FORM = "/history [N | 30m | 2h]  (N from 1 to " + org.rmichat.api.HistoryRequest.MAX_LIMIT
            + "; a span in s, m, h or d)";

    <R> R accept(Visitor<R> v);

    /** Exhaustive handling without a preview {@code switch} on Java 17. */
    interface Visitor<R> {
        R say(Say c);

        R act(Act c);

        R whisper(Whisper c);

        R rename(Rename c);

        R who(Who c);

        R joinRoom(JoinRoom c);

        R partRoom(PartRoom c);

        R switchRoom(SwitchRoom c);

        R listRooms(ListRooms c);

        R myRooms(MyRooms c);

        R topic(Topic c);

        R history(History c);

        R answer(Answer c);

        R clear(Clear c);

        R quit(Quit c);

        R away(Away c);

        R whois(Whois c);
    }

    /** A line to everyone; {@code //text} is said as {@code /text}. */
    record Say(String text) implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.say(this);
        }
    }

    /** {@code /me action}: the others see {@code * name action}. */
    record Act(String text) implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.act(this);
        }
    }

    /** {@code /msg NAME text}. */
    record Whisper(String to, String text) implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.whisper(this);
        }
    }

    /** {@code /nick NEW}. */
    record Rename(String name) implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.rename(this);
        }
    }

    /** {@code /join #room}. */
    record JoinRoom(String room) implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.joinRoom(this);
        }
    }

    /** {@code /part [#room]}; null: the current room. */
    record PartRoom(String room) implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.partRoom(this);
        }
    }

    /** {@code /switch #room}. */
    record SwitchRoom(String room) implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.switchRoom(this);
        }
    }

    /** {@code /list}. */
    record ListRooms() implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.listRooms(this);
        }
    }

    /** {@code /rooms}. */
    record MyRooms() implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.myRooms(this);
        }
    }

    /** {@code /topic [text]}: text null shows it. */
    record Topic(String text) implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.topic(this);
        }
    }

    /** {@code /who [#room]}; room null: the whole chat. */
    record Who(String room) implements ChatCommand {
        public Who() {
            this(null);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.who(this);
        }
    }

    /** {@code /history [N | 30m | 2h]}: earlier lines of the current room, by count or by span (then 0 lines: the most a page holds). */
    record History(int lines, long spanSeconds) implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.history(this);
        }
    }

    /** {@code /away [text]}; text null: back. */
    record Away(String text) implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.away(this);
        }
    }

    /** {@code /whois NAME}. */
    record Whois(String name) implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.whois(this);
        }
    }

    /** Lines for the user alone: /help, a usage line, an unknown command's hint. */
    record Answer(List<String> lines) implements ChatCommand {
        public Answer {
            lines = List.copyOf(lines);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.answer(this);
        }
    }

    /** {@code /clear}: the screen, on this side alone. */
    record Clear() implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.clear(this);
        }
    }

    /** {@code /quit}. */
    record Quit() implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.quit(this);
        }
    }

    /**
     * Whether the command only asks the server something: nothing typed after it depends on it, so while the
     * server is away it is answered at once rather than queued behind the reconnect.
     */
    static boolean onlyAsks(ChatCommand command) {
        return command instanceof Who || command instanceof Whois || command instanceof ListRooms
                || command instanceof Topic topic && topic.text() == null;
    }

    /** The command word of a typed line, lower-cased: {@code /WHO #dev} is {@code /who}. */
    static String commandWord(String line) {
        return line.strip().split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the line, once carried out, changes which room typed lines go to. */
    static boolean changesRoom(String line) {
        String command = commandWord(line);
        return command.equals("/join") || command.equals("/part") || command.equals("/switch");
    }

    /** Parses one typed line; never fails. */
    static ChatCommand parse(String line) {
        if (line.startsWith("//")) return new Say(line.substring(1));
        if (!line.startsWith("/")) return new Say(line);
        String[] parts = line.strip().split("\\s+", 2);
        String name = parts[0].toLowerCase(java.util.Locale.ROOT);   // /JOIN is /join
        String rest = parts.length > 1 ? parts[1].strip() : "";
        return switch (name) {
            case "/quit" -> new Quit();
            case "/who" -> rest.isEmpty() ? new Who() : room(rest, Who::new, "/who [#room]");
            case "/join" -> room(rest, JoinRoom::new, "/join #room");
            case "/part" -> rest.isEmpty() ? new PartRoom(null) : room(rest, PartRoom::new, "/part [#room]");
            case "/switch" -> room(rest, SwitchRoom::new, "/switch #room");
            case "/list" -> new ListRooms();
            case "/rooms" -> new MyRooms();
            case "/topic" -> new Topic(rest.isEmpty() ? null : rest);
            case "/help" -> new Answer(HELP);
            case "/clear" -> new Clear();
            case "/nick" -> rest.isEmpty() ? usage("/nick NEW") : new Rename(rest);
            case "/me" -> rest.isEmpty() ? usage("/me action") : new Act(rest);
            case "/msg" -> whisper(rest);
            case "/history" -> history(rest);
            case "/away" -> new Away(rest.isEmpty() ? null : rest);
            case "/whois" -> whois(rest);
            default -> new Answer(List.of("⚠ unknown command " + name + "; " + UNKNOWN_HINT));
        };
    }

    /** {@code /msg NAME text}, or {@code /msg "NAME WITH SPACES" text}: default names ({@code User 1}) have one. */
    private static ChatCommand whisper(String rest) {
        String[] nameAndText = nameFirst(rest);
        if (nameAndText[0].isEmpty() || nameAndText[1].isEmpty()) return usage(MSG_FORM);
        return new Whisper(nameAndText[0], nameAndText[1]);
    }

    /** {@code /whois NAME}, the name quoted as for /msg when it has a space. */
    private static ChatCommand whois(String rest) {
        String[] nameAndText = nameFirst(rest);
        if (nameAndText[0].isEmpty() || !nameAndText[1].isEmpty()) return usage("/whois NAME");
        return new Whois(nameAndText[0]);
    }

    /** A name, quoted or one word, and what follows it; "" for either that is missing. */
    private static String[] nameFirst(String rest) {
        if (rest.startsWith("\"")) {
            int close = rest.indexOf('"', 1);
            if (close < 0) return new String[] {"", ""};
            return new String[] {rest.substring(1, close).strip(), rest.substring(close + 1).strip()};
        }
        String[] parts = rest.split("\\s+", 2);
        return new String[] {parts[0], parts.length < 2 ? "" : parts[1]};
    }

    /** {@code /history}, {@code /history 100}, {@code /history 30m}: anything else is one line of help. */
    private static ChatCommand history(String rest) {
        if (rest.isEmpty()) return new History(20, 0);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([smhd]?)").matcher(rest);
        if (!m.matches()) return usage(HISTORY_FORM);
        long amount = Long.parseLong(m.group(1));
        if (amount == 0) return usage(HISTORY_FORM);
        if (m.group(2).isEmpty()) {
            return amount > org.rmichat.api.HistoryRequest.MAX_LIMIT ? usage(HISTORY_FORM) : new History((int) amount, 0);
        }
        long unit = switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3_600;
            default -> 86_400;
        };
        return new History(org.rmichat.api.HistoryRequest.MAX_LIMIT, amount * unit);
    }

    /** A command whose argument is one room name, checked here so a typo never reaches the server. */
    private static ChatCommand room(String rest, java.util.function.Function<String, ChatCommand> command,
                                    String form) {
        if (rest.isEmpty() || rest.contains(" ")) return usage(form);
        String room = rest.startsWith("#") ? rest : "#" + rest;
        if (!RoomNames.isValid(room)) {
            return new Answer(List.of("⚠ not a room name: " + rest + " (# and 1-32 letters, digits, _ or -)"));
        }
        return command.apply(room);
    }

    private static Answer usage(String form) {
        return new Answer(List.of("usage: " + form));
    }
}
