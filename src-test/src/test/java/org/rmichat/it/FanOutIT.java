package org.rmichat.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many clients sending at once over real RMI: everyone gets everyone else's lines once, in one order. */
@Timeout(60)
class FanOutIT {
    private static final int CLIENTS = 8;
    private static final int MESSAGES = 100;

    @Test
    void everyClientReceivesEveryOtherClientsMessagesOnceInTheSameOrder() throws Exception {
        try (var server = ServerFixture.start()) {
            List<TestClient> clients = new ArrayList<>();
            ExecutorService senders = Executors.newFixedThreadPool(CLIENTS);
            try {
                for (int i = 0; i < CLIENTS; i++) clients.add(TestClient.join(server.service(), "c" + i));
                for (int i = 0; i < CLIENTS; i++) clients.get(i).next(CLIENTS - 1 - i);   // later joins

                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> sent = new ArrayList<>();
                for (TestClient client : clients) {
                    sent.add(senders.submit(() -> {
                        go.await();
                        for (int m = 0; m < MESSAGES; m++) client.send(client.name() + "-" + m);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : sent) f.get(30, TimeUnit.SECONDS);

                List<List<String>> received = new ArrayList<>();
                for (TestClient client : clients) received.add(client.nextMessages((CLIENTS - 1) * MESSAGES));

                OneOrder.assertEveryoneSawOneOrder(clients.stream().map(TestClient::name).toList(), received);
            } finally {
                senders.shutdownNow();
                senders.awaitTermination(5, TimeUnit.SECONDS);
                clients.forEach(TestClient::close);
            }
        }
    }
}
