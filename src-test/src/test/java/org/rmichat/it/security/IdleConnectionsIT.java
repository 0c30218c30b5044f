package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.it.security.SecurityFixtures.Inbox;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;
import org.rmichat.server.rmi.ConnectionLimits;

/**
 * Connections that cost a thread and a file descriptor without chatting are closed: one that sends nothing, or
 * stops inside the handshake, after the first call timeout; one that has made a call and then idles, after the
 * idle timeout; and one address gets only so many at once. The attacker connects from 127.0.0.2 (all of
 * 127/8 is loopback on Linux), so the cap on it leaves alice and bob, on 127.0.0.1, chatting throughout.
 */
@Timeout(60)
class IdleConnectionsIT {
    private static final byte[] JRMP_HEADER = {'J', 'R', 'M', 'I', 0, 2, 0x4B};   // magic, version 2, stream
    private static final byte PING = 0x52;
    private static final byte PING_ACK = 0x53;

    private ChatServer server;

    private void start(ConnectionLimits limits) throws Exception {
        server = new ChatServer(ServerConfig.loopback(RoomConfig.defaults()).withConnectionLimits(limits)).start();
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop();
    }

    @Test
    void silentAndStalledConnectionsAreClosedWhilePeopleTalk() throws Exception {
        start(ConnectionLimits.defaults().withFirstCallTimeout(Duration.ofSeconds(1)));
        try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice");
             Socket silent = attacker(); Socket stalled = attacker()) {
            handshake(stalled);   // then nothing: the classic slow client

            alice.type("while they wait");
            assertEquals("alice: while they wait", bob.awaitShown(line -> line.startsWith("alice: ")));
            assertClosedByServer(silent);
            assertClosedByServer(stalled);
            alice.type("after");
            assertEquals("alice: after", bob.awaitShown(line -> line.startsWith("alice: ")));
        }
    }

    @Test
    void aConnectionIdleAfterItsFirstCallIsClosedLater() throws Exception {
        start(new ConnectionLimits(Duration.ofMillis(500), Duration.ofSeconds(2), 0));
        try (Socket socket = attacker()) {
            DataOutputStream out = handshake(socket);
            out.writeByte(PING);
            out.flush();
            assertEquals(PING_ACK, new DataInputStream(socket.getInputStream()).readByte());

            // past the first call timeout now; the idle timeout closes it
            assertClosedByServer(socket);
        }
    }

    @Test
    void oneAddressGetsOnlyItsShareOfConnections() throws Exception {
        start(ConnectionLimits.defaults().withMaxPerAddress(4));
        List<Socket> held = new ArrayList<>();
        try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice")) {
            for (int i = 0; i < 4; i++) {
                held.add(attacker());
                handshake(held.get(i));   // answered, so each was admitted and counted
            }
            try (Socket fifth = attacker()) {
                assertClosedByServer(fifth);
            }
            alice.type("still here");
            assertEquals("alice: still here", bob.awaitShown(line -> line.startsWith("alice: ")));

            Socket first = held.remove(0);
            first.shutdownOutput();   // the server reads the end and closes its side, freeing the slot first
            assertClosedByServer(first);
            first.close();
            try (Socket again = attacker()) {
                handshake(again);   // a slot came free
            }
        } finally {
            for (Socket socket : held) socket.close();
        }
    }

    /** A connection from 127.0.0.2, reading with a bound so a test fails rather than hangs. */
    private Socket attacker() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port(),
                InetAddress.getByName("127.0.0.2"), 0);
        socket.setSoTimeout((int) SecurityFixtures.WAIT.toMillis());
        return socket;
    }

    /** RMI's stream protocol up to the point where a call would start; returns the output to go on with. */
    private static DataOutputStream handshake(Socket socket) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.write(JRMP_HEADER);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertEquals(0x4E, in.readByte(), "ProtocolAck");
        in.readUTF();   // the address the server sees us at
        in.readInt();
        out.writeUTF("127.0.0.2");
        out.writeInt(0);
        out.flush();
        return out;
    }

    private static void assertClosedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            assertEquals(-1, in.read(), "the server sent something instead of closing");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after " + SecurityFixtures.WAIT, e);
        } catch (IOException e) {
            // reset rather than closed: closed all the same
        }
    }
}
