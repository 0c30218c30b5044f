package org.rmichat.server.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

class RepeatedWarningsTest {
    private final AtomicLong now = new AtomicLong();
    private final List<String> warnings = new ArrayList<>();
    private final RepeatedWarnings repeated = new RepeatedWarnings(recordingLogger(), "join refused",
            Duration.ofSeconds(10), now::get);

    @Test
    void theFirstIsLoggedAtOnceAndTheRestOfTheIntervalAsOneCount() {
        for (int i = 0; i < 500; i++) repeated.record("10.0.0.1", "");
        assertEquals(List.of("join refused from 10.0.0.1"), warnings);

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        repeated.record("10.0.0.1", ", again");

        assertEquals(List.of("join refused from 10.0.0.1",
                "join refused from 10.0.0.1, again (499 more in the 10 s before)"), warnings);
    }

    @Test
    void eachAddressHasItsOwnInterval() {
        repeated.record("10.0.0.1", "");
        repeated.record("10.0.0.2", "");
        repeated.record("10.0.0.1", "");

        assertEquals(List.of("join refused from 10.0.0.1", "join refused from 10.0.0.2"), warnings);
    }

    /** Only {@code warn(String, Object...)} is used; everything else a Logger can do is a no-op here. */
    private Logger recordingLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("warn") && args != null && args[0] instanceof String format) {
                        Object[] rest = Arrays.copyOfRange(args, 1, args.length);
                        if (rest.length == 1 && rest[0] instanceof Object[] varargs) rest = varargs;
                        warnings.add(MessageFormatter.arrayFormat(format, rest).getMessage());
                    }
                    return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                });
    }
}
