package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
import org.rmichat.api.SessionClosedException;
import org.rmichat.server.core.RoomConfig;

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
    void aClientThatStopsReadingItsStreamIsEvictedOnceMaxQueueEventsAreHeldNotAMegabyteLater() throws Exception {
        int maxQueue = 100;
        ExecutorService caller = Executors.newSingleThreadExecutor(r -> new Thread(r, "stream-caller"));
        CountDownLatch resume = new CountDownLatch(1);
        // a stream that may last the whole test: one that ended on its own would let the queue fill without the fix
        RoomConfig room = RoomConfig.defaults().withRateLimit(0, 1).withMaxQueue(maxQueue)
                .withSessionTimeout(Duration.ofSeconds(90)).withMaxPollWait(Duration.ofSeconds(30));
        try (var server = ServerFixture.startUnthrottled(room);
             var carol = TestClient.join(server.service(), "carol");
             var bob = TestClient.join(server.service(), "bob")) {
            ChatService service = server.service();
            carol.nextLines(1);   // bob joined
            Session stopped = service.join(new JoinRequest("stopped", null));
            bob.nextLines(1);
            BlockingQueue<PollResult> arrived = new LinkedBlockingQueue<>();
            // its reading thread stops inside the first batch, as a SIGSTOP stops the whole client: nothing more
            // is read from the socket, and nothing is acknowledged
            Future<PollStream> call = caller.submit(() -> {
                PollStream.Receiver stopsReading = batch -> {
                    arrived.add(batch);
                    try {
                        resume.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("test over");
                    }
                };
                try (PollStream.Reception reception = PollStream.receiveOn(stopsReading)) {
                    return service.pollStream(new PollRequest(stopped.token(), 0, 1_000, 30_000));
                }
            });

            // bob reads each line before the next is sent, so only the stopped client falls behind. If what was
            // written and not acknowledged did not count, the stream would take every line into socket buffers,
            // and 4 × max-queue short lines would go by without an eviction.
            String evicted = "🔴 stopped left (too far behind)";
            List<String> seen = new ArrayList<>();
            int sent = 0;
            while (!seen.contains(evicted) && sent < 4 * maxQueue) {
                carol.send("m" + sent);
                String line = "carol: m" + sent++;
                while (!seen.contains(line)) seen.addAll(bob.nextLines(1));
            }
            assertTrue(seen.contains(evicted), "not evicted after " + sent + " lines");
            // the line that found max-queue lines held is m<max-queue>: queued and in flight count alike
            int lastHeld = seen.indexOf("carol: m" + (maxQueue - 1));
            assertTrue(lastHeld >= 0 && seen.indexOf(evicted) > lastHeld, seen.toString());
            assertTrue(sent <= maxQueue + 5, "evicted only after " + sent + " lines");

            resume.countDown();
            PollStream ended = call.get(10, TimeUnit.SECONDS);
            int written = arrived.stream().mapToInt(batch -> batch.events().size()).sum();
            // half the queue went out before the stream ended itself, waiting for an acknowledgement
            assertEquals(maxQueue / 2, written, ended.batches() + " batches");
            var closed = assertThrows(SessionClosedException.class,
                    () -> service.pollStream(new PollRequest(stopped.token(), written, 1_000, 10_000)));
            assertEquals(SessionClosedException.TOO_FAR_BEHIND, closed.getMessage());
        } finally {
            resume.countDown();
            caller.shutdownNow();
            assertTrue(caller.awaitTermination(10, TimeUnit.SECONDS), "the stream caller did not stop");
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
