package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.lang.reflect.Method;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RemoteObject;
import java.rmi.server.RemoteRef;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.it.security.SecurityFixtures.Inbox;
import org.rmichat.server.ChatServer;
import org.rmichat.server.core.RoomConfig;

/**
 * The JDK lets any process on the server's host bind, rebind and unbind names in its registry; a local
 * program that rebinds "chat" to a forwarding proxy would capture every client that looks the service up
 * afterwards. This test runs on the server's host, so it is exactly such a program: every change it tries, in
 * the stub's operation-number form and in the method-hash form, is refused, and the chat goes on.
 */
@Timeout(30)
class RegistryIsReadOnlyIT {
    private ChatServer server;

    @BeforeEach
    void start() throws Exception {
        server = SecurityFixtures.startServer(RoomConfig.defaults());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void nobodyCanChangeTheRegistryWhilePeopleTalk() throws Exception {
        try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice")) {
            Registry registry = LocateRegistry.getRegistry("127.0.0.1", server.port());
            alice.type("before");

            assertRefused(assertThrows(RemoteException.class, () -> registry.rebind(ChatService.REGISTRY_NAME,
                    registry)));
            assertRefused(assertThrows(RemoteException.class, () -> registry.unbind(ChatService.REGISTRY_NAME)));
            assertRefused(assertThrows(RemoteException.class, () -> registry.bind("proxy", registry)));
            RemoteRef ref = ((RemoteObject) registry).getRef();
            Method unbind = Registry.class.getMethod("unbind", String.class);
            assertRefused(assertThrows(RemoteException.class, () -> ref.invoke(registry, unbind,
                    new Object[] {ChatService.REGISTRY_NAME}, methodHash("unbind(Ljava/lang/String;)V"))));
            Method rebind = Registry.class.getMethod("rebind", String.class, java.rmi.Remote.class);
            assertRefused(assertThrows(RemoteException.class, () -> ref.invoke(registry, rebind,
                    new Object[] {ChatService.REGISTRY_NAME, registry},
                    methodHash("rebind(Ljava/lang/String;Ljava/rmi/Remote;)V"))));

            assertEquals(List.of(ChatService.REGISTRY_NAME), List.of(registry.list()));
            assertTrue(registry.lookup(ChatService.REGISTRY_NAME) instanceof ChatService);
            alice.type("after");
            assertEquals("alice: before", bob.awaitShown(line -> line.startsWith("alice: ")));
            assertEquals("alice: after", bob.awaitShown(line -> line.startsWith("alice: ")));
            try (Inbox carol = new Inbox(server, "carol")) {   // looks the service up afresh
                carol.type("found it");
                assertEquals("carol: found it", bob.awaitShown(line -> line.startsWith("carol: ")));
            }
        }
    }

    private static void assertRefused(RemoteException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("the registry is read-only")) return;
        }
        throw new AssertionError("not refused as read-only: " + e, e);
    }

    /** RMI's method hash (Java RMI specification, 8.3): SHA-1 of name + descriptor, first 8 bytes little-endian. */
    private static long methodHash(String nameAndDescriptor) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(nameAndDescriptor);
        }
        byte[] sha = MessageDigest.getInstance("SHA-1").digest(bytes.toByteArray());
        long hash = 0;
        for (int i = 0; i < 8; i++) hash += ((long) (sha[i] & 0xFF)) << (i * 8);
        return hash;
    }
}
