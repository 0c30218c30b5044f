package org.rmichat.client;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.rmichat.client.console.Console;

/**
 * What Tab offers for the word being typed: a command word at the start of the line, one of your rooms for a
 * word starting with {@code #}, and otherwise the names of the others, in quotes when they hold a space, so
 * {@code /msg "User 1" hi} comes out whole. The line editor keeps the ones that start with the word.
 */
final class Completions implements Console.Completion {
    private final Supplier<List<String>> names;
    private final Supplier<List<String>> rooms;
    private final Supplier<String> myName;

    Completions(Supplier<List<String>> names, Supplier<List<String>> rooms, Supplier<String> myName) {
        this.names = names;
        this.rooms = rooms;
        this.myName = myName;
    }

    @Override
    public List<String> candidates(String before, String word) {
        if (before.isBlank() && word.startsWith("/")) return ChatCommand.WORDS;
        if (word.startsWith("#")) return rooms.get();
        String me = myName.get();
        return names.get().stream()
                .filter(name -> !name.equalsIgnoreCase(me))
                .flatMap(name -> name.chars().anyMatch(Character::isWhitespace)
                        ? Stream.of("\"" + name + "\"") : Stream.of(name))
                .toList();
    }
}
