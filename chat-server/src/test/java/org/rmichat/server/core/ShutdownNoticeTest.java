package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.Notice;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.Session;

/** The server goes away only once each client has shown its notice, not when a poll merely took it. */
@Timeout(30)
class ShutdownNoticeTest {

    @Test
    void theShutdownWaitsUntilTheNoticeIsAcknowledgedNotJustTaken() throws Exception {
        try (ChatRoom room = new ChatRoom(RoomConfig.defaults(), new InMemoryEventBus(), Ticker.system())) {
            room.start();
            Session alice = room.join(new JoinRequest("alice", null));
            CountDownLatch announced = new CountDownLatch(1);
            Thread shutdown = new Thread(() -> {
                try {
                    room.announceShutdown(20_000);
                    announced.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-shutdown");
            shutdown.start();

            PollResult taken = room.poll(new PollRequest(alice.token(), 0, 100, 5_000));
            assertEquals(List.of(new Notice(Notice.SHUTTING_DOWN)), taken.events());
            // the reply is on its way, perhaps still being written: the server must not go yet
            assertFalse(announced.await(300, TimeUnit.MILLISECONDS), "went away with the notice in flight");

            room.poll(new PollRequest(alice.token(), taken.lastSeq(), 100, 0));   // shown: acknowledged
            assertTrue(announced.await(5, TimeUnit.SECONDS));
            shutdown.join(5_000);
        }
    }
}
