package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rmichat.api.MessagePosted;
import org.rmichat.it.security.SecurityFixtures.Inbox;
import org.rmichat.it.security.SecurityFixtures.JarProcess;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.Delivery;
import org.rmichat.server.core.EventBus;
import org.rmichat.server.core.InMemoryEventBus;
import org.rmichat.server.core.Replay;
import org.rmichat.server.core.RoomConfig;

/**
 * A broadcaster killed by an Error (an OutOfMemoryError, here injected by the bus at one poisoned line) stops
 * the server, which says why: no zombie that accepts lines and delivers none. The server jar then exits 1: there
 * an agent kills the broadcaster with {@link Thread#stop()}, whose ThreadDeath is an Error like any other.
 */
@Timeout(30)
class BroadcasterDeathIT {

    @Test
    void anErrorInTheBroadcasterStopsTheServerInsteadOfLeavingAZombie() throws Exception {
        try (PoisonedBus bus = new PoisonedBus()) {
            ChatServer server = new ChatServer(ServerConfig.loopback(RoomConfig.defaults()), bus).start();
            try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice")) {
                alice.type("before");
                assertEquals("alice: before", bob.awaitShown(line -> line.startsWith("alice: ")));

                alice.type("poison");

                assertTrue(server.awaitTermination(10, TimeUnit.SECONDS), "the server lives on without a broadcaster");
                assertTrue(server.failure().orElseThrow() instanceof OutOfMemoryError);
                // bob's client learns the server went away, rather than waiting for lines that never come
                bob.awaitShown(line -> line.contains("connection lost") || line.contains("shutting down"));
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void theServerJarExitsOneWhenItsBroadcasterDies(@TempDir Path dir) throws Exception {
        Path trigger = dir.resolve("kill-now");
        String agent = "-javaagent:" + agentJar(dir) + "=" + trigger;
        try (JarProcess jar = new JarProcess(List.of(agent), "rmichat.serverJar", Map.of(),
                "--bind", "127.0.0.1", "--port", "0")) {
            int port = jar.awaitListeningPort();
            try (Inbox bob = new Inbox(port, "bob"); Inbox alice = new Inbox(port, "alice")) {
                alice.type("before");
                assertEquals("alice: before", bob.awaitShown(line -> line.startsWith("alice: ")));

                Files.createFile(trigger);

                assertEquals(1, jar.awaitExit(), "a server without its broadcaster must exit non-zero");
                assertTrue(jar.allStderr().stream().anyMatch(line -> line.contains("FATAL")
                        && line.contains("rmichat-broadcaster")), () -> "no FATAL line: " + jar.allStderr());
                bob.awaitShown(line -> line.contains("connection lost") || line.contains("shutting down"));
            }
        }
    }

    /** A jar holding only the agent class, with the manifest that names it. */
    private static Path agentJar(Path dir) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", BroadcasterKillerAgent.class.getName());
        Path jar = dir.resolve("agent.jar");
        String entry = BroadcasterKillerAgent.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream in = BroadcasterKillerAgent.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /** An in-memory bus whose take throws an OutOfMemoryError when the line "poison" comes up. */
    private static final class PoisonedBus implements EventBus {
        private final InMemoryEventBus bus = new InMemoryEventBus();

        @Override
        public void publish(org.rmichat.server.core.Envelope envelope) throws org.rmichat.api.ChatException {
            bus.publish(envelope);
        }

        @Override
        public void publishSend(long clientSeq, org.rmichat.server.core.Envelope envelope)
                throws org.rmichat.api.ChatException {
            bus.publishSend(clientSeq, envelope);
        }

        @Override
        public Delivery take() throws InterruptedException {
            Delivery delivery = bus.take();
            if (delivery.envelope().event() instanceof MessagePosted m && m.text().equals("poison")) {
                throw new OutOfMemoryError("injected: Java heap space");
            }
            return delivery;
        }

        @Override
        public Replay replay(String after, String upTo) {
            return bus.replay(after, upTo);
        }

        @Override
        public boolean belongs(String position) {
            return bus.belongs(position);
        }

        @Override
        public boolean isAfter(String position, String other) {
            return bus.isAfter(position, other);
        }

        @Override
        public void close() {
            bus.close();
        }
    }
}
