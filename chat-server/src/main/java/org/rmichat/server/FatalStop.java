package org.rmichat.server;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.rmichat.server.core.FatalErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a {@link ChatServer} whose broadcaster, digest timer or reaper died (of an Error, or the broadcaster of
 * whatever its bus threw), and remembers why, so
 * the process can exit non-zero and a supervisor restart it. The stop runs on a thread of its own, made up front
 * because after an OutOfMemoryError there may be no memory for a new one, and because the dying thread is one
 * the stop waits for.
 */
final class FatalStop implements FatalErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(FatalStop.class);

    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread stopper;

    FatalStop(Runnable stop) {
        this.stopper = new Thread(stop, "rmichat-fatal-stop");
    }

    @Override
    public void died(String threadName, Throwable cause) {
        if (!failure.compareAndSet(null, cause)) return;   // the first death stops the server; later ones add nothing
        try {
            log.error("FATAL: thread {} died of {}; stopping the server (exit code 1) so that it can be restarted",
                    threadName, cause.toString(), cause);
        } finally {
            stopper.start();
        }
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }
}
