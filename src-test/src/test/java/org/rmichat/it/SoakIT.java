package org.rmichat.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.rmichat.api.ChatService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.server.core.RoomConfig;

/**
 * Fifty clients each send 200 lines while five of them keep leaving and coming back. Everyone who stayed
 * must end with every line exactly once, in the one order all of them share.
 */
@Timeout(90)
class SoakIT {
    private static final int STAYING = 45;
    private static final int CHURNING = 5;
    private static final int MESSAGES = 200;
    private static final int LINES_PER_VISIT = 20;

    @Test
    void everyoneWhoStayedGetsEveryLineOnceInOneOrder() throws Exception {
        // ten thousand lines as fast as fifty threads can send them, all from 127.0.0.1: a load, not a flood
        try (var server = ServerFixture.startUnthrottled(RoomConfig.defaults().withRateLimit(0, 1))) {
            ChatService service = server.service();
            List<TestClient> staying = new ArrayList<>();
            ExecutorService senders = Executors.newFixedThreadPool(STAYING + CHURNING);
            try {
                for (int i = 0; i < STAYING; i++) staying.add(TestClient.join(service, "s" + i));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> work = new ArrayList<>();
                for (TestClient client : staying) {
                    work.add(senders.submit(() -> {
                        go.await();
                        for (int m = 0; m < MESSAGES; m++) client.send(client.name() + "-" + m);
                        return null;
                    }));
                }
                for (int c = 0; c < CHURNING; c++) {
                    String name = "c" + c;
                    work.add(senders.submit(() -> {
                        go.await();
                        for (int m = 0; m < MESSAGES; m += LINES_PER_VISIT) {
                            try (TestClient visit = TestClient.join(service, name)) {
                                for (int k = m; k < m + LINES_PER_VISIT; k++) visit.send(name + "-" + k);
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : work) f.get(60, TimeUnit.SECONDS);

                int expected = (STAYING - 1 + CHURNING) * MESSAGES;
                List<List<String>> received = new ArrayList<>();
                for (TestClient client : staying) received.add(client.nextMessages(expected));

                OneOrder.assertEveryoneSawOneOrder(staying.stream().map(TestClient::name).toList(), received);
            } finally {
                senders.shutdownNow();
                senders.awaitTermination(5, TimeUnit.SECONDS);
                staying.forEach(TestClient::close);
            }
        }
    }
}
