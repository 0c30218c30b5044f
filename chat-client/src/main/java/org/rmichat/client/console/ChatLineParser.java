package org.rmichat.client.console;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Splits a chat line into words for Tab, and for nothing else: a chat line is text, so nothing is unescaped
 * and an unclosed quote never asks for more lines. A word starts after a space, or at a {@code "} that is not
 * closed yet, so {@code /msg "User 1} is one word ({@code "User 1}) and completes to {@code "User 1"}.
 */
final class ChatLineParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < cursor; i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (!quoted) start = i;
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                start = i + 1;
            }
        }
        return new Word(line, cursor, start);
    }

    /** The word from {@code start} up to the cursor. */
    private record Word(String line, int cursor, int start) implements CompletingParsedLine {
        @Override
        public String word() {
            return line.substring(start, cursor);
        }

        @Override
        public int wordCursor() {
            return cursor - start;
        }

        @Override
        public int wordIndex() {
            return words().size() - 1;
        }

        @Override
        public List<String> words() {
            List<String> words = new ArrayList<>();
            for (String before : line.substring(0, start).trim().split("\\s+")) {
                if (!before.isEmpty()) words.add(before);
            }
            words.add(word());
            return words;
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;   // chat text: inserted as it is
        }

        @Override
        public int rawWordCursor() {
            return wordCursor();
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
