package org.rmichat.server.core;

import java.util.Locale;
import org.rmichat.api.ChatException;

/** The label a refusal is counted under: {@code RateLimitedException} → {@code rate_limited}. */
final class ChatMetricsReason {
    private ChatMetricsReason() {
    }

    static String of(ChatException e) {
        String name = e.getClass().getSimpleName().replaceFirst("Exception$", "");
        if (name.equals("Chat")) return "other";
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
