package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;
import org.rmichat.api.Protocol;
import org.rmichat.api.Session;

/** Streamed poll replies over real RMI, and single replies for a client of before them, on one server. */
@Timeout(60)
class StreamIT {

    @Test
    void eachBatchOfAStreamReachesTheClientBeforeTheCallReturns() throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor(r -> new Thread(r, "stream-caller"));
        try (var server = ServerFixture.start();
             var alice = TestClient.join(server.service(), "alice")) {
            ChatService service = server.service();
            Session bob = service.join(new JoinRequest("bob", null));
            assertEquals(Protocol.VERSION, bob.protocol());
            alice.nextLines(1);   // bob joined
            BlockingQueue<PollResult> arrived = new LinkedBlockingQueue<>();

            Future<PollStream> call = caller.submit(() -> {
                try (PollStream.Reception reception = PollStream.receiveOn(arrived::add)) {
                    return service.pollStream(new PollRequest(bob.token(), 1, 100, 10_000));
                }
            });
            alice.send("one");
            PollResult first = arrived.poll(10, TimeUnit.SECONDS);
            assertNotNull(first);
            assertEquals(List.of(new MessagePosted(alice.session().userId(), "alice", "one")), first.events());
            assertFalse(call.isDone(), "the call returned before its stream ended");

            alice.send("two");
            PollResult second = arrived.poll(10, TimeUnit.SECONDS);
            assertNotNull(second);
            assertEquals(first.lastSeq() + 1, second.firstSeq());
            assertEquals("two", ((MessagePosted) second.events().get(0)).text());

            service.leave(bob.token());   // a closed session ends the stream, and says so
            PollStream ended = call.get(10, TimeUnit.SECONDS);
            assertTrue(ended.closedReason().isPresent());
            assertEquals(2, ended.batches());
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aClientOfProtocolThreeGetsSingleRepliesFromTheSameServer() throws Exception {
        try (var server = ServerFixture.start();
             var alice = TestClient.join(server.service(), "alice")) {
            ChatService service = server.service();
            Session old = service.join(new JoinRequest("old", null, 0, null, 3));
            alice.nextLines(1);

            alice.send("hello");
            PollResult reply = service.poll(new PollRequest(old.token(), 1, 100, 5_000));
            PollResult lines = reply.events().stream().anyMatch(e -> e instanceof MessagePosted) ? reply
                    : service.poll(new PollRequest(old.token(), reply.lastSeq(), 100, 5_000));

            assertEquals(List.of(new MessagePosted(alice.session().userId(), "alice", "hello")), lines.events());
        }
    }
}
