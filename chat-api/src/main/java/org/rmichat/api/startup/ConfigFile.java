package org.rmichat.api.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A configuration file: one {@code key = value} a line, in the properties format's simple form.
 *
 * <p>Properties rather than TOML or YAML: the options are flat (no nesting, no lists beyond a comma-separated
 * value), the format is what {@code java.util.Properties}, ngircd and most daemons' {@code key = value} files
 * look like, and reading it needs no parser library. It is parsed here rather than by {@code Properties}
 * because {@code Properties} forgets line numbers and silently keeps the last of two equal keys; an operator's
 * mistake must be reported as {@code FILE:LINE}.
 *
 * <p>Accepted: blank lines; comments starting with {@code #} or {@code !}; {@code key = value} or
 * {@code key: value}, spaces around both trimmed. Refused, with the file and line: a line without a separator, an
 * empty key, a key given twice, a line ending in a backslash (properties' continuation, which this subset does
 * not read and must not silently misread).
 */
public final class ConfigFile {
    /** One value and the line it came from. */
    public record Entry(String key, String value, int line) {}

    private final Path path;
    private final Map<String, Entry> entries;

    private ConfigFile(Path path, Map<String, Entry> entries) {
        this.path = path;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Reads and checks {@code path}; a problem is one line naming the file (and the line, if it is in one). */
    public static ConfigFile read(Path path) throws Invalid {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Invalid("cannot read config file " + path + ": " + StartupFailure.reason(e));
        }
        return parse(path, lines);
    }

    static ConfigFile parse(Path path, List<String> lines) throws Invalid {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i).strip();
            if (number == 1 && line.startsWith("\uFEFF")) line = line.substring(1).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) continue;
            if (line.endsWith("\\")) throw new Invalid(path, number, "continuation lines are not supported");
            int separator = firstSeparator(line);
            if (separator < 0) throw new Invalid(path, number, "expected key = value, got '" + line + "'");
            String key = line.substring(0, separator).strip();
            String value = line.substring(separator + 1).strip();
            if (key.isEmpty()) throw new Invalid(path, number, "no key before '" + line.charAt(separator) + "'");
            Entry earlier = entries.putIfAbsent(key, new Entry(key, value, number));
            if (earlier != null) {
                throw new Invalid(path, number, key + " is already set on line " + earlier.line());
            }
        }
        return new ConfigFile(path, entries);
    }

    private static int firstSeparator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) return colon;
        if (colon < 0) return equals;
        return Math.min(equals, colon);
    }

    public Path path() {
        return path;
    }

    public Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Every entry in the file's order. */
    public Iterable<Entry> entries() {
        return entries.values();
    }

    /** {@code FILE:LINE}, the prefix of every message about that line. */
    public String where(Entry entry) {
        return path + ":" + entry.line();
    }

    /** A file that cannot be used; the message is the one line to show. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String line) {
            super(line);
        }

        Invalid(Path path, int line, String problem) {
            super(path + ":" + line + ": " + problem);
        }
    }
}
