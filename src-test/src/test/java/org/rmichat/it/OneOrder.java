package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;

/** Checks on what several clients received: each line once, no self-echo, and one order shared by all. */
final class OneOrder {
    private OneOrder() {
    }

    /**
     * {@code received.get(i)} are the {@code name: text} lines client {@code names.get(i)} got. Two clients'
     * views must be equal once each drops the other's lines (neither sees its own).
     */
    static void assertEveryoneSawOneOrder(List<String> names, List<List<String>> received) {
        for (int i = 0; i < names.size(); i++) {
            List<String> mine = received.get(i);
            assertEquals(mine.size(), new HashSet<>(mine).size(), "duplicates at " + names.get(i));
            String self = names.get(i) + ":";
            assertEquals(0, mine.stream().filter(line -> line.startsWith(self)).count(), "self-echo at " + self);
        }
        String first = names.get(0) + ":";
        for (int i = 1; i < names.size(); i++) {
            String other = names.get(i) + ":";
            assertEquals(received.get(0).stream().filter(l -> !l.startsWith(other)).toList(),
                    received.get(i).stream().filter(l -> !l.startsWith(first)).toList(),
                    "order differs between " + names.get(0) + " and " + names.get(i));
        }
    }
}
