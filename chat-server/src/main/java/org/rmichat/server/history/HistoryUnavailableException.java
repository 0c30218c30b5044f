package org.rmichat.server.history;

/** The history cannot be opened: its message is one line naming the file or directory and what is wrong. */
public final class HistoryUnavailableException extends Exception {
    HistoryUnavailableException(String message) {
        super(message);
    }

    HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
