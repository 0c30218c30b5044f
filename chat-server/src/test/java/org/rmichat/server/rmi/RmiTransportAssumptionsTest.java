package org.rmichat.server.rmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.Session;
import org.rmichat.server.core.ChatRoom;
import org.rmichat.server.core.InMemoryEventBus;
import org.rmichat.server.core.RoomConfig;
import org.rmichat.server.core.Ticker;

/**
 * What the server's transport tricks assume of the JDK's RMI, checked against the JDK's RMI itself over
 * loopback: these fail when a JDK stops behaving as assumed, and the trick then pays nothing or breaks.
 */
@Timeout(30)
class RmiTransportAssumptionsTest {
    /** A call that waits on the server until released, as a long poll does. */
    public interface LongCall extends Remote {
        int await(String payload) throws RemoteException;
    }

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService caller = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-long-call"));
    private final ConnectionGuard guard = new ConnectionGuard(ConnectionLimits.defaults(), 1 << 20, Ticker.system());
    private final BoundServerSocketFactory serverSockets =
            new BoundServerSocketFactory(Optional.of(InetAddress.getLoopbackAddress()), Optional.empty(), guard);
    private Remote exported;
    private ChatRoom room;

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        caller.shutdownNow();
        assertTrue(caller.awaitTermination(10, TimeUnit.SECONDS), "the caller did not stop");
        if (exported != null) UnicastRemoteObject.unexportObject(exported, true);
        if (room != null) room.close();
        serverSockets.closeAll();
    }

    /**
     * RMI reads an accepted socket's stream as it is when the stream supports mark, and keeps no mark across a
     * call: so a connection waiting in a long call holds no read buffer. If RMI put a buffer of its own in front
     * (every read then asks for 8 KiB and goes past ours), or held a mark, this fails.
     */
    @Test
    void aConnectionWaitingInALongCallHoldsNoReadBufferAndRmiAddedNoneOfItsOwn() throws Exception {
        Waiting waiting = new Waiting();
        exported = waiting;
        LongCall stub = (LongCall) UnicastRemoteObject.exportObject(waiting, 0, null, serverSockets);
        String payload = "x".repeat(3 * ReleasingBufferedInputStream.DEFAULT_BUFFER_SIZE);

        Future<Integer> call = caller.submit(() -> stub.await(payload));
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the call never reached the server");

        List<ReleasingBufferedInputStream> read = guard.live().stream().map(GuardedSocket::readBuffer)
                .filter(buffer -> buffer != null).toList();
        assertFalse(read.isEmpty(), "no connection was read through a GuardedSocket");
        for (ReleasingBufferedInputStream buffer : read) {
            assertTrue(buffer.buffersTaken() > 0, "RMI read past our buffer: it has one of its own in front");
            assertFalse(buffer.holdsBuffer(), "a connection in a call still holds its read buffer");
        }
        release.countDown();
        assertEquals(payload.length(), call.get(10, TimeUnit.SECONDS));
    }

    /**
     * A poll travels as {@code PollRequestWire} (one class of primitives) through RMI's own marshalling, the
     * server's call filter lets it in, and the server reads it back as the request it was.
     */
    @Test
    void aPollTravelsInItsWireFormAndTheServerReadsItAsThePoll() throws Exception {
        room = new ChatRoom(RoomConfig.defaults(), new InMemoryEventBus(), Ticker.system());
        room.start();
        RmiChatService service = new RmiChatService(room, Ticker.system());
        exported = service;
        Recording recording = new Recording();
        ChatService stub = (ChatService) UnicastRemoteObject.exportObject(service, 0, recording, serverSockets,
                SerialFilters.service(room.limits().maxMessageLength()));
        Session alice = stub.join(new JoinRequest("alice", null));
        recording.clear();

        PollResult result = stub.poll(new PollRequest(alice.token(), 0, 10, 0));

        assertTrue(result.isEmpty(), "an empty chat has nothing for alice: " + result.events());
        String sent = recording.text();
        assertTrue(sent.contains("org.rmichat.api.PollRequestWire"), "the poll did not travel as its wire form");
        assertFalse(sent.contains("SessionToken"), "the token travelled as a record");
        assertFalse(sent.replace("PollRequestWire", "").contains("PollRequest"), "the request travelled as a record");
    }

    private final class Waiting implements LongCall {
        @Override
        public int await(String payload) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return payload.length();
        }
    }

    /** Client sockets that keep a copy of everything written. */
    private static final class Recording implements RMIClientSocketFactory {
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(host, port) {
                @Override
                public OutputStream getOutputStream() throws IOException {
                    return new FilterOutputStream(super.getOutputStream()) {
                        @Override
                        public void write(byte[] bytes, int offset, int length) throws IOException {
                            synchronized (written) {
                                written.write(bytes, offset, length);
                            }
                            out.write(bytes, offset, length);
                        }
                    };
                }
            };
        }

        void clear() {
            synchronized (written) {
                written.reset();
            }
        }

        String text() {
            synchronized (written) {
                return written.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }
}
