package org.rmichat.client;

import java.util.List;

/**
 * One typed line, parsed: what to send, or what to answer locally. Parsing is pure; {@link SenderLoop} runs
 * the result through the {@link Connection}. Nothing unknown or malformed becomes something sent: it parses
 * to {@link Answer}, a few lines shown to the user alone.
 */
sealed interface ChatCommand {
    /** What /help prints; the README's command table says the same. */
    List<String> HELP = List.of(
            "/msg NAME text  send text to NAME only",
            "/me action      show \"* yourname action\" to the others",
            "/nick NEW       change your name",
            "/who            list everyone in the chat, with idle times",
            "/help           this list",
            "/quit           leave (Ctrl-D or Ctrl-C too)",
            "//text          send a line that starts with /");

    String UNKNOWN_HINT = "commands: /msg /me /nick /who /help /quit";

    <R> R accept(Visitor<R> v);

    /** Exhaustive handling without a preview {@code switch} on Java 17. */
    interface Visitor<R> {
        R say(Say c);

        R act(Act c);

        R whisper(Whisper c);

        R rename(Rename c);

        R who(Who c);

        R answer(Answer c);

        R quit(Quit c);
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

    /** {@code /who}. */
    record Who() implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.who(this);
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

    /** {@code /quit}. */
    record Quit() implements ChatCommand {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.quit(this);
        }
    }

    /** Parses one typed line; never fails. */
    static ChatCommand parse(String line) {
        if (line.startsWith("//")) return new Say(line.substring(1));
        if (!line.startsWith("/")) return new Say(line);
        String[] parts = line.strip().split("\\s+", 2);
        String name = parts[0];
        String rest = parts.length > 1 ? parts[1].strip() : "";
        return switch (name) {
            case "/quit" -> new Quit();
            case "/who" -> new Who();
            case "/help" -> new Answer(HELP);
            case "/nick" -> rest.isEmpty() ? usage("/nick NEW") : new Rename(rest);
            case "/me" -> rest.isEmpty() ? usage("/me action") : new Act(rest);
            case "/msg" -> whisper(rest);
            default -> new Answer(List.of("⚠ unknown command " + name + "; " + UNKNOWN_HINT));
        };
    }

    private static ChatCommand whisper(String rest) {
        String[] parts = rest.split("\\s+", 2);
        if (parts.length < 2 || parts[0].isEmpty()) return usage("/msg NAME text");
        return new Whisper(parts[0], parts[1]);
    }

    private static Answer usage(String form) {
        return new Answer(List.of("usage: " + form));
    }
}
