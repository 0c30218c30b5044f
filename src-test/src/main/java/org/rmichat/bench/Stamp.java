package org.rmichat.bench;

/**
 * What a bench message carries in its text: which sender, its number, and when it was <em>scheduled</em> to be
 * sent, in this process's {@link System#nanoTime}. Receivers are in the same process, so one clock times both
 * ends. Text: {@code bench:SENDER:NUMBER:NANOS } followed by padding up to the payload size.
 */
record Stamp(int sender, long number, long scheduledNanos) {
    /** The sender index of the marker that ends the join phase; it is no workload message. */
    static final int SETTLE_MARKER = -1;
    private static final String PREFIX = "bench:";

    String text(int payloadBytes) {
        String head = PREFIX + sender + ':' + number + ':' + scheduledNanos + ' ';
        if (head.length() >= payloadBytes) return head + 'x';   // the server strips trailing blanks
        return head + "x".repeat(payloadBytes - head.length());
    }

    /** The stamp in {@code text}, or null when the text is not a bench message (someone else's line). */
    static Stamp parse(String text) {
        if (!text.startsWith(PREFIX)) return null;
        try {
            int a = text.indexOf(':', PREFIX.length());
            int b = text.indexOf(':', a + 1);
            int c = text.indexOf(' ', b + 1);
            return new Stamp(Integer.parseInt(text, PREFIX.length(), a, 10), Long.parseLong(text, a + 1, b, 10),
                    Long.parseLong(text, b + 1, c < 0 ? text.length() : c, 10));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
