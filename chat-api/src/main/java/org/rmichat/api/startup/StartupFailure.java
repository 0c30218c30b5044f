package org.rmichat.api.startup;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.rmi.RemoteException;
import java.security.GeneralSecurityException;

/**
 * A start-up step that failed, already said in the one line the user sees, with the exit code to end with:
 * {@link #COULD_NOT_START} (1) for a file, port or server the program could not use, {@link #BAD_USAGE} (2) for
 * input it refuses, such as an empty secret. Each program's execution exception handler prints the line and
 * returns the code; nothing else prints start-up errors.
 */
public final class StartupFailure extends Exception {
    @Serial private static final long serialVersionUID = 1L;
    public static final int COULD_NOT_START = 1;
    public static final int BAD_USAGE = 2;

    private final int exitCode;

    private StartupFailure(String line, Throwable cause, int exitCode) {
        super(line, cause);
        this.exitCode = exitCode;
    }

    /** "{@code doing}: why", exit code 1; for example "cannot read keystore k.p12: no such file". */
    public static StartupFailure because(String doing, Throwable cause) {
        return new StartupFailure(doing + ": " + reason(cause), cause, COULD_NOT_START);
    }

    /** {@code line} as it is, exit code 1; the caller has already said why. */
    public static StartupFailure couldNotStart(String line, Throwable cause) {
        return new StartupFailure(line, cause, COULD_NOT_START);
    }

    /** Input the program refuses, exit code 2. */
    public static StartupFailure badUsage(String line) {
        return new StartupFailure(line, null, BAD_USAGE);
    }

    public int exitCode() {
        return exitCode;
    }

    /**
     * Why {@code e} happened, in a few words. A file problem names itself briefly; a security or file error's
     * own message is the readable one ("keystore password was incorrect"; its root cause is a cipher detail);
     * for everything else, network errors included, the root cause is ("Connection refused"), since RMI and
     * Lettuce wrap it in messages naming their own internals.
     */
    public static String reason(Throwable e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        boolean ownMessageReads = e instanceof GeneralSecurityException
                || e instanceof IOException && !(e instanceof RemoteException);
        if (ownMessageReads && e.getMessage() != null) return e.getMessage();
        return rootMessage(e);
    }

    /** The innermost cause's message, or its class name when it has none. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
