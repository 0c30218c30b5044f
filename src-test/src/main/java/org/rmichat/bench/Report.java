package org.rmichat.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * A {@link BenchResult} as people and tools read it: an aligned table, one Markdown table row, and JSON that
 * holds the full latency histogram (HdrHistogram's compressed form, base64) so a plot can be drawn later.
 * Pure functions of the result.
 */
final class Report {
    static final String MARKDOWN_HEADER = "| workload | deliveries/s | p50 | p90 | p99 | p99.9 | max | lost | dup "
            + "| server µs/deliv | bench µs/deliv | polls/deliv | ping p50 / p99 | server RSS | heap/client |\n"
            + "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n";

    private Report() {
    }

    static String table(BenchResult r) {
        BenchConfig c = r.config();
        Histogram l = r.latency();
        List<String[]> rows = new ArrayList<>();
        rows.add(row("workload", r.label()));
        rows.add(row("clients / senders / rate", c.clients() + " / " + c.senders() + " / " + fmt(c.rate()) + " msg/s"));
        if (c.rooms() > 1) rows.add(row("rooms", c.rooms() + " rooms of " + c.clients() / c.rooms() * c.roomsPerClient()
                + " clients, each client in " + c.roomsPerClient() + "; each line reaches its own room"));
        if (c.servers() > 1) rows.add(row("servers", c.servers() + " on one Redis, client i on server i % "
                + c.servers() + "; CPU, RSS and heap summed over them"));
        rows.add(row("payload", c.payloadBytes() + " bytes"));
        rows.add(row("joined, join events drained, in", fmt(r.joinSeconds()) + " s"));
        rows.add(row("window", fmt(r.windowSeconds()) + " s after " + c.warmup().toSeconds() + " s warm-up"));
        rows.add(row("messages sent", r.sent() + (r.sendErrors() > 0 ? " (" + r.sendErrors() + " failed)" : "")));
        rows.add(row("deliveries received / expected", r.delivered() + " / " + r.expected()));
        rows.add(row("lost", Long.toString(r.lost())));
        rows.add(row("duplicated", Long.toString(r.duplicated())));
        if (r.evicted() > 0) rows.add(row("clients evicted", Long.toString(r.evicted())));
        if (r.pollErrors() > 0) rows.add(row("failed polls", Long.toString(r.pollErrors())));
        rows.add(row("deliveries/s", fmt(r.deliveriesPerSecond())));
        rows.add(row("latency p50 / p90", millis(l.getValueAtPercentile(50)) + " / " + millis(l.getValueAtPercentile(90))));
        rows.add(row("latency p99 / p99.9", millis(l.getValueAtPercentile(99)) + " / "
                + millis(l.getValueAtPercentile(99.9))));
        rows.add(row("latency max", millis(l.getMaxValue())));
        rows.add(row("server CPU", r.serverCpuNanos().isPresent()
                ? fmt(r.serverCpuNanos().getAsLong() / 1e9) + " s, " + micros(r.serverCpuMicrosPerDelivery())
                + " µs/delivery" : "n/a"));
        rows.add(row("bench CPU", fmt(r.benchCpuNanos() / 1e9) + " s, " + micros(r.benchCpuMicrosPerDelivery())
                + " µs/delivery"));
        rows.add(row("polls per delivery", fmt(r.pollsPerDelivery())));
        rows.add(row("batches per delivery", fmt(r.framesPerDelivery())
                + (r.config().singleReplies() ? " (single replies)" : " (streamed frames)")));
        if (!Double.isNaN(r.bytesPerDelivery())) rows.add(row("stream bytes per delivery", fmt(r.bytesPerDelivery())));
        rows.add(row("server peak RSS", kib(r.serverPeakRssKib())));
        rows.add(row("server heap after GC", kib(r.heapBeforeKib()) + " before joins, " + kib(r.heapAfterKib())
                + " at end, " + bytes(r.heapPerClientBytes()) + " per client"));
        rows.add(row("ping() p50 / p99", millis(r.ping().getValueAtPercentile(50)) + " / "
                + millis(r.ping().getValueAtPercentile(99)) + " (" + r.ping().getTotalCount() + " calls)"));
        rows.add(row("send() returns p50 / p99", millis(r.sendCall().getValueAtPercentile(50)) + " / "
                + millis(r.sendCall().getValueAtPercentile(99)) + " (" + r.sendCall().getTotalCount() + " calls)"));
        int width = rows.stream().mapToInt(x -> x[0].length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String[] x : rows) out.append(String.format(Locale.ROOT, "%-" + width + "s  %s%n", x[0], x[1]));
        return out.toString();
    }

    static String markdownRow(BenchResult r) {
        Histogram l = r.latency();
        return "| " + String.join(" | ", r.label(), fmt(r.deliveriesPerSecond()),
                millis(l.getValueAtPercentile(50)), millis(l.getValueAtPercentile(90)),
                millis(l.getValueAtPercentile(99)), millis(l.getValueAtPercentile(99.9)), millis(l.getMaxValue()),
                Long.toString(r.lost()), Long.toString(r.duplicated()), micros(r.serverCpuMicrosPerDelivery()),
                micros(r.benchCpuMicrosPerDelivery()), fmt(r.pollsPerDelivery()),
                millis(r.ping().getValueAtPercentile(50)) + " / " + millis(r.ping().getValueAtPercentile(99)),
                kib(r.serverPeakRssKib()), bytes(r.heapPerClientBytes())) + " |\n";
    }

    static String json(BenchResult r) {
        BenchConfig c = r.config();
        Histogram l = r.latency();
        StringBuilder j = new StringBuilder("{\n");
        field(j, "label", quote(r.label()));
        field(j, "clients", c.clients());
        field(j, "senders", c.senders());
        field(j, "servers", c.servers());
        field(j, "rooms", c.rooms());
        field(j, "roomsPerClient", c.roomsPerClient());
        field(j, "rate", c.rate());
        field(j, "payloadBytes", c.payloadBytes());
        field(j, "warmupSeconds", c.warmup().toMillis() / 1e3);
        field(j, "windowSeconds", r.windowSeconds());
        field(j, "joinSeconds", r.joinSeconds());
        field(j, "sent", r.sent());
        field(j, "sendErrors", r.sendErrors());
        field(j, "deliveriesExpected", r.expected());
        field(j, "deliveriesReceived", r.delivered());
        field(j, "lost", r.lost());
        field(j, "duplicated", r.duplicated());
        field(j, "evicted", r.evicted());
        field(j, "pollErrors", r.pollErrors());
        field(j, "deliveriesPerSecond", r.deliveriesPerSecond());
        field(j, "latencyMillis", "{\"p50\": " + ms(l.getValueAtPercentile(50)) + ", \"p90\": "
                + ms(l.getValueAtPercentile(90)) + ", \"p99\": " + ms(l.getValueAtPercentile(99)) + ", \"p99.9\": "
                + ms(l.getValueAtPercentile(99.9)) + ", \"max\": " + ms(l.getMaxValue()) + "}");
        field(j, "pingMillis", "{\"p50\": " + ms(r.ping().getValueAtPercentile(50)) + ", \"p99\": "
                + ms(r.ping().getValueAtPercentile(99)) + ", \"count\": " + r.ping().getTotalCount() + "}");
        field(j, "sendMillis", "{\"p50\": " + ms(r.sendCall().getValueAtPercentile(50)) + ", \"p99\": "
                + ms(r.sendCall().getValueAtPercentile(99)) + ", \"count\": " + r.sendCall().getTotalCount() + "}");
        field(j, "serverCpuSeconds", orNull(r.serverCpuNanos(), 1e-9));
        field(j, "serverCpuMicrosPerDelivery", orNull(r.serverCpuMicrosPerDelivery()));
        field(j, "benchCpuSeconds", r.benchCpuNanos() / 1e9);
        field(j, "benchCpuMicrosPerDelivery", orNull(r.benchCpuMicrosPerDelivery()));
        field(j, "pollsPerDelivery", Double.isNaN(r.pollsPerDelivery()) ? "null" : r.pollsPerDelivery());
        field(j, "framesPerDelivery", Double.isNaN(r.framesPerDelivery()) ? "null" : r.framesPerDelivery());
        field(j, "bytesPerDelivery", Double.isNaN(r.bytesPerDelivery()) ? "null" : r.bytesPerDelivery());
        field(j, "singleReplies", r.config().singleReplies());
        field(j, "serverPeakRssKib", orNull(r.serverPeakRssKib(), 1));
        field(j, "serverHeapBeforeKib", orNull(r.heapBeforeKib(), 1));
        field(j, "serverHeapAfterKib", orNull(r.heapAfterKib(), 1));
        field(j, "serverHeapPerClientBytes", orNull(r.heapPerClientBytes()));
        j.append("  \"latencyHistogram\": ").append(quote(encode(l))).append("\n}\n");
        return j.toString();
    }

    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.2f ms" : "%.1f ms", nanos / 1e6);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static String[] row(String name, String value) {
        return new String[] {name, value};
    }

    private static void field(StringBuilder j, String name, Object value) {
        j.append("  ").append(quote(name)).append(": ").append(value).append(",\n");
    }

    private static String orNull(OptionalLong value, double scale) {
        return value.isPresent() ? fmtJson(value.getAsLong() * scale) : "null";
    }

    private static String orNull(OptionalDouble value) {
        return value.isPresent() ? fmtJson(value.getAsDouble()) : "null";
    }

    private static String fmtJson(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String fmt(double value) {
        if (Double.isNaN(value)) return "n/a";
        return value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String micros(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : "n/a";
    }

    private static String kib(OptionalLong value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f MiB", value.getAsLong() / 1024.0) : "n/a";
    }

    private static String bytes(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f KiB", value.getAsDouble() / 1024) : "n/a";
    }
}
