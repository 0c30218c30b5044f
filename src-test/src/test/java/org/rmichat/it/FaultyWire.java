package org.rmichat.it;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.rmichat.api.ChatService;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;
import org.rmichat.client.ServiceLookup;

/**
 * The wire between a client and a real server, with faults a test switches on: a poll reply lost after
 * the server sent it (for a streamed poll: the stream breaking as its first batch with events arrives), or
 * polls held back so the session falls behind.
 */
final class FaultyWire implements ServiceLookup {
    private final ServerFixture server;
    private final AtomicBoolean dropNextReplyWithEvents = new AtomicBoolean();
    private final AtomicInteger droppedReplies = new AtomicInteger();
    private volatile CountDownLatch pollGate = new CountDownLatch(0);

    FaultyWire(ServerFixture server) {
        this.server = server;
    }

    /** The next poll reply that carries events is thrown away, as if the connection broke on its way back. */
    void dropNextReplyWithEvents() {
        dropNextReplyWithEvents.set(true);
    }

    int droppedReplies() {
        return droppedReplies.get();
    }

    /** Polls wait before reaching the server until {@link #releasePolls}. */
    void holdPolls() {
        pollGate = new CountDownLatch(1);
    }

    void releasePolls() {
        pollGate.countDown();
    }

    @Override
    public ChatService lookup() throws RemoteException, NotBoundException {
        ChatService real;
        try {
            real = server.service();
        } catch (RemoteException | NotBoundException e) {
            throw e;
        } catch (Exception e) {
            throw new RemoteException("lookup failed", e);
        }
        return (ChatService) Proxy.newProxyInstance(ChatService.class.getClassLoader(),
                new Class<?>[] {ChatService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("poll") || method.getName().equals("pollStream")) pollGate.await();
                    if (method.getName().equals("pollStream")) return stream(real, (PollRequest) args[0]);
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof PollResult batch && !batch.isEmpty()
                            && dropNextReplyWithEvents.compareAndSet(true, false)) {
                        droppedReplies.incrementAndGet();
                        throw new RemoteException("reply lost on the wire");
                    }
                    return result;
                });
    }

    /**
     * A streamed poll whose first batch with events, once asked to drop one, breaks the stream as it arrives: the
     * client never sees it, and the call fails as a connection breaking mid-stream would.
     */
    private PollStream stream(ChatService real, PollRequest request) throws Exception {
        PollStream.Receiver client = PollStream.receiverOnThisThread().orElse(null);
        PollStream.Receiver faulty = new PollStream.Receiver() {
            @Override
            public void batch(PollResult batch) throws IOException {
                if (!batch.isEmpty() && dropNextReplyWithEvents.compareAndSet(true, false)) {
                    droppedReplies.incrementAndGet();
                    throw new IOException("stream broken on the wire");
                }
                if (client != null) client.batch(batch);
            }

            @Override
            public void keepAlive() throws IOException {
                if (client != null) client.keepAlive();
            }
        };
        try (PollStream.Reception reception = PollStream.receiveOn(faulty)) {
            return real.pollStream(request);
        }
    }

    @Override
    public String describe() {
        return server.address().toString();
    }
}
