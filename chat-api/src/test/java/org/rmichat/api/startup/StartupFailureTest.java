package org.rmichat.api.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.rmi.ConnectException;
import java.security.UnrecoverableKeyException;
import org.junit.jupiter.api.Test;

class StartupFailureTest {
    @Test
    void aFileProblemIsNamedBriefly() {
        assertEquals("cannot read keystore k.p12: no such file",
                StartupFailure.because("cannot read keystore k.p12", new NoSuchFileException("k.p12")).getMessage());
        assertEquals("permission denied", StartupFailure.reason(new AccessDeniedException("k.p12")));
    }

    @Test
    void aKeystoreErrorSaysItsOwnMessageNotTheCipherDetailBeneath() {
        IOException wrongPassword = new IOException("keystore password was incorrect",
                new UnrecoverableKeyException("failed to decrypt safe contents entry: javax.crypto.BadPadding"));

        assertEquals("keystore password was incorrect", StartupFailure.reason(wrongPassword));
    }

    @Test
    void aNetworkErrorSaysItsRootCauseNotRmisWrapping() {
        ConnectException refused = new ConnectException("Connection refused to host: 127.0.0.1; nested exception",
                new java.net.ConnectException("Connection refused"));

        assertEquals("Connection refused", StartupFailure.reason(refused));
        assertEquals("IllegalStateException", StartupFailure.reason(new RuntimeException(new IllegalStateException())));
    }

    @Test
    void exitCodesAreOneForCouldNotStartAndTwoForBadUsage() {
        assertEquals(1, StartupFailure.because("x", new IOException("y")).exitCode());
        assertEquals(1, StartupFailure.couldNotStart("x", null).exitCode());
        assertEquals(2, StartupFailure.badUsage("x").exitCode());
    }
}
