package org.rmichat.server.core;

/**
 * What to do when a thread the chat cannot do without (the broadcaster, the presence digest timer, the reaper)
 * dies of an {@link Error}, such as an {@link OutOfMemoryError}, or the broadcaster of anything its bus throws. Nothing restarts such a thread, and a server
 * without its broadcaster accepts lines and delivers none: the handler must stop the server, loudly, so that a
 * supervisor starts a fresh one. {@code ChatServer} supplies it; the server jar then exits non-zero.
 */
@FunctionalInterface
public interface FatalErrorHandler {

    /** Called once per death, on the dying thread; must return quickly and must not throw. */
    void died(String threadName, Throwable cause);
}
