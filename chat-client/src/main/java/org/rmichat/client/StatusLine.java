package org.rmichat.client;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The line at the bottom of a terminal: whether the client is connected (or for how long it has been
 * reconnecting), to which server, as whom, the current room and the unread lines of the others, the round trip
 * of the last line sent, and how many typed lines wait for the rate limit. Pure: it reads its sources each time.
 */
final class StatusLine {
    private static final String SEPARATOR = " · ";

    /** Where each part comes from. */
    record Sources(Supplier<Optional<Duration>> awayFor, Supplier<String> server, Supplier<String> name,
                   Supplier<String> room, Supplier<Map<String, Integer>> unread, LongSupplier lagMillis,
                   IntSupplier waiting) {
    }

    private final Sources sources;
    private final boolean colour;

    StatusLine(Sources sources, boolean colour) {
        this.sources = sources;
        this.colour = colour;
    }

    AttributedString render() {
        AttributedStringBuilder line = new AttributedStringBuilder();
        Optional<Duration> away = sources.awayFor().get();
        if (away.isPresent()) {
            line.append("reconnecting for " + away.get().toSeconds() + " s", style(AttributedStyle.RED));
        } else {
            line.append("connected", style(AttributedStyle.GREEN));
        }
        line.append(SEPARATOR).append(sources.server().get());
        line.append(SEPARATOR).append(sources.name().get());
        line.append(SEPARATOR).append(sources.room().get(), colour ? AttributedStyle.BOLD : AttributedStyle.DEFAULT);
        for (Map.Entry<String, Integer> unread : sources.unread().get().entrySet()) {
            line.append(" ").append(unread.getKey() + " " + unread.getValue(), style(AttributedStyle.YELLOW));
        }
        long lag = sources.lagMillis().getAsLong();
        if (lag >= 0) line.append(SEPARATOR).append("lag " + lag + " ms");
        int waiting = sources.waiting().getAsInt();
        if (waiting > 0) line.append(SEPARATOR).append(waiting + " waiting", style(AttributedStyle.YELLOW));
        return line.toAttributedString();
    }

    private AttributedStyle style(int colourCode) {
        return colour ? AttributedStyle.DEFAULT.foreground(colourCode) : AttributedStyle.DEFAULT;
    }
}
