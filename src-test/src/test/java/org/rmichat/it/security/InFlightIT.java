package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.RemoteException;
import java.rmi.server.RMIClientSocketFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.PollRequest;
import org.rmichat.api.RateLimitedException;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.it.security.SecurityFixtures.Inbox;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;
import org.rmichat.server.rmi.ConnectionLimits;

/**
 * What one session can have in flight: one captured poll replayed many times at once holds at most two server
 * threads (the one answered and the one replacing it; the rest are refused at once), so it cannot keep the session
 * alive after the attacker left; and a reply the client never reads closes its connection within the write bound
 * instead of holding a thread and the reply. Two people chat on meanwhile.
 */
@Timeout(60)
class InFlightIT {
    private static final int REPLAYS = 40;

    @Test
    void aPollReplayedFortyTimesAtOnceIsMostlyRefusedAndTheSessionStillTimesOut() throws Exception {
        // a 3 s lease, polls waiting at most 1 s
        ChatServer server = SecurityFixtures.startServer(RoomConfig.defaults().withSessionTimeout(Duration.ofSeconds(3)));
        ExecutorService attackers = Executors.newFixedThreadPool(REPLAYS, named("poll-replay"));
        try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice")) {
            ChatService service = SecurityFixtures.lookup(server);
            Session eve = service.join(new JoinRequest("eve", null));
            bob.awaitShown(line -> line.contains("eve joined"));

            CountDownLatch go = new CountDownLatch(1);
            List<Future<Exception>> replays = new ArrayList<>();
            for (int i = 0; i < REPLAYS; i++) {
                replays.add(attackers.submit(() -> {
                    go.await();
                    try {
                        service.poll(new PollRequest(eve.token(), 0, 1_000, 10_000));
                        return null;
                    } catch (RemoteException | org.rmichat.api.ChatException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            // privately, so eve's queue stays empty and every replayed poll waits
            alice.type("/msg bob during");
            assertTrue(bob.awaitShown(line -> line.contains("during")).contains("alice"));

            int refused = 0;
            for (Future<Exception> replay : replays) {
                // queued one behind another, forty polls would take forty poll waits
                Exception outcome = replay.get(SecurityFixtures.WAIT.toSeconds(), TimeUnit.SECONDS);
                if (outcome instanceof RateLimitedException) refused++;
            }
            assertTrue(refused > 0, "no replayed poll was refused");

            // the attacker left: its session lapses after the timeout, its polls held it no longer
            bob.awaitShown(line -> line.contains("eve left (timed out)"));
            alice.type("after");
            assertEquals("alice: after", bob.awaitShown(line -> line.startsWith("alice: ")));
        } finally {
            attackers.shutdownNow();
            assertTrue(attackers.awaitTermination(10, TimeUnit.SECONDS), "attackers did not stop");
            server.stop();
        }
    }

    @Test
    void aReplyTheClientNeverReadsClosesItsConnectionWithinTheWriteBound() throws Exception {
        RoomConfig room = RoomConfig.defaults().withRateLimit(0, 1).withMaxMessageLength(4_000);
        ChatServer server = new ChatServer(ServerConfig.loopback(room)
                .withConnectionLimits(ConnectionLimits.defaults().withWriteTimeout(Duration.ofSeconds(1)))).start();
        ExecutorService attacker = Executors.newSingleThreadExecutor(named("never-reads"));
        CountDownLatch release = new CountDownLatch(1);
        try {
            ChatService service = SecurityFixtures.lookup(server);
            Session eve = service.join(new JoinRequest("eve", null));
            Session filler = service.join(new JoinRequest("filler", null));
            // a poll reply of about 12 MB: far more than the loopback socket buffers hold
            String line = "\u6f22".repeat(4_000);
            for (int seq = 1; seq <= 1_000; seq++) service.send(new SendRequest(filler.token(), seq, line));

            ChatService neverReads = HostileStubs.via(service, neverReading(release));
            Future<Object> poll = attacker.submit(() -> neverReads.poll(new PollRequest(eve.token(), 0, 1_000, 0)));
            awaitAStuckServerWrite();
            try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice")) {
                alice.type("during");
                assertEquals("alice: during", bob.awaitShown(l -> l.startsWith("alice: ")));
                awaitTrue(() -> !aServerWriteIsBlocked(), "the server thread is still stuck writing the reply");

                release.countDown();
                ExecutionException cut = assertThrows(ExecutionException.class,
                        () -> poll.get(SecurityFixtures.WAIT.toSeconds(), TimeUnit.SECONDS));
                assertTrue(cut.getCause() instanceof RemoteException, "not cut off: " + cut.getCause());
                alice.type("after");
                assertEquals("alice: after", bob.awaitShown(l -> l.startsWith("alice: ")));
            }
        } finally {
            release.countDown();
            attacker.shutdownNow();
            assertTrue(attacker.awaitTermination(10, TimeUnit.SECONDS), "attacker did not stop");
            server.stop();
        }
    }

    /** Whether a server thread (this JVM's) is inside a write to a client connection. */
    private static boolean aServerWriteIsBlocked() {
        return !serverThreadsWriting().isEmpty();
    }

    private static Set<Thread> serverThreadsWriting() {
        Set<Thread> writing = new HashSet<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (Arrays.stream(stack).anyMatch(frame -> frame.getClassName()
                    .startsWith("org.rmichat.server.rmi.GuardedSocket") && frame.getMethodName().equals("write"))) {
                writing.add(thread);
            }
        });
        return writing;
    }

    /**
     * Waits until one server thread has been seen writing at every look for 300 ms: stuck behind the client that
     * does not read, not some other connection's write caught in passing (which let CI release the client before
     * the stuck write had even begun, so the reply arrived whole). 300 ms is well inside the 1 s write bound.
     */
    private static void awaitAStuckServerWrite() {
        Map<Thread, Long> writingSince = new HashMap<>();
        awaitTrue(() -> {
            long now = System.nanoTime();
            Set<Thread> writing = serverThreadsWriting();
            writingSince.keySet().retainAll(writing);
            writing.forEach(thread -> writingSince.putIfAbsent(thread, now));
            return writingSince.values().stream().anyMatch(since -> now - since >= TimeUnit.MILLISECONDS.toNanos(300));
        }, "the reply never filled the socket buffers");
    }

    /** Waits for a condition this test cannot be told of, up to the fixtures' deadline. */
    private static void awaitTrue(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + SecurityFixtures.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(failure + " within " + SecurityFixtures.WAIT);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /**
     * Client sockets with a small receive buffer that read the connection's handshake answer (the protocol ack:
     * one byte, the client's address as a UTF string, a port) and then nothing until {@code release}.
     */
    private static RMIClientSocketFactory neverReading(CountDownLatch release) {
        return (host, port) -> {
            Socket socket = new Socket() {
                @Override
                public InputStream getInputStream() throws IOException {
                    return new HandshakeOnly(super.getInputStream(), 1 + 2 + "127.0.0.1".length() + 4, release);
                }
            };
            socket.setReceiveBufferSize(4_096);
            socket.connect(new InetSocketAddress(host, port));
            return socket;
        };
    }

    private static final class HandshakeOnly extends FilterInputStream {
        private final CountDownLatch release;
        private int allowed;

        HandshakeOnly(InputStream in, int allowed, CountDownLatch release) {
            super(in);
            this.allowed = allowed;
            this.release = release;
        }

        @Override
        public int read() throws IOException {
            hold();
            int b = super.read();
            if (b >= 0) allowed--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            hold();
            int n = super.read(b, off, allowed > 0 ? Math.min(len, allowed) : len);
            if (n > 0) allowed -= n;
            return n;
        }

        private void hold() throws IOException {
            if (allowed > 0) return;
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stopped");
            }
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + "-" + n.incrementAndGet());
    }
}
