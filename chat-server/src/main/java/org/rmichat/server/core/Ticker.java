package org.rmichat.server.core;

/** A source of monotonic nanoseconds, injected so leases and rate limits can be tested on a fake clock. */
@FunctionalInterface
public interface Ticker {
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
