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

    public static HostPort parse(String value) {
        String text = value.trim();
        int colon = text.lastIndexOf(':');
        if (colon < 0) return new HostPort(text, DEFAULT_PORT);
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        try {
            return new HostPort(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number: " + text.substring(colon + 1));
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
