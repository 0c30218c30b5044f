package org.rmichat.client;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.rmichat.api.Member;
import org.rmichat.api.MemberDetails;

/** How /who and /whois show people: pure text, so the columns are tested without a terminal. */
final class MemberLines {
    private static final DateTimeFormatter JOINED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private MemberLines() {
    }

    /** The heading, then one member a line: names, idle times and away texts each in one column. */
    static List<String> members(String heading, List<Member> members) {
        List<String> lines = new ArrayList<>();
        lines.add(heading);
        List<String> names = members.stream().map(m -> m.name() + (m.you() ? " (you)" : "")).toList();
        List<String> idles = members.stream().map(m -> "idle " + idle(m.idleSeconds())).toList();
        int nameWidth = names.stream().mapToInt(String::length).max().orElse(0);
        int idleWidth = idles.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < members.size(); i++) {
            String away = members.get(i).away();
            String line = "  " + padded(names.get(i), nameWidth) + "  "
                    + (away == null ? idles.get(i) : padded(idles.get(i), idleWidth) + "  (away: " + away + ")");
            lines.add(line);
        }
        return lines;
    }

    /** What /whois prints: the name, then one fact a line; the server only in a cluster, where it names one. */
    static List<String> details(MemberDetails who, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        lines.add("👤 " + who.name());
        lines.add("  joined  " + JOINED.format(Instant.ofEpochMilli(who.joinedAtEpochMillis()).atZone(zone)));
        lines.add("  idle    " + idle(who.idleSeconds()));
        lines.add("  away    " + (who.away() == null ? "no" : who.away()));
        if (who.server() != null) lines.add("  server  " + who.server());
        lines.add("  rooms   " + String.join(", ", who.rooms()));
        return lines;
    }

    static String idle(long seconds) {
        if (seconds < 60) return seconds + " s";
        return seconds < 3600 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }

    private static String padded(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
