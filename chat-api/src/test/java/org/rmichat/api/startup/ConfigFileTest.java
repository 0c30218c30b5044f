package org.rmichat.api.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFileTest {
    private static final Path FILE = Path.of("/etc/rmichat/server.conf");

    @Test
    void readsKeyEqualsValueAndKeyColonValueWithTheirLines() throws Exception {
        ConfigFile file = ConfigFile.parse(FILE, List.of("# comment", "! comment too", "",
                "  port = 1099 ", "redis: redis://h:6379", "bind=::1"));

        assertEquals(new ConfigFile.Entry("port", "1099", 4), file.get("port").orElseThrow());
        assertEquals("redis://h:6379", file.get("redis").orElseThrow().value());
        assertEquals("::1", file.get("bind").orElseThrow().value());
        assertEquals("/etc/rmichat/server.conf:4", file.where(file.get("port").orElseThrow()));
    }

    @Test
    void refusesWhatItWouldMisread() {
        assertEquals(FILE + ":2: expected key = value, got 'port 1099'", assertThrows(ConfigFile.Invalid.class,
                () -> ConfigFile.parse(FILE, List.of("", "port 1099"))).getMessage());
        assertEquals(FILE + ":1: continuation lines are not supported", assertThrows(ConfigFile.Invalid.class,
                () -> ConfigFile.parse(FILE, List.of("redis = a\\", "  b"))).getMessage());
        assertEquals(FILE + ":1: no key before '='", assertThrows(ConfigFile.Invalid.class,
                () -> ConfigFile.parse(FILE, List.of("= 3"))).getMessage());
    }

    @Test
    void redactsPasswordsInUris() {
        assertEquals("redis://:***@h:6379", ConfigDefaults.redact("redis://:pw@h:6379"));
        assertEquals("redis-sentinel://u:***@a:26379,b:26379#m",
                ConfigDefaults.redact("redis-sentinel://u:pw@a:26379,b:26379#m"));
        assertEquals("redis://h:6379", ConfigDefaults.redact("redis://h:6379"));
    }
}
