package org.rmichat.server.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The id the chat knows a client by: the id the client drew, bound to the secret it drew with it. Every server
 * of a cluster derives the same one (it is a hash), so a fail-over still finds its name, its sends' numbers and
 * its private lines; but whoever learned only the client id derives another, so it can neither take the name over
 * nor receive the lines addressed to that client ({@link Audience} names this id). The server and the shared
 * store thus keep a hash of the secret, never the secret.
 */
final class ClientIdentity {

    private ClientIdentity() {
    }

    /**
     * The identity for {@code clientId} proven by {@code secret}; a client of before secrets (none) is known by its
     * id alone, as it was, and that is never the identity of a client that sends a secret.
     */
    static long of(long clientId, String secret) {
        if (secret == null) return clientId;
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(clientId).array());
        sha256.update(secret.getBytes(StandardCharsets.UTF_8));
        long derived = ByteBuffer.wrap(sha256.digest()).getLong();
        return derived == Envelope.NO_ORIGIN ? 1 : derived;   // NO_ORIGIN means "from the server itself"
    }
}
