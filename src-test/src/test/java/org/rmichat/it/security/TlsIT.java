package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.Session;
import org.rmichat.it.security.SecurityFixtures.ForeignRegistry;
import org.rmichat.it.security.SecurityFixtures.JarProcess;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;
import org.rmichat.server.rmi.ServerTls;

/**
 * {@code --tls}: registry and service on one TLS port, a client that trusts the server's certificate gets
 * through, and a plain client or one without that trust gets a one-line error, not a hang.
 *
 * <p>The server runs in this JVM with an explicit {@code SSLContext}; the TLS client runs as the real jar,
 * because a TLS client configures its JVM's default context, which must not leak into other tests.
 */
@Timeout(60)
class TlsIT {
    private static final String STORE_PASSWORD = "store-secret";
    private static final String TRUST_PASSWORD = "trust-secret";

    @TempDir static Path dir;
    private static Path truststore;
    private static ChatServer server;
    private static SSLContext serverTls;

    @BeforeAll
    static void startTlsServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.crt");
        truststore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "rmichat", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "rmichat", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "rmichat", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass", TRUST_PASSWORD);

        serverTls = ServerTls.fromKeystore(keystore, STORE_PASSWORD.toCharArray());
        server = new ChatServer(ServerConfig.loopback(RoomConfig.defaults()).withTls(serverTls)).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.stop();
    }

    @Test
    void aClientTrustingTheCertificateChatsOverTls() throws Exception {
        Session bob = server.room().join(new JoinRequest("bob", null));   // in-process: reads what arrived

        try (JarProcess alice = tlsClient("--truststore", truststore.toString())) {
            alice.awaitStdout(line -> line.contains("Joined chat as alice"));
            alice.type("hello over tls");

            assertEquals("hello over tls", nextMessage(bob).text());
            alice.endInput();
            assertEquals(0, alice.awaitExit());
        } finally {
            server.room().leave(bob.token());
        }
    }

    @Test
    void aTlsClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        // no --truststore: the JDK's public CAs, which never signed this self-made certificate
        try (JarProcess mallory = tlsClient()) {
            assertEquals(1, mallory.awaitExit());
            String error = mallory.awaitStderr(line -> line.startsWith("cannot reach chat server"));
            assertTrue(error.contains("--truststore"), error);
        }
    }

    @Test
    void aPlainClientGetsAClearErrorNotAHang() throws Exception {
        try (JarProcess plain = new JarProcess("rmichat.clientJar", Map.of(),
                "--server", "127.0.0.1:" + server.port(), "--name", "plain")) {
            assertEquals(1, plain.awaitExit());   // bounded: awaitExit fails after its wait
            String error = plain.awaitStderr(line -> line.startsWith("cannot reach chat server"));
            assertTrue(error.endsWith("(if the server runs with --tls, add --tls)"), error);
            assertEquals(List.of(error), plain.allStderr().stream().filter(l -> !l.startsWith("[")).toList(),
                    "one line, no stack trace");
        }
    }

    @Test
    void aPlainLookupFailsFast() {
        RemoteException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                RemoteException.class,
                () -> LocateRegistry.getRegistry("127.0.0.1", server.port()).lookup(ChatService.REGISTRY_NAME)));
        assertTrue(e.getMessage().contains("JRMP") || e.getMessage().contains("error during"), e.getMessage());
    }

    @Test
    void aTlsClientRefusesAServiceWithoutTls() throws Exception {
        // a registry that speaks TLS, as the real one does, but hands out a plain service: the client's calls
        // to it would travel in clear
        ChatServer plain = SecurityFixtures.startServer(RoomConfig.defaults());
        try (ForeignRegistry foreign = new ForeignRegistry(new SslRMIClientSocketFactory(),
                serverTls.getServerSocketFactory())) {
            foreign.registry.bind(ChatService.REGISTRY_NAME, SecurityFixtures.lookup(plain));

            try (JarProcess alice = tlsClient(foreign.port, "--truststore", truststore.toString())) {
                assertEquals(1, alice.awaitExit());
                String at = "127.0.0.1:" + foreign.port;
                assertEquals(List.of("cannot reach chat server at " + at + ": the server at " + at
                                + " handed out a chat service without TLS; not connecting"),
                        alice.allStderr().stream().filter(l -> !l.startsWith("[")).toList());
            }
        } finally {
            plain.stop();
        }
    }

    private static JarProcess tlsClient(String... extra) throws Exception {
        return tlsClient(server.port(), extra);
    }

    private static JarProcess tlsClient(int port, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server", "127.0.0.1:" + port, "--name", "alice",
                "--tls"));
        args.addAll(List.of(extra));
        return new JarProcess("rmichat.clientJar", Map.of("RMICHAT_TRUSTSTORE_PASSWORD", TRUST_PASSWORD),
                args.toArray(String[]::new));
    }

    private static MessagePosted nextMessage(Session session) throws Exception {
        for (long ack = 0; ; ) {   // the class timeout bounds this
            PollResult batch = server.room().poll(new PollRequest(session.token(), ack, 100, 1_000));
            for (ChatEvent event : batch.events()) {
                if (event instanceof MessagePosted message) return message;
            }
            if (!batch.isEmpty()) ack = batch.lastSeq();
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile()).start();
        try {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "keytool did not finish");
            assertEquals(0, process.exitValue(), () -> "keytool failed: " + readLog());
        } finally {
            process.destroyForcibly();
        }
    }

    private static String readLog() {
        try {
            return Files.readString(dir.resolve("keytool.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
