package org.rmichat.server.rmi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The server's side of TLS: its key and certificate, from a keystore file. */
public final class ServerTls {
    private ServerTls() {
    }

    /**
     * A TLS context presenting the key in {@code keystore} (PKCS12 or JKS, told apart by content). The key's
     * password is the store's, as keytool makes it for PKCS12. The caller's password array is wiped.
     */
    public static SSLContext fromKeystore(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        try {
            // KeyStore.getInstance(File, ...) reports a missing file as an IllegalArgumentException
            if (!Files.isRegularFile(keystore)) throw new NoSuchFileException(keystore.toString());
            KeyStore store = KeyStore.getInstance(keystore.toFile(), password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
