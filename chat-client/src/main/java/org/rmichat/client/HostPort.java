package org.rmichat.client;

import java.util.Objects;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A server address as {@code host:port}; the port defaults to 1099 when left out. */
public record HostPort(String host, int port) {
    public static final int DEFAULT_PORT = 1099;

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("host is blank");
        if (port < 1 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /**
     * {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}. A bare IPv6 address is refused
     * rather than guessed at: in {@code ::1:1099} nothing tells where the address ends.
     */
    public static HostPort parse(String value) {
        String text = value.trim();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("no ] after the IPv6 address");
            String host = text.substring(1, close);
            String after = text.substring(close + 1);
            if (after.isEmpty()) return new HostPort(host, DEFAULT_PORT);
            if (!after.startsWith(":")) throw new IllegalArgumentException("expected :port after ]");
            return new HostPort(host, port(after.substring(1)));
        }
        int colon = text.indexOf(':');
        if (colon < 0) return new HostPort(text, DEFAULT_PORT);
        if (text.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("an IPv6 address goes in brackets, as [::1]:" + DEFAULT_PORT);
        }
        return new HostPort(text.substring(0, colon), port(text.substring(colon + 1)));
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number: " + text);
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** picocli's way in: a bad address is a usage error (exit 2), reported in one line. */
    public static final class Parser implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not host:port (" + e.getMessage() + ")");
            }
        }
    }
}
